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

export const SEED_PARTS = ['oulad', 'tga', 'demo'] as const;

export function seedParts(seed: string): string[] {
	if (seed === 'none' || seed === '') return [];
	if (seed === 'default' || seed === 'all') return [...SEED_PARTS];
	return seed.split(',').map((s) => s.trim());
}

export async function seedIfEmpty(
	db: Db,
	{ seed, log = console.log }: { seed: string; log?: (line: string) => void }
) {
	const parts = seedParts(seed);
	if (parts.length === 0 || !(await isEmpty(db))) return;
	log(
		`Stackwise: empty database — loading the bundled data (${parts.join(', ')}); STACKWISE_SEED=none skips this`
	);
	const progress = (name: string): LoadOptions['onProgress'] => {
		let lastStep = -1;
		return (p) => {
			const step = Math.floor((p.total ? p.done / p.total : 0) * 10);
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
		log(`Stackwise: ${name} loaded (${stored} records in ${reports.length} import(s))`);
	};
	if (parts.includes('oulad')) {
		const { reports } = await importFiles(db, collectFiles([bundledDataPath('oulad')]), {
			source: 'bundled OULAD (data/oulad)',
			onProgress: progress('OULAD')
		});
		check('OULAD', reports);
	}
	if (parts.includes('tga')) {
		const { reports } = await importFiles(db, collectFiles([bundledDataPath('tga')]), {
			onProgress: progress('training.gov.au qualifications')
		});
		check('training.gov.au', reports);
	}
	if (parts.includes('demo')) {
		const report = await runImportJob(db, demoLearnersJob(await getCatalogue(db)), {
			onProgress: progress('generated demo learners')
		});
		check('generated demo learners', [report]);
	}
}
