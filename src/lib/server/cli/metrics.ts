// `stackwise metrics …`: the same query layer the dashboards and the API use, printed as JSON
// (--json: stdout holds only the JSON) or as a readable table.
import { parseArgs } from 'node:util';
import { readSettings } from '../config.ts';
import type { Suppression } from '../../domain/equity/compare-groups.ts';
import { getCompletion } from '../queries/completion.ts';
import { getConformance } from '../queries/conformance.ts';
import { SYSTEM } from '../queries/scope.ts';
import { getTimeToCredential } from '../queries/time-to-credential.ts';
import { getStacking } from '../queries/stacking.ts';
import { isDimension, DATA_ORIGINS, type DataOrigin } from '../queries/scope.ts';

import type { GroupDimension } from '../../domain/types.ts';
import { UsageError, asOfOption, breakdownsOption } from './args.ts';
import type { CommandContext } from './main.ts';

const common = {
	credential: { type: 'string' },
	by: { type: 'string' },
	'as-of': { type: 'string' },
	json: { type: 'boolean', default: false },
	// Small cells are withheld for everyone but an administrator looking at raw figures.
	'no-suppression': { type: 'boolean', default: false },
	// Generated (demo, synthetic) data is left out unless asked for.
	data: { type: 'string', default: 'real' }
} as const;

function dataOption(value: string | undefined): DataOrigin {
	if (!(DATA_ORIGINS as readonly string[]).includes(value ?? 'real'))
		throw new UsageError('--data is real, generated or all');
	return (value ?? 'real') as DataOrigin;
}

/** The CLI's disclosure policy; --no-suppression: the administrator's exact figures. */
export function suppressionOption(off: boolean | undefined): Suppression {
	return off ? false : readSettings().cliDisclosure;
}

export async function metricsCommand(argv: string[], context: CommandContext): Promise<number> {
	const [metric, ...rest] = argv;
	switch (metric) {
		case 'completion':
			return completion(rest, context);
		case 'time-to-credential':
			return timeToCredential(rest, context);
		case 'conformance':
			return conformance(rest, context);
		case 'stacking':
			return stacking(rest, context);
		default:
			throw new UsageError(
				`metrics: unknown metric "${metric ?? ''}" (completion, time-to-credential, stacking, conformance)`
			);
	}
}

const pct = (x: number | null | undefined) =>
	x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`;

async function completion(argv: string[], { openDb, stdout }: CommandContext): Promise<number> {
	const { values } = parseArgs({ args: argv, options: { ...common, reference: { type: 'string' } } });
	const db = await openDb();
	const result = await getCompletion(db, {
		scope: SYSTEM,
		data: dataOption(values.data),
		asOf: asOfOption(values['as-of']),
		by: breakdownsOption(values.by),
		filters: { credentialId: values.credential },
		reference: values.reference,
		suppression: suppressionOption(values['no-suppression'])
	});
	if (values.reference && result.reference !== values.reference)
		throw new UsageError(
			`--reference: no published group "${values.reference}" (groups: ${result.rows.map((r) => r.group).join(', ')})`
		);
	if (values.json) {
		stdout.write(JSON.stringify(result.rows) + '\n');
		return 0;
	}
	stdout.write(
		`${'group'.padEnd(34)} ${'completed'.padStart(9)} ${'known'.padStart(7)} ${'in prog.'.padStart(8)}  ${'rate (95% CI)'.padEnd(24)} ratio\n`
	);
	for (const r of result.rows) {
		const label =
			String(r.group ?? 'all') + (r.group !== null && r.group === result.reference ? ' (ref.)' : '');
		if (r.suppressed) {
			stdout.write(`${label.padEnd(34)} withheld: ${r.suppressed}\n`);
			continue;
		}
		const ratio = r.ratio === null ? '' : `${r.ratio.toFixed(2)}${r.fourFifths ? ' below 4/5' : ''}`;
		stdout.write(
			`${label.padEnd(34)} ${String(r.completed).padStart(9)} ${String(r.known).padStart(7)} ${String(r.inProgress).padStart(8)}  ${`${pct(r.rate)} (${pct(r.low)}–${pct(r.high)})`.padEnd(24)} ${ratio}\n`
		);
	}
	return 0;
}

function atOption(value: string | undefined): number[] | undefined {
	if (!value) return undefined;
	const days = value.split(',').map((s) => Number(s.trim()));
	if (days.some((d) => !Number.isInteger(d) || d < 0))
		throw new UsageError(`--at takes whole days ≥ 0, like 60,120,240 (not "${value}")`);
	return days;
}

async function timeToCredential(argv: string[], { openDb, stdout }: CommandContext): Promise<number> {
	const { values } = parseArgs({ args: argv, options: { ...common, at: { type: 'string' } } });
	const by = breakdownsOption(values.by);
	const db = await openDb();
	const result = await getTimeToCredential(db, {
		scope: SYSTEM,
		data: dataOption(values.data),
		asOf: asOfOption(values['as-of']),
		by,
		at: atOption(values.at),
		filters: { credentialId: values.credential },
		suppression: suppressionOption(values['no-suppression'])
	});
	if (values.json) {
		if (by.length === 0) {
			const { group: _g, suppressed, ...rest } = result.groups[0];
			stdout.write(JSON.stringify(suppressed ? { ...rest, suppressed } : rest) + '\n');
		} else stdout.write(JSON.stringify(result.groups) + '\n');
		return 0;
	}
	for (const g of result.groups) {
		stdout.write(`${by.length ? `${g.group}: ` : ''}`);
		if (g.suppressed) {
			stdout.write(`withheld: ${g.suppressed}\n`);
			continue;
		}
		const median = g.median
			? `${g.median.days} days (95% CI ${g.median.low ?? '—'}–${g.median.high ?? '—'})`
			: 'not reached (under half complete)';
		stdout.write(`${g.n} enrolments, ${g.inProgress} in progress; median time to credential ${median}\n`);
		stdout.write(
			`  mean days among completers (secondary; ignores withdrawals and those still studying): ${g.meanDaysAmongCompleters?.toFixed(1) ?? '—'}\n`
		);
		for (const p of g.points.slice(0, 40))
			stdout.write(
				`  day ${String(p.day).padStart(4)}: completed ${pct(p.completed)} (${pct(p.completedLow)}–${pct(p.completedHigh)}), withdrawn ${pct(p.withdrawn)}, failed ${pct(p.failed)}\n`
			);
		if (g.points.length > 40) stdout.write(`  … ${g.points.length - 40} more days (use --at or --json)\n`);
	}
	return 0;
}

async function conformance(argv: string[], { openDb, stdout }: CommandContext): Promise<number> {
	const { values } = parseArgs({
		args: argv,
		options: {
			'as-of': common['as-of'],
			json: common.json,
			data: common.data,
			'verified-only': { type: 'boolean', default: false },
			'no-suppression': common['no-suppression']
		}
	});
	const db = await openDb();
	const report = await getConformance(db, {
		scope: SYSTEM,
		data: dataOption(values.data),
		asOf: asOfOption(values['as-of']),
		verifiedOnly: values['verified-only'],
		suppression: suppressionOption(values['no-suppression'])
	});
	if (values.json) {
		stdout.write(JSON.stringify(report) + '\n');
		return 0;
	}
	if (!report.shares) stdout.write('No awards issued yet (or their total is withheld).\n');
	else
		for (const d of ['eu', 'australia', 'unesco'] as const)
			stdout.write(
				`${d.padEnd(10)} ${pct(report.shares[d].share)} of ${report.shares.awards} awards meet the definition\n`
			);
	for (const m of report.missing.slice(0, 10))
		stdout.write(
			`  ${m.definition}: "${m.element}" missing on ${m.credentials} credentials (${m.awards} awards)\n`
		);
	return 0;
}

async function stacking(argv: string[], { openDb, stdout }: CommandContext): Promise<number> {
	const { values } = parseArgs({
		args: argv,
		options: {
			qualification: { type: 'string' },
			data: common.data,
			by: common.by,

			reference: { type: 'string' },
			'as-of': common['as-of'],
			json: common.json,
			'no-suppression': common['no-suppression']
		}
	});
	const by = breakdownsOption(values.by);
	for (const d of by)
		if (!isDimension(d)) throw new UsageError(`metrics stacking: --by takes learner groups, not "${d}"`);
	const rows = await getStacking(await openDb(), {
		scope: SYSTEM,
		data: dataOption(values.data),
		asOf: asOfOption(values['as-of']),
		qualification: values.qualification,
		by: by as GroupDimension[],
		reference: values.reference,
		suppression: suppressionOption(values['no-suppression'])
	});
	if (values.json) {
		stdout.write(JSON.stringify(rows) + '\n');
		return 0;
	}
	if (rows.length === 0)
		stdout.write('No learner holds a credential that counts toward a qualification in the catalogue.\n');
	for (const r of rows) {
		const name = `${r.qualification ?? 'all qualifications'}${r.group !== null ? ` · ${r.group}` : ''}`;
		if (r.suppressed) stdout.write(`${name}: withheld, ${r.suppressed}\n`);
		else
			stdout.write(
				`${name}: ${r.achieved} of ${r.holders} achieved, ${pct(r.rate)} (${pct(r.low)}–${pct(r.high)}); progress ${r.progress.map((p) => `${p.bin} ${p.learners ?? 'withheld'}`).join(', ')}\n`
			);
	}
	return 0;
}
