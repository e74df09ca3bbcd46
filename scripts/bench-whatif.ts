// Latency of the policy what-if. Prints a table; asserts nothing.
//   npm run bench:whatif -- [--size 1m] [--runs 7] [--work DIR] [--fresh]
// About 1,000,000 generated enrolments (`stackwise generate`, seed 9, as `npm run bench` makes
// them; files kept in --work) are imported into a PostgreSQL database of its own
// (stackwise_benchwhatif on the server of DATABASE_URL, default
// postgres://postgres@127.0.0.1:5432/test; kept between runs, --fresh makes it again). Then, for
// each of the three qualifications whose members most learners hold, a one-change scenario (its
// first elective group asks one fewer) is answered by getWhatIf — what POST /api/whatif and the
// CLI call: the scenario checked, the affected learners loaded, replayed under both rules, the
// report published under the app's disclosure policy — after one warm-up, with the result cache
// emptied before each run (the catalogue index stays warm, as in a running server).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { createDb, type Db } from '../src/lib/server/db/client.ts';
import { generateSynthetic } from '../src/lib/server/generate.ts';
import { readSettings } from '../src/lib/server/config.ts';
import { getCatalogueIndex } from '../src/lib/server/queries/catalogue-cache.ts';
import { forgetCached } from '../src/lib/server/queries/versioned-cache.ts';
import { getWhatIf } from '../src/lib/server/queries/whatif.ts';
import type { Scenario } from '../src/lib/domain/whatif/scenario.ts';
import { importChild } from './bench/run-import.ts';
import { fmt, quantile, table } from './report.ts';

const { values } = parseArgs({
	options: {
		size: { type: 'string', default: '1m' },
		runs: { type: 'string', default: '7' },
		work: { type: 'string', default: join(tmpdir(), 'stackwise-benchwhatif') },
		fresh: { type: 'boolean', default: false }
	}
});
const RUNS = Number(values.runs);
const PG_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const BENCH_DB = 'stackwise_benchwhatif';
// Measured on the generator (scripts/bench.ts): 13.55 enrolments per learner.
const ENROLMENTS_PER_LEARNER = 13.55;
const log = (line: string) => process.stderr.write(line + '\n');
const load = () =>
	`load average ${loadavg()
		.map((x) => x.toFixed(1))
		.join(' / ')} (1 / 5 / 15 min)`;

function sizeOf(text: string): number {
	const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text);
	if (!m) throw new Error(`--size: "${text}" is not a size like 1m or 200k`);
	return Math.round(Number(m[1]) * (m[2].toLowerCase() === 'm' ? 1e6 : m[2].toLowerCase() === 'k' ? 1e3 : 1));
}

/** The bench database, generated and imported unless it is already there. */
async function prepare(size: number): Promise<string> {
	const url = new URL(PG_URL);
	url.pathname = `/${BENCH_DB}`;
	const admin = postgres(PG_URL, { max: 1, onnotice: () => {} });
	try {
		const [exists] = await admin`select 1 from pg_database where datname = ${BENCH_DB}`;
		if (exists && !values.fresh) {
			log(`reusing database ${BENCH_DB} (--fresh makes it again)`);
			return url.toString();
		}
		const learners = Math.round(size / ENROLMENTS_PER_LEARNER);
		const dir = join(values.work!, String(size));
		if (!existsSync(join(dir, 'generated.json'))) {
			mkdirSync(dir, { recursive: true });
			log(`generating ${learners.toLocaleString('en')} learners in ${dir}`);
			const result = await generateSynthetic({ learners, seed: 9, outDir: dir, format: 'csv' });
			writeFileSync(join(dir, 'generated.json'), JSON.stringify(result));
		}
		await admin.unsafe(`drop database if exists "${BENCH_DB}" with (force)`);
		await admin.unsafe(`create database "${BENCH_DB}"`);
		log(`importing ${dir} into ${BENCH_DB}`);
		const imported = await importChild(dir, url.toString());
		log(`imported ${imported.rows.toLocaleString('en')} rows in ${fmt(imported.seconds)} s`);
		return url.toString();
	} finally {
		await admin.end();
	}
}

/** One-change scenarios: the first elective group of each busiest qualification asks one fewer. */
async function scenarios(db: Db): Promise<{ label: string; scenario: Scenario }[]> {
	const index = await getCatalogueIndex(db);
	const busiest = await db.query<{ target: string; holders: number }>(sql`
		select g.target_credential_id as target, count(distinct a.learner_id)::int as holders
		from requirement_groups g join requirement_members m on m.group_id = g.id
		join awards a on a.credential_id = m.credential_id
		group by 1 order by 2 desc, 1 limit 3`);
	return busiest.flatMap(({ target, holders }) => {
		const group = (index.topGroups.get(target) ?? []).find((g) => g.rule === 'n_of' && (g.n ?? 0) > 1);
		if (!group) return [];
		return [
			{
				label: `${target} (${holders.toLocaleString('en')} hold a member): ${group.id} n ${group.n} → ${group.n! - 1}`,
				scenario: { version: 1, changes: [{ type: 'requirement', group: group.id, n: group.n! - 1 }] }
			}
		];
	});
}

const size = sizeOf(values.size!);
console.log(`# Policy what-if latency — ${new Date().toISOString()}`);
console.log(
	`machine: ${cpus().length} cores (${cpus()[0]?.model}), ${fmt(totalmem() / 2 ** 30, 0)} GiB; node ${process.version}; ` +
		`getWhatIf per run (result cache emptied), ${RUNS} runs after one warm-up`
);
console.log(load());
const url = await prepare(size);
const db = await createDb({ url });
try {
	const [counts] = await db.query<{ learners: number; enrolments: number; awards: number }>(sql`
		select (select count(*) from learners)::int as learners, (select count(*) from enrolments)::int as enrolments,
		(select count(*) from awards)::int as awards`);
	console.log(
		`\n## ${counts.enrolments.toLocaleString('en')} enrolments, ${counts.learners.toLocaleString('en')} learners, ${counts.awards.toLocaleString('en')} awards (generated, seed 9), PostgreSQL`
	);
	const suppression = readSettings().disclosure;
	const rows: (string | number)[][] = [];
	const all: number[] = [];
	for (const { label, scenario } of await scenarios(db)) {
		const ask = () => getWhatIf(db, { scenario, data: 'generated', asOf: '2030-01-01', suppression });
		forgetCached('["whatif"');
		const answer = await ask();
		const times: number[] = [];
		for (let i = 0; i < RUNS; i++) {
			forgetCached('["whatif"');
			const t = performance.now();
			await ask();
			times.push(performance.now() - t);
		}
		all.push(...times);
		const q = answer.qualifications[0];
		rows.push([
			label,
			answer.qualifications.length,
			`${q?.learners ?? '—'}`,
			`${q?.completedNow ?? '—'} → ${q?.completedScenario ?? '—'}`,
			fmt(quantile(times, 0.5), 0),
			fmt(quantile(times, 0.95), 0),
			fmt(Math.max(...times), 0)
		]);
	}
	table(
		[
			'scenario',
			'qualifications moved',
			'learners',
			'completing now → scenario',
			'p50 ms',
			'p95 ms',
			'max ms'
		],
		rows
	);
	console.log(`  all runs: p50 ${fmt(quantile(all, 0.5), 0)} ms, p95 ${fmt(quantile(all, 0.95), 0)} ms`);
	console.log(`  after: ${load()}`);
} finally {
	await db.close();
}
