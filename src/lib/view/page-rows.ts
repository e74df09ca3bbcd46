// How much of a long list a page carries: the table's first rows and the chart's largest. Pure,
// shared by the loads that cut the rows and the pages that draw them.
import type { CompletionEquityRow } from '../domain/equity/index.ts';

/** What a page draws of a national catalogue: the rest is a click or a download away. */
export const CHART_ROWS = 30;
export const TABLE_ROWS = 50;

/**
 * The rows a page needs of a long list: the table's first TABLE_ROWS and the chart's CHART_ROWS
 * largest, in their own order (so the first TABLE_ROWS are the table's). A page carrying all of a
 * national catalogue's rows weighed megabytes; the data endpoint has them all.
 */
export function pageRows(rows: CompletionEquityRow[]): CompletionEquityRow[] {
	const charted = new Set(largestRows(rows, CHART_ROWS));
	return rows.filter((r, i) => i < TABLE_ROWS || charted.has(r));
}

/**
 * The `limit` published rows with the most enrolments of known outcome, in their own order: what
 * a chart can show of a national catalogue (a thousand dots is no chart). Withheld rows have no
 * size to rank by and are left to the table.
 */
export function largestRows(rows: CompletionEquityRow[], limit: number): CompletionEquityRow[] {
	if (rows.length <= limit) return rows;
	const kept = new Set(
		rows
			.filter((r) => r.suppressed === null)
			.sort((a, b) => (b.known ?? 0) - (a.known ?? 0) || String(a.group).localeCompare(String(b.group)))
			.slice(0, limit)
	);
	return rows.filter((r) => kept.has(r));
}
