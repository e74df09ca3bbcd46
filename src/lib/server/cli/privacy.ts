// `stackwise learner consent …` and `stackwise retention apply …`.
import { parseArgs } from 'node:util';
import { applyRetention, setAnalyticsConsent } from '../privacy.ts';
import { readSettings } from '../config.ts';
import { UsageError } from './args.ts';
import type { CommandContext } from './main.ts';

export async function learnerCommand(argv: string[], { openDb, stdout }: CommandContext): Promise<number> {
	const [action, id, ...rest] = argv;
	if (action !== 'consent' || !id) throw new UsageError('learner consent <learner-id> --on|--off');
	const { values } = parseArgs({
		args: rest,
		options: { on: { type: 'boolean' }, off: { type: 'boolean' } }
	});
	if (Boolean(values.on) === Boolean(values.off))
		throw new UsageError('learner consent: give exactly one of --on, --off');
	const found = await setAnalyticsConsent(await openDb(), id, Boolean(values.on), null);
	if (!found) throw new UsageError(`no learner "${id}"`);
	stdout.write(
		`analytics consent for ${id}: ${values.on ? 'given' : 'withdrawn (removed from every aggregate)'}\n`
	);
	return 0;
}

export async function retentionCommand(argv: string[], { openDb, stdout }: CommandContext): Promise<number> {
	const [action, ...rest] = argv;
	if (action !== 'apply') throw new UsageError('retention apply [--years N] [--json]');
	const { values } = parseArgs({
		args: rest,
		options: { years: { type: 'string' }, json: { type: 'boolean', default: false } }
	});
	const years = Number(values.years ?? readSettings().retentionYears);
	if (!Number.isInteger(years) || years <= 0)
		throw new UsageError('retention: give --years N (or set STACKWISE_RETENTION_YEARS)');
	const result = await applyRetention(await openDb(), { years });
	if (values.json) stdout.write(JSON.stringify(result) + '\n');
	else
		stdout.write(
			`retention ${years} years (before ${result.cutoff}): deleted ${result.enrolments} enrolments, ${result.awards} awards, ${result.learners} learners, ${result.imports} import records\n`
		);
	return 0;
}
