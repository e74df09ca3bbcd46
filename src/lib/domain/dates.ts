// Calendar arithmetic on ISO dates ('YYYY-MM-DD') in UTC, so no local time zone or daylight
// saving change can move a day.

const DAY_MS = 86_400_000;

export function isoToDayNumber(iso: string): number {
	return Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY_MS;
}

export function dayNumberToIso(day: number): string {
	return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
	return dayNumberToIso(isoToDayNumber(iso) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
	return isoToDayNumber(to) - isoToDayNumber(from);
}
