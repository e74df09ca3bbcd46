// `stackwise learner consent …` and `stackwise retention apply …`.
import { applyRetention, setAnalyticsConsent } from '../privacy.ts';
import { readSettings } from '../config.ts';
import { UsageError, command, subcommands } from './args.ts';

const CONSENT_USAGE = 'learner consent <learner-id> --on|--off';

const consentCommand = command({
	words: 1,
	options: { on: { type: 'boolean' }, off: { type: 'boolean' } },
	run: async ({ values, words: [id] }, { openDb, stdout }) => {
		if (!id) throw new UsageError(CONSENT_USAGE);
		if (Boolean(values.on) === Boolean(values.off))
			throw new UsageError('learner consent: give exactly one of --on, --off');
		const found = await setAnalyticsConsent(await openDb(), id, Boolean(values.on), null);
		if (!found) throw new UsageError(`no learner "${id}"`);
		stdout.write(
			`analytics consent for ${id}: ${values.on ? 'given' : 'withdrawn (removed from every aggregate)'}\n`
		);
		return 0;
	}
});

export const learnerCommand = subcommands({ consent: consentCommand }, CONSENT_USAGE);

const applyRetentionCommand = command({
	options: { years: { type: 'string' }, json: { type: 'boolean', default: false } },
	run: async ({ values }, { openDb, stdout }) => {
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
});

export const retentionCommand = subcommands(
	{ apply: applyRetentionCommand },
	'retention apply [--years N] [--json]'
);
