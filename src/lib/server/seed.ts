// A fresh install shows real numbers at once: on an empty database the app loads the bundled
// data — the Open University dataset (real), the training.gov.au qualifications (real stacking
// rules) and generated demo learners on them (labelled generated). STACKWISE_SEED chooses
// (`oulad,tga,demo` by default; `none` loads nothing). The CLI never seeds: `stackwise import X`
// on an empty database holds exactly X.
import type { Db } from './db/client.ts';
import { isEmpty } from './db/client.ts';
import { demoLearnersJob } from './import/generated.ts';
import { bundledDataPath, collectFiles, importFiles } from './import/index.ts';
import { getCatalogue } from './queries/catalogue.ts';
import { runImportJob, type ImportReport, type LoadOptions } from './import/loader.ts';
import { countPendingRollups } from './rollups.ts';

export const SEED_PARTS = ['oulad', 'tga', 'demo'] as const;

export function seedParts(seed: string): string[] {
	if (seed === 'none' || seed === '') return [];
	if (seed === 'default' || seed === 'all') return [...SEED_PARTS];
	return seed.split(',').map((s) => s.trim());
}

/** Where the first start's seeding is: the loading page shows it, the log prints it. */
export type SeedProgress = { step: string; percent: number | null; elapsedMs: number };

export async function seedIfEmpty(
	db: Db,
	{
		seed,
		log = console.log,
		onProgress = () => {},
		heartbeatMs = 5_000
	}: {
		seed: string;
		log?: (line: string) => void;
		onProgress?: (progress: SeedProgress) => void;
		/** How often the log says what is being loaded while a step is silent. */
		heartbeatMs?: number;
	}
) {
	const parts = seedParts(seed);
	if (parts.length === 0 || !(await isEmpty(db))) return;
	log(
		`Stackwise: empty database — loading the bundled data (${parts.join(', ')}); STACKWISE_SEED=none skips this`
	);
	const started = Date.now();
	const { report, progress, check, stop } = seedReporter({ log, onProgress, heartbeatMs, started });
	try {
		if (parts.includes('oulad')) {
			const { reports } = await importFiles(db, collectFiles([bundledDataPath('oulad')]), {
				source: 'bundled OULAD (data/oulad)',
				deferRollupCount: true,
				onProgress: progress('OULAD')
			});
			check('OULAD', reports);
		}
		if (parts.includes('tga')) {
			const { reports } = await importFiles(db, collectFiles([bundledDataPath('tga')]), {
				deferRollupCount: true,
				onProgress: progress('training.gov.au qualifications')
			});
			check('training.gov.au', reports);
		}
		if (parts.includes('demo')) {
			const report = await runImportJob(db, demoLearnersJob(await getCatalogue(db)), {
				deferRollupCount: true,
				onProgress: progress('generated demo learners')
			});
			check('generated demo learners', [report]);
		}
		// Each import above left the dashboards' sums pending: counted once, over everything.
		report("the dashboards' sums", null);
		await countPendingRollups(db.orm);
		log(`Stackwise: the dashboards' sums counted (${seconds(Date.now() - started)} since the start)`);
	} finally {
		stop();
	}
	log(`Stackwise: the bundled data loaded in ${seconds(Date.now() - started)}`);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * What the seeding says as it goes: each step's progress (to onProgress, and to the log every
 * tenth), each import's outcome, and a heartbeat. A step may say nothing for minutes (a large
 * catalogue file): the log says what is going on at least every few seconds, so a slow start is
 * never mistaken for a hung one.
 */
function seedReporter({
	log,
	onProgress,
	heartbeatMs,
	started
}: {
	log: (line: string) => void;
	onProgress: (progress: SeedProgress) => void;
	heartbeatMs: number;
	started: number;
}) {
	let current: SeedProgress = { step: 'starting', percent: null, elapsedMs: 0 };
	const report = (step: string, percent: number | null) => {
		current = { step, percent, elapsedMs: Date.now() - started };
		onProgress(current);
	};
	const heartbeat = setInterval(() => {
		const percent = current.percent === null ? '' : ` ${current.percent}%`;
		log(`Stackwise: loading ${current.step}${percent} (${seconds(Date.now() - started)} so far)`);
		report(current.step, current.percent);
	}, heartbeatMs);
	heartbeat.unref();
	const progress = (name: string): LoadOptions['onProgress'] => {
		let lastStep = -1;
		report(name, 0);
		return (p) => {
			const fraction = p.total ? p.done / p.total : 0;
			report(name, Math.floor(fraction * 100));
			const step = Math.floor(fraction * 10);
			if (step > lastStep) {
				lastStep = step;
				log(`Stackwise: loading ${name} ${step * 10}%`);
			}
		};
	};
	const check = (name: string, reports: ImportReport[]) => {
		for (const report of reports) {
			if (report.status !== 'succeeded')
				throw new Error(`the bundled ${name} data could not be loaded: ${JSON.stringify(report.refusal)}`);
		}
		const stored = reports.reduce((n, r) => n + r.files.reduce((m, f) => m + f.stored, 0), 0);
		log(
			`Stackwise: ${name} loaded (${stored} records in ${reports.length} import(s), ${seconds(Date.now() - started)} since the start)`
		);
	};
	return { report, progress, check, stop: () => clearInterval(heartbeat) };
}
