// Small helpers for the CLI's arguments, so every command reports bad input the same way.
import { isIsoDate } from '../../domain/dates.ts';

export class UsageError extends Error {}

export function asOfOption(value: string | undefined): string | undefined {
	if (value === undefined) return undefined;
	if (!isIsoDate(value)) throw new UsageError(`--as-of must be a date like 2014-12-31, not "${value}"`);
	return value;
}
