// CSV text from rows and column accessors: the "Download CSV" buttons, the CLI's and the API's
// CSV variants, and table exports all write through here, so every cell is neutralised here.

export type Column<T> = { key: string; label: string; value: (row: T) => string | number | null | undefined };

// A cell a spreadsheet would read as a formula (OWASP "CSV injection"): one beginning with =, +,
// @, a tab or a CR, or with - when it is not a number. Such a cell is written with a leading ' so
// it opens as text. Leading quotes are looked past, so that a value that itself begins with ' and
// a formula character gets one more: the reader then removes exactly one, and every value
// round-trips (an export imports back unchanged).
const FORMULA_START = /^'*(?:[=+@\t\r]|-(?!\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$))/;

/** The text as written to a CSV cell: a would-be formula behind a quote. */
export function neutraliseCsvText(text: string): string {
	return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Undoes `neutraliseCsvText` for a cell read back. */
export function restoreCsvText(text: string): string {
	return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

function cell(value: string | number | null | undefined): string {
	if (value === null || value === undefined) return '';
	const text = typeof value === 'number' ? String(value) : neutraliseCsvText(String(value));
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv<T>(rows: T[], columns: Column<T>[], { header = true } = {}): string {
	if (!header && rows.length === 0) return '';
	const lines = header ? [columns.map((c) => cell(c.key)).join(',')] : [];
	for (const row of rows) lines.push(columns.map((c) => cell(c.value(row))).join(','));
	return lines.join('\r\n') + '\r\n';
}
