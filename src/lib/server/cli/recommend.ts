// `stackwise recommend`: next-step suggestions for one learner, or one JSON line per learner of a
// file (the model is loaded once and reused for all of them).
import { readFile } from 'node:fs/promises';
import { describeDays } from '../../domain/recommend/index.ts';
import { getRecommendations } from '../queries/recommend.ts';
import { readSettings } from '../config.ts';
import { UsageError, asOfOption, command } from './args.ts';

export const recommendCommand = command({
	options: {
		learner: { type: 'string' },
		'learners-file': { type: 'string' },
		goal: { type: 'string' },
		k: { type: 'string', default: '5' },
		'as-of': { type: 'string' },
		json: { type: 'boolean', default: false }
	},
	run: async ({ values }, { openDb, stdout, stderr }) => {
		const k = Number(values.k);
		if (!Number.isInteger(k) || k < 1 || k > 50)
			throw new UsageError('--k takes a whole number from 1 to 50');
		if (Boolean(values.learner) === Boolean(values['learners-file']))
			throw new UsageError('recommend: give exactly one of --learner ID, --learners-file PATH');
		// The command line's disclosure policy (config.ts): exact counts, small cells withheld.
		const options = {
			goal: values.goal ?? null,
			k,
			asOf: asOfOption(values['as-of']),
			suppression: readSettings().cliDisclosure
		};
		const db = await openDb();

		if (values['learners-file']) {
			const ids = (await readFile(values['learners-file'], 'utf8'))
				.split(/\r?\n/)
				.map((s) => s.trim())
				.filter(Boolean);
			let missing = 0;
			for (const id of ids) {
				const result = await getRecommendations(db, id, options);
				if (!result) {
					missing++;
					stdout.write(JSON.stringify({ learner: id, error: 'no such learner', recommendations: [] }) + '\n');
					continue;
				}
				stdout.write(JSON.stringify({ learner: id, recommendations: result.recommendations }) + '\n');
			}
			if (missing) stderr.write(`recommend: ${missing} of ${ids.length} learners not found\n`);
			return missing ? 1 : 0;
		}

		const result = await getRecommendations(db, values.learner!, options);
		if (!result) {
			stderr.write(`stackwise: no learner "${values.learner}"\n`);
			return 1;
		}
		if (values.json) {
			stdout.write(JSON.stringify(result.recommendations) + '\n');
			return 0;
		}
		stdout.write(
			`Next steps for ${result.learner} (${result.origin === 'real' ? 'real' : 'generated'} data)` +
				(options.goal ? `, goal ${options.goal}` : '') +
				'\n'
		);
		if (result.recommendations.length === 0)
			stdout.write('  nothing to suggest: no credential is open to this learner\n');
		result.recommendations.forEach((r, i) => {
			stdout.write(`${i + 1}. ${r.credential} ${r.title}  (score ${r.score.toFixed(3)})\n`);
			for (const reason of r.reasons) stdout.write(`     - ${reason}\n`);
			const o = r.signals.outlook;
			if (o && o.medianDays !== null && !r.reasons.some((x) => x.startsWith('Median')))
				stdout.write(`     (median ${describeDays(o.medianDays)})\n`);
		});
		return 0;
	}
});
