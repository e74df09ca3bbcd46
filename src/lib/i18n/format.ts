// Numbers and dates as the reader's language writes them (`Intl`), in pages, charts and PNG/SVG
// exports. Machine-readable output (JSON, CSV cells, the CLI) never comes through here: it stays raw.
import { getLocale } from '$lib/paraglide/runtime.js';
import { intlTag, type Digits, type Language } from './choose.ts';

let readDigits: () => Digits = () => 'native';

/** Where the digits setting is read: the request on the server, the page's <html> in the browser. */
export function overwriteDigits(read: () => Digits) {
	readDigits = read;
}

/** The `Intl` tag for the current request or page. */
export function currentIntlTag(): string {
	return intlTag(getLocale() as Language, readDigits());
}

// One formatter per language, digits and kind, made on first use (Intl formatters are slow to make).
const formatters = new Map<string, unknown>();
function formatter<F>(kind: string, make: (tag: string) => F): F {
	const tag = currentIntlTag();
	const key = `${tag}|${kind}`;
	if (!formatters.has(key)) formatters.set(key, make(tag));
	return formatters.get(key) as F;
}
const numberFormat = (kind: string, options: Intl.NumberFormatOptions) =>
	formatter(kind, (tag) => new Intl.NumberFormat(tag, options));
const dateFormat = (kind: string, options: Intl.DateTimeFormatOptions) =>
	formatter(kind, (tag) => new Intl.DateTimeFormat(tag, options));

/** Shown where a figure is missing or not defined. */
export const NONE = '—';

/** A whole count: 32,593 · 32 593 · ٣٢٬٥٩٣. */
export function formatCount(n: number | null | undefined): string {
	return n == null ? NONE : numberFormat('count', { maximumFractionDigits: 0 }).format(n);
}

/** Any figure, with the decimals it has (up to three): 1,234 · 0.5 · 1 234,5 · ١٬٢٣٤. */
export function formatNumber(n: number | null | undefined): string {
	return n == null ? NONE : numberFormat('number', { maximumFractionDigits: 3 }).format(n);
}

/** A share (0–1) as a percentage with `fractionDigits` decimals: 47.2% · 47,2 % · ٤٧٫٢٪. */
export function formatPercent(share: number | null | undefined, fractionDigits = 1): string {
	return share == null
		? NONE
		: numberFormat(`percent${fractionDigits}`, {
				style: 'percent',
				minimumFractionDigits: fractionDigits,
				maximumFractionDigits: fractionDigits
			}).format(share);
}

/** A number with exactly `fractionDigits` decimals (a ratio, a mean): 0.83 · 0,83 · ٠٫٨٣. */
export function formatDecimal(value: number | null | undefined, fractionDigits: number): string {
	return value == null
		? NONE
		: numberFormat(`decimal${fractionDigits}`, {
				minimumFractionDigits: fractionDigits,
				maximumFractionDigits: fractionDigits
			}).format(value);
}

/**
 * A calendar date (`2014-02-03` or a Date), in UTC so the server's page and the browser's agree:
 * 3 Feb 2014 · 3 févr. 2014 · ٠٣‏/٠٢‏/٢٠١٤.
 */
export function formatDate(value: string | Date | null | undefined): string {
	if (value == null) return NONE;
	return dateFormat('date', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(value));
}

/** A moment, to the minute, in UTC (said so on the page where it matters). */
export function formatDateTime(value: string | Date | null | undefined): string {
	if (value == null) return NONE;
	return dateFormat('datetime', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(
		new Date(value)
	);
}

/** A list joined as the language joins one: "a, b and c" · "a, b et c" · "a وb وc". */
export function formatList(items: readonly string[]): string {
	return formatter('list', (tag) => new Intl.ListFormat(tag, { style: 'long', type: 'conjunction' })).format(
		items
	);
}
