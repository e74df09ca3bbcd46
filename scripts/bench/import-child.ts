// One timed import in a process of its own, so its peak memory is its own: the catalogue files
// first (not timed), then the learner files in one import. Prints one JSON line.
//   tsx scripts/bench/import-child.ts <dir> <csv|arrow>   (DATABASE_URL or STACKWISE_DATA_DIR names the database)
import { join } from 'node:path';
import { createDb } from '../../src/lib/server/db/client.ts';
import { collectFiles, importFiles } from '../../src/lib/server/import/index.ts';

const [dir, format] = process.argv.slice(2);
const ext = format === 'csv' ? 'csv' : 'arrow';
const CATALOGUE = ['providers', 'credentials', 'requirement_groups', 'prerequisites', 'recognitions'];
const LEARNERS = ['learners', 'enrolments', 'awards'];

const db = await createDb({
	url: process.env.DATABASE_URL || undefined,
	dataDir: process.env.STACKWISE_DATA_DIR
});
const files = (tables: string[]) => collectFiles(tables.map((t) => join(dir, `${t}.${ext}`)));
const catalogue = await importFiles(db, files(CATALOGUE));
if (catalogue.reports.some((r) => r.status !== 'succeeded')) throw new Error('catalogue import failed');
const rssBefore = process.resourceUsage().maxRSS;
const started = performance.now();
// When the rows are in and the planner statistics and rollups start (the loader's last phase).
let summarising: number | null = null;
// When the rows are committed, for an import that counts its rollups after (rollups.ts).
let stored: number | null = null;
const { reports } = await importFiles(db, files(LEARNERS), {
	onProgress: ({ phase }) => {
		if (phase === 'summarising' && summarising === null) summarising = performance.now();
		if (phase === 'stored' && stored === null) stored = performance.now();
	}
});
const ended = performance.now();
const seconds = (ended - started) / 1000;
const failed = reports.find((r) => r.status !== 'succeeded');
if (failed) throw new Error(`import ${failed.status}: ${JSON.stringify(failed.refusal)}`);
const rows = reports.flatMap((r) => r.files).reduce((sum, f) => sum + f.stored, 0);
await db.close();
console.log(
	JSON.stringify({
		seconds,
		summarisingSeconds: summarising === null ? null : (ended - summarising) / 1000,
		storedSeconds: stored === null ? null : (stored - started) / 1000,
		rows,

		peakRssMb: process.resourceUsage().maxRSS / 1024,
		rssBeforeMb: rssBefore / 1024
	})
);
