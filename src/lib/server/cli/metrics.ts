// `stackwise metrics …`: the same questions the API answers (http/metric-questions.ts), their
// flags read by the same schemas, printed as JSON (--json: stdout holds only the JSON, the API's
// very body) or as a readable table.
import { readSettings } from '../config.ts';
import { UnknownReferenceGroup, type Suppression } from '../../domain/equity/index.ts';
import {
	completionQuestion,
	conformanceQuestion,
	flowsQuestion,
	issuanceQuestion,
	overviewQuestion,
	stackingQuestion,
	timeToCredentialQuestion,
	type MetricQuestion
} from '../http/metric-questions.ts';
import { SYSTEM } from '../queries/scope.ts';
import { UsageError, command, type CommandContext } from './args.ts';
import { cliOptionsOf, cliParams } from './schema-args.ts';

/**
 * The flags of every command that answers a question: --json prints the answer as the API gives it;
 * small cells are withheld for everyone but an administrator asking for exact figures.
 */
export const ANSWER_OPTIONS = {
	json: { type: 'boolean', default: false },
	'no-suppression': { type: 'boolean', default: false }
} as const;

/** The CLI's disclosure policy; --no-suppression: the administrator's exact figures. */
export function suppressionOption(off: boolean | undefined): Suppression {
	return off ? false : readSettings().cliDisclosure;
}

type Printer<P, A> = (answer: A, p: P, write: (line: string) => void) => void;
type Metric<P, A, Row> = {
	question: MetricQuestion<P, A, Row>;
	print?: Printer<P, A>;
	/** Why the answer does not answer what was asked, if it does not. */
	refuse?: (answer: A, p: P) => string | undefined;
};
const metric = <P, A, Row>(
	question: MetricQuestion<P, A, Row>,
	print?: Printer<P, A>,
	refuse?: Metric<P, A, Row>['refuse']
): Metric<P, A, Row> => ({ question, print, refuse });

export async function metricsCommand(argv: string[], context: CommandContext): Promise<number> {
	const [name, ...rest] = argv;
	const chosen = METRICS.find((m) => m.question.name === name);
	if (!chosen)
		throw new UsageError(
			`metrics: unknown metric "${name ?? ''}" (${METRICS.map((m) => m.question.name).join(', ')})`
		);
	return ask(chosen as Metric<unknown, unknown, unknown>)(rest, context);
}

const ask = <P, A, Row>({ question, print, refuse }: Metric<P, A, Row>) =>
	command({
		options: {
			...cliOptionsOf(question.params),
			...ANSWER_OPTIONS
		},
		run: async ({ values }, { openDb, stdout }) => {
			const p = cliParams(question.params, values);
			const access = {
				scope: SYSTEM,
				suppression: suppressionOption(values['no-suppression']),
				seesLearnerIds: false
			};
			let answer: A;
			try {
				answer = await question.answer(await openDb(), access, p);
			} catch (e) {
				if (e instanceof UnknownReferenceGroup) throw new UsageError(`--reference: ${e.message}`);
				throw e;
			}
			const refusal = refuse?.(answer, p);
			if (refusal) throw new UsageError(refusal);
			if (values.json) stdout.write(JSON.stringify(question.body(answer, p)) + '\n');
			else if (print) print(answer, p, (line) => stdout.write(line + '\n'));
			else {
				const columns = question.columns;
				stdout.write(columns.map((c) => c.key).join('\t') + '\n');
				for (const row of question.rows(answer))
					stdout.write(columns.map((c) => String(c.value(row) ?? '')).join('\t') + '\n');
			}
			return 0;
		}
	});

const pct = (x: number | null | undefined) =>
	x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`;

// Each metric's readable table (absent: the CSV columns, tab-separated).
const METRICS = [
	metric(
		completionQuestion,
		(result, p, write) => {
			write(
				`${'group'.padEnd(34)} ${'completed'.padStart(9)} ${'known'.padStart(7)} ${'in prog.'.padStart(8)}  ${'rate (95% CI)'.padEnd(24)} ratio`
			);
			for (const r of result.rows) {
				const label =
					String(r.group ?? 'all') + (r.group !== null && r.group === result.reference ? ' (ref.)' : '');
				if (r.suppressed) {
					write(`${label.padEnd(34)} withheld: ${r.suppressed}`);
					continue;
				}
				const ratio = r.ratio === null ? '' : `${r.ratio.toFixed(2)}${r.fourFifths ? ' below 4/5' : ''}`;
				write(
					`${label.padEnd(34)} ${String(r.completed).padStart(9)} ${String(r.known).padStart(7)} ${String(r.inProgress).padStart(8)}  ${`${pct(r.rate)} (${pct(r.low)}–${pct(r.high)})`.padEnd(24)} ${ratio}`
				);
			}
		},
		// A reference group whose figures are withheld is no reference: say so rather than compare with another.
		(result, p) =>
			p.reference && result.reference !== p.reference
				? `--reference: no published group "${p.reference}" (groups: ${result.rows.map((r) => r.group).join(', ')})`
				: undefined
	),
	metric(timeToCredentialQuestion, (result, p, write) => {
		for (const g of result.groups) {
			const name = p.by.length ? `${g.group}: ` : '';
			if (g.suppressed) {
				write(`${name}withheld: ${g.suppressed}`);
				continue;
			}
			const median = g.median
				? `${g.median.days} days (95% CI ${g.median.low ?? '—'}–${g.median.high ?? '—'})`
				: 'not reached (under half complete)';
			write(`${name}${g.n} enrolments, ${g.inProgress} in progress; median time to credential ${median}`);
			write(
				`  mean days among completers (secondary; ignores withdrawals and those still studying): ${g.meanDaysAmongCompleters?.toFixed(1) ?? '—'}`
			);
			for (const pt of g.points.slice(0, 40))
				write(
					`  day ${String(pt.day).padStart(4)}: completed ${pct(pt.completed)} (${pct(pt.completedLow)}–${pct(pt.completedHigh)}), withdrawn ${pct(pt.withdrawn)}, failed ${pct(pt.failed)}`
				);
			if (g.points.length > 40) write(`  … ${g.points.length - 40} more days (use --at or --json)`);
		}
	}),
	metric(stackingQuestion, (rows, _p, write) => {
		if (rows.length === 0)
			write('No learner holds a credential that counts toward a qualification in the catalogue.');
		for (const r of rows) {
			const name = `${r.qualification ?? 'all qualifications'}${r.group !== null ? ` · ${r.group}` : ''}`;
			if (r.suppressed) write(`${name}: withheld, ${r.suppressed}`);
			else
				write(
					`${name}: ${r.achieved} of ${r.holders} achieved, ${pct(r.rate)} (${pct(r.low)}–${pct(r.high)}); progress ${r.progress.map((b) => `${b.bin} ${b.learners ?? 'withheld'}`).join(', ')}`
				);
		}
	}),
	metric(conformanceQuestion, (report, _p, write) => {
		if (!report.shares) write('No awards issued yet (or their total is withheld).');
		else
			for (const d of ['eu', 'australia', 'unesco'] as const)
				write(
					`${d.padEnd(10)} ${pct(report.shares[d].share)} of ${report.shares.awards} awards meet the definition`
				);
		for (const m of report.missing.slice(0, 10))
			write(`  ${m.definition}: "${m.element}" missing on ${m.credentials} credentials (${m.awards} awards)`);
	}),
	metric(issuanceQuestion),
	metric(overviewQuestion),
	metric(flowsQuestion)
];
