// Dates from credential documents. Rows hold calendar dates ('YYYY-MM-DD') as the issuer wrote
// them: "2022-11-10T23:30:00-08:00" is the 10th, not the UTC 11th, so the date part is taken as
// written and never passed through a JS Date. Instants (for expiry against `now`) are compared
// with Date.parse, which honours the offset.

const DATE_PREFIX = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/;

/** The calendar date of an xsd:date / xsd:dateTime string, or undefined if it is not one. */
export function calendarDate(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const m = DATE_PREFIX.exec(value.trim());
	if (!m) return undefined;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const check = new Date(Date.UTC(y, mo - 1, d));
	if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d)
		return undefined;
	return `${m[1]}-${m[2]}-${m[3]}`;
}

/** Milliseconds since the epoch of a date or date-time string; a bare date is its UTC midnight. */
export function instant(value: unknown): number | undefined {
	if (typeof value !== 'string' || !calendarDate(value)) return undefined;
	const ms = Date.parse(value.trim());
	return Number.isNaN(ms) ? undefined : ms;
}

/** Unix seconds (JWT nbf/exp/iat) to the UTC calendar date. */
export function dateFromUnixSeconds(seconds: unknown): string | undefined {
	if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return undefined;
	const d = new Date(seconds * 1000);
	return Number.isNaN(d.getTime()) ? undefined : d.toISOString().slice(0, 10);
}
