// `stackwise whatif --scenario FILE [--as-of DATE] [--data real|generated|all] [--json]`: the policy
// what-if from the same query layer as POST /api/whatif and /policy/what-if, as JSON (--json:
// stdout holds only the JSON) or as a short readable summary.
import { readFileSync } from 'node:fs';
import { parseScenario, ScenarioError, type Remaining } from '../../domain/whatif/index.ts';
import { whatifParams } from '../http/whatif-params.ts';
import { getWhatIf } from '../queries/whatif.ts';
import { UsageError, command } from './args.ts';
import { ANSWER_OPTIONS, suppressionOption } from './metrics.ts';
import { cliParams } from './schema-args.ts';

const show = (v: number | null) => (v === null ? 'withheld' : v.toLocaleString('en'));
/** A median is null when withheld, or when fewer than half ever complete. */
const median = (v: number | null, withheld: boolean) =>
	v !== null ? `${v} days` : withheld ? 'withheld' : 'not reached (under half complete)';

/** Those in progress, with the mean credentials and nominal hours to go (— when withheld or unknown). */
const toGo = (r: Remaining) =>
	`${show(r.inProgress)} (${r.meanCredentials === null ? '—' : r.meanCredentials.toFixed(1)} credentials, ${r.meanHours === null ? '—' : Math.round(r.meanHours)} hours to go on average)`;

export const whatifCommand = command({
	options: {
		scenario: { type: 'string' },
		'as-of': { type: 'string' },
		data: { type: 'string' },
		...ANSWER_OPTIONS
	},
	positionals: { none: 'whatif' },
	run: async ({ values }, { openDb, stdout }) => {
		if (!values.scenario) throw new UsageError('whatif needs --scenario FILE');
		const params = cliParams(whatifParams, { 'as-of': values['as-of'], data: values.data });
		let text: string;
		try {
			text = readFileSync(values.scenario, 'utf8');
		} catch (e) {
			throw new UsageError(`--scenario: cannot read ${values.scenario} (${(e as Error).message})`);
		}
		let answer;
		try {
			let json: unknown;
			try {
				json = JSON.parse(text);
			} catch (e) {
				throw new ScenarioError(`${values.scenario} is not JSON (${(e as Error).message})`);
			}
			answer = await getWhatIf(await openDb(), {
				scenario: parseScenario(json),
				asOf: params.asOf,
				data: params.data,
				suppression: suppressionOption(values['no-suppression'])
			});
		} catch (e) {
			if (e instanceof ScenarioError) throw new UsageError(e.message);
			throw e;
		}
		if (values.json) {
			stdout.write(JSON.stringify(answer) + '\n');
			return 0;
		}
		stdout.write(
			`What if: ${answer.scenario.title ?? `${answer.scenario.changes.length} change(s)`} (${answer.data} data, as of ${answer.asOf})\n`
		);
		for (const w of answer.warnings) stdout.write(`warning: ${w}\n`);
		for (const q of answer.qualifications) {
			stdout.write(
				`\n${q.id} ${q.title}\n  learners ${show(q.learners)}; completing now ${show(q.completedNow)}, under the scenario ${show(q.completedScenario)} (difference ${show(q.difference)})\n` +
					`  median time now ${median(q.medianDaysNow, q.learners === null)}, under the scenario ${median(q.medianDaysScenario, q.completedScenario === null)}\n` +
					`  still in progress now ${toGo(q.remainingNow)}; under the scenario ${toGo(q.remainingScenario)}\n` +
					(q.suppressed ? `  (${q.suppressed})\n` : '')
			);
		}
		const o = answer.overall;
		stdout.write(
			`\nOverall (${o.qualifications} qualifications, learner–qualification pairs): completing now ${show(o.completedNow)}, under the scenario ${show(o.completedScenario)}; recognitions created ${show(o.recognitionsCreated)}\n${answer.policy}\n`
		);
		return 0;
	}
});
