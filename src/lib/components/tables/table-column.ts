// A column of a table drawn on the page and downloaded as CSV: the CSV carries `value`, the raw
// figure (a rate as 0.472), and the table shows `display` when it is given ("47.2%"), so a
// download is a number a spreadsheet can compute with and the page is words a reader can read.
import type { Column } from '../../csv.ts';
import { formatNumber } from '../../i18n/format.ts';

export type TableColumn<T> = Column<T> & {
	display?: (row: T) => string | number | null | undefined;
};

/** What the table shows in a cell: a bare figure written the reader's way (1,234 · 1 234 · ١٬٢٣٤). */
export const cellText = <T>(column: TableColumn<T>, row: T) => {
	const shown = (column.display ?? column.value)(row);
	return typeof shown === 'number' ? formatNumber(shown) : shown;
};

/** A column that shows its raw figure formatted ("47.2%" for 0.472); the CSV keeps the figure. */
export const formatted = <T, V extends string | number | null | undefined>(
	key: string,
	label: string,
	value: (row: T) => V,
	format: (v: V) => string | number | null
): TableColumn<T> => ({ key, label, value, display: (row) => format(value(row)) });
