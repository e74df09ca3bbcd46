import { generateSynthetic } from '../generate.ts';
import { UsageError, command } from './args.ts';
import { progressReporter } from './progress.ts';

export const generateCommand = command({
	options: {
		learners: { type: 'string' },
		seed: { type: 'string', default: '1' },
		out: { type: 'string' },
		format: { type: 'string', default: 'arrow' },
		credentials: { type: 'string' },
		json: { type: 'boolean', default: false }
	},
	run: async ({ values }, { stdout, stderr }) => {
		const learners = Number(values.learners);
		const seed = Number(values.seed);
		if (!Number.isInteger(learners) || learners <= 0)
			throw new UsageError('generate needs --learners N (a whole number > 0)');
		if (!Number.isInteger(seed)) throw new UsageError('--seed takes a whole number');
		if (values.format !== 'arrow' && values.format !== 'csv')
			throw new UsageError('--format is arrow or csv');
		const outDir = values.out ?? `generated-${learners}-seed${seed}`;
		const progress = progressReporter(stderr);
		const result = await generateSynthetic({
			learners,
			seed,
			outDir,
			format: values.format,
			credentials: values.credentials ? Number(values.credentials) : undefined,
			onProgress: (done, total) =>
				progress.update({
					file: `generating ${outDir}`,
					phase: done < total ? 'writing' : 'done',
					done,
					total
				})
		});
		progress.end();
		if (values.json) stdout.write(JSON.stringify(result) + '\n');
		else {
			for (const f of result.files) stdout.write(`${f.path}: ${f.rows} rows\n`);
			stdout.write(`Generated (synthetic, labelled so). Import with: npx stackwise import ${outDir}\n`);
		}
		return 0;
	}
});
