// The dashboards' table and CSV columns, one definition per kind of row. A CSV carries the raw
// figures under snake_case headers (a rate as 0.472, a ratio unrounded); the table shows them
// formatted (display).
import type { TableColumn } from '../tables/table-column.ts';
import type { CompletionEquityRow } from '../../domain/equity/index.ts';
import type { TimeToCredentialPoint } from '../../domain/survival/index.ts';

export const pct = (v: number | null | undefined) => (v == null ? '—' : `${(v * 100).toFixed(1)}%`);
export const days = (v: number | null | undefined) => (v == null ? '—' : `${Math.round(v)} days`);
export const count = (n: number | null | undefined) => (n == null ? '—' : n.toLocaleString('en-GB'));

export const NUMERIC = [
	'completed',
	'known',
	'in_progress',
	'rate',
	'low',
	'high',
	'ratio',
	'ratio_low',
	'ratio_high',
	'awards',
	'day',
	'system'
];

/** `first` names the rows ("Credential", "Cohort", "Group"); the CSV header is its lower case. */
export const rateColumns = (first: string): TableColumn<CompletionEquityRow>[] => [
	{ key: first.toLowerCase(), label: first, value: (r) => r.group ?? 'All' },
	{ key: 'completed', label: 'Completed', value: (r) => r.completed },
	{ key: 'known', label: 'Known outcome', value: (r) => r.known },
	{ key: 'in_progress', label: 'In progress', value: (r) => r.inProgress },
	{ key: 'rate', label: 'Completion rate', value: (r) => r.rate, display: (r) => pct(r.rate) },
	{ key: 'low', label: '95% low', value: (r) => r.low, display: (r) => pct(r.low) },
	{ key: 'high', label: '95% high', value: (r) => r.high, display: (r) => pct(r.high) },
	withheld()
];

/** The reason a row's figures are withheld (empty when published): every table's last column. */
export const withheld = <T extends { suppressed: string | null }>(): TableColumn<T> => ({
	key: 'suppressed',
	label: 'Withheld',
	value: (r) => r.suppressed ?? ''
});

const ratio = (v: number | null) => (v === null ? null : v.toFixed(2));

export const equityColumns: TableColumn<CompletionEquityRow>[] = [
	...rateColumns('Group').slice(0, 7),
	{ key: 'ratio', label: 'Ratio to reference', value: (r) => r.ratio, display: (r) => ratio(r.ratio) },
	{ key: 'ratio_low', label: 'Ratio 95% low', value: (r) => r.ratioLow, display: (r) => ratio(r.ratioLow) },
	{
		key: 'ratio_high',
		label: 'Ratio 95% high',
		value: (r) => r.ratioHigh,
		display: (r) => ratio(r.ratioHigh)
	},
	{
		key: 'four_fifths',
		label: 'Below four-fifths',
		value: (r) => (r.fourFifths === null ? '' : r.fourFifths ? 'yes' : 'no')
	},
	withheld()
];

const share = (
	key: string,
	label: string,
	of: (r: TimeToCredentialPoint) => number | null
): TableColumn<TimeToCredentialPoint> => ({ key, label, value: of, display: (r) => pct(of(r)) });

export const curveColumns: TableColumn<TimeToCredentialPoint>[] = [
	{ key: 'day', label: 'Day', value: (r) => r.day },
	share('completed', 'Completed', (r) => r.completed),
	share('low', '95% low', (r) => r.completedLow),
	share('high', '95% high', (r) => r.completedHigh),
	share('withdrawn', 'Withdrew', (r) => r.withdrawn),
	share('failed', 'Failed', (r) => r.failed)
];

/** Beside every completion rate: the enrolments it leaves out because their outcome is not known yet. */
export const inProgressNote = (inProgress: number | null | undefined, asOf: string | undefined) =>
	`${count(inProgress)} still in progress ${asOf ? `as of ${asOf}` : 'today'} (not in the rate)`;
