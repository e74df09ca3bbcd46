// CSV text from rows and column accessors: the "Download CSV" buttons, the CLI's and the API's
// CSV variants, and table exports all write through here.

export type Column<T> = { key: string; label: string; value: (row: T) => string | number | null | undefined };

function cell(value: string | number | null | undefined): string {
	if (value === null || value === undefined) return '';
	const text = String(value);
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv<T>(rows: T[], columns: Column<T>[], { header = true } = {}): string {
	if (!header && rows.length === 0) return '';
	const lines = header ? [columns.map((c) => cell(c.key)).join(',')] : [];
	for (const row of rows) lines.push(columns.map((c) => cell(c.value(row))).join(','));
	return lines.join('\r\n') + '\r\n';
}
