// A fresh install shows real numbers at once: on an empty database the app loads the bundled data
// (STACKWISE_SEED=none turns this off). The CLI never seeds: `stackwise import X` on an empty
// database holds exactly X.
import type { Db } from './db/client.ts';
import { isEmpty } from './db/client.ts';
import { bundledDataPath, collectFiles, importFiles } from './import/index.ts';

export async function seedIfEmpty(
	db: Db,
	{ seed, log = console.log }: { seed: string; log?: (line: string) => void }
) {
	if (seed === 'none') return;
	if (!(await isEmpty(db))) return;
	log('Stackwise: empty database — loading the bundled OULAD data (set STACKWISE_SEED=none to skip)…');
	let lastStep = -1;
	const { reports } = await importFiles(db, collectFiles([bundledDataPath('oulad')]), {
		source: 'bundled OULAD (data/oulad)',
		onProgress: (p) => {
			const step = Math.floor((p.total ? p.done / p.total : 0) * 10);
			if (step > lastStep) {
				lastStep = step;
				log(`Stackwise: loading OULAD ${step * 10}%`);
			}
		}
	});
	for (const report of reports) {
		const stored = report.files.reduce((n, f) => n + f.stored, 0);
		log(`Stackwise: ${report.format} import ${report.status}, ${stored} rows stored`);
		if (report.status !== 'succeeded')
			throw new Error(
				`the bundled ${report.format} data could not be loaded: ${JSON.stringify(report.refusal)}`
			);
	}
}
