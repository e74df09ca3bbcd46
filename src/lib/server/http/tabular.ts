// One response shape for every data endpoint: JSON (the domain objects, as the CLI prints them),
// or, with ?format=csv|arrow, the same data as a flat table.
import { json } from '@sveltejs/kit';
import { toCsv } from '../../csv.ts';
import { arrowIpcOf, type ArrowColumnType } from '../arrow.ts';

export type TabularFormat = 'json' | 'csv' | 'arrow';

export type TabularColumn<T> = { key: string; type: ArrowColumnType; value: (row: T) => unknown };

export function tabularResponse<T>({
	format,
	body,
	rows,
	columns,
	name,
	headers = {}
}: {
	format: TabularFormat;
	/** What JSON callers get (defaults to the rows). */
	body?: unknown;
	/** The flat rows for CSV and Arrow. */
	rows: T[];
	columns: TabularColumn<T>[];
	/** File name without extension, for downloads. */
	name: string;
	/** More headers, whatever the format (a page's total and next link). */
	headers?: Record<string, string>;
}): Response {
	if (format === 'json') return json(body ?? rows, { headers });
	if (format === 'csv') {
		const csv = toCsv(
			rows,
			columns.map((c) => ({
				key: c.key,
				label: c.key,
				value: (r: T) => c.value(r) as string | number | null
			}))
		);
		return new Response(csv, {
			headers: {
				...headers,
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="${name}.csv"`
			}
		});
	}
	const bytes = arrowIpcOf(
		columns.map((c) => ({ name: c.key, type: c.type, value: c.value })),
		rows,
		{ 'stackwise.dataset': name }
	);
	return new Response(bytes as unknown as BodyInit, {
		headers: {
			...headers,
			'content-type': 'application/vnd.apache.arrow.file',
			'content-disposition': `attachment; filename="${name}.arrow"`
		}
	});
}
