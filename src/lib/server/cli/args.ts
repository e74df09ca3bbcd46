// Small helpers for the CLI's arguments, so every command reports bad input the same way.
import { isIsoDate } from '../../domain/dates.ts';
import { BREAKDOWNS, isBreakdown, type Breakdown } from '../queries/scope.ts';

export class UsageError extends Error {}

export function asOfOption(value: string | undefined): string | undefined {
	if (value === undefined) return undefined;
	if (!isIsoDate(value)) throw new UsageError(`--as-of must be a date like 2014-12-31, not "${value}"`);
	return value;
}

/** `--by DIM[,DIM2]`: learner groups (gender …) or catalogue facets (credential, cohort …). */
export function breakdownsOption(value: string | undefined, max = 2): Breakdown[] {
	if (!value) return [];
	const parts = value.split(',').map((s) => s.trim());
	if (parts.length > max) throw new UsageError(`--by takes at most ${max} dimensions`);
	for (const part of parts)
		if (!isBreakdown(part)) throw new UsageError(`--by: "${part}" is not one of ${BREAKDOWNS.join(', ')}`);
	return parts as Breakdown[];
}
