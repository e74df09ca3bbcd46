import { parseArgs } from 'node:util';
import { getCompletionRates } from '../queries/completion.ts';
import { SYSTEM } from '../queries/scope.ts';
import { UsageError, asOfOption, breakdownsOption } from './args.ts';
import type { CommandContext } from './main.ts';

export async function metricsCommand(argv: string[], context: CommandContext): Promise<number> {
	const [metric, ...rest] = argv;
	switch (metric) {
		case 'completion':
			return completion(rest, context);
		default:
			throw new UsageError(`metrics: unknown metric "${metric ?? ''}" (completion)`);
	}
}

async function completion(argv: string[], { openDb, stdout }: CommandContext): Promise<number> {
	const { values } = parseArgs({
		args: argv,
		options: {
			credential: { type: 'string' },
			by: { type: 'string' },
			'as-of': { type: 'string' },
			json: { type: 'boolean', default: false }
		}
	});
	const by = breakdownsOption(values.by);
	const asOf = asOfOption(values['as-of']);
	const db = await openDb();
	const rows = await getCompletionRates(db, {
		scope: SYSTEM,
		asOf,
		by,
		filters: { credentialId: values.credential }
	});
	if (values.json) {
		stdout.write(JSON.stringify(rows) + '\n');
		return 0;
	}
	const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
	stdout.write(
		`${'group'.padEnd(32)} ${'completed'.padStart(9)} ${'known'.padStart(7)} ${'in prog.'.padStart(8)}  rate (95% CI)\n`
	);
	for (const r of rows)
		stdout.write(
			`${String(r.group ?? 'all').padEnd(32)} ${String(r.completed).padStart(9)} ${String(r.known).padStart(7)} ${String(r.inProgress).padStart(8)}  ${pct(r.rate)} (${pct(r.low)}–${pct(r.high)})\n`
		);
	return 0;
}
