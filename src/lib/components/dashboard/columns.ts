// The dashboards' table and CSV columns, one definition per kind of row. A CSV carries the raw
// figures under snake_case headers (a rate as 0.472, a ratio unrounded); the table shows them
// formatted (display) under labels in the reader's language. Tables are built by functions, called
// when a page renders, so each request's labels are in its own language.
import { m } from '../../paraglide/messages.js';
import { formatCount, formatDecimal, formatPercent, NONE } from '../../i18n/format.ts';
import { withheldReason } from '../../i18n/names.ts';
import { formatted, type TableColumn } from '../tables/table-column.ts';
import type { IssuanceRow } from '../../domain/dashboard-rows.ts';
import type { CompletionEquityRow } from '../../domain/equity/index.ts';
import type { TimeToCredentialPoint } from '../../domain/survival/index.ts';

export const pct = (v: number | null | undefined) => formatPercent(v, 1);
export const days = (v: number | null | undefined) => {
	if (v == null) return NONE;
	const whole = Math.round(v);
	return m.metric_days({ count: whole, countText: formatCount(whole) });
};
export const count = (n: number | null | undefined) => formatCount(n);

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

/** The rows' first column: what they are ("Credential", "Cohort", "Group"); the CSV header is `key`. */
const FIRST_LABELS = {
	credential: () => m.panel_col_credential(),
	cohort: () => m.panel_col_cohort(),
	group: () => m.panel_col_group()
};

export const rateColumns = (first: keyof typeof FIRST_LABELS): TableColumn<CompletionEquityRow>[] => [
	{ key: first, label: FIRST_LABELS[first](), value: (r) => r.group ?? m.panel_all() },
	{ key: 'completed', label: m.panel_col_completed(), value: (r) => r.completed },
	{ key: 'known', label: m.panel_col_known(), value: (r) => r.known },
	{ key: 'in_progress', label: m.panel_col_in_progress(), value: (r) => r.inProgress },
	formatted('rate', m.metric_completion_rate(), (r) => r.rate, pct),
	formatted('low', m.panel_col_low(), (r) => r.low, pct),
	formatted('high', m.panel_col_high(), (r) => r.high, pct),
	withheld()
];

/** The reason a row's figures are withheld (empty when published): every table's last column. */
export const withheld = <T extends { suppressed: string | null }>(): TableColumn<T> => ({
	key: 'suppressed',
	label: m.panel_col_withheld(),
	// The CSV keeps the domain's reason; the table says it in the reader's language.
	value: (r) => r.suppressed ?? '',
	display: (r) => (r.suppressed ? withheldReason(r.suppressed) : '')
});

const ratio = (v: number | null) => (v === null ? null : formatDecimal(v, 2));

export const equityColumns = (): TableColumn<CompletionEquityRow>[] => [
	...rateColumns('group').slice(0, 7),
	formatted('ratio', m.panel_col_ratio(), (r) => r.ratio, ratio),
	formatted('ratio_low', m.panel_col_ratio_low(), (r) => r.ratioLow, ratio),
	formatted('ratio_high', m.panel_col_ratio_high(), (r) => r.ratioHigh, ratio),
	{
		key: 'four_fifths',
		label: m.panel_col_below_four_fifths(),
		// The CSV keeps yes/no (machine-readable); the table says it in the reader's language.
		value: (r) => (r.fourFifths === null ? '' : r.fourFifths ? 'yes' : 'no'),
		display: (r) => (r.fourFifths === null ? '' : r.fourFifths ? m.panel_yes() : m.panel_no())
	},
	withheld()
];

export const curveColumns = (): TableColumn<TimeToCredentialPoint>[] => [
	{ key: 'day', label: m.panel_col_day(), value: (r) => r.day, display: (r) => formatCount(r.day) },
	formatted('completed', m.panel_col_completed(), (r) => r.completed, pct),
	formatted('low', m.panel_col_low(), (r) => r.completedLow, pct),
	formatted('high', m.panel_col_high(), (r) => r.completedHigh, pct),
	formatted('withdrawn', m.panel_col_withdrew(), (r) => r.withdrawn, pct),
	formatted('failed', m.panel_col_failed(), (r) => r.failed, pct)
];

export const issuanceColumns = (): TableColumn<IssuanceRow>[] => [
	{ key: 'period', label: m.panel_col_quarter(), value: (r) => r.period },
	{ key: 'group', label: m.panel_col_group(), value: (r) => r.group },
	{ key: 'awards', label: m.panel_col_awards(), value: (r) => r.awards },
	withheld()
];

/** Beside every completion rate: the enrolments it leaves out because their outcome is not known yet. */
export const inProgressNote = (inProgress: number | null | undefined, asOf: string | undefined) =>
	asOf
		? m.metric_in_progress_as_of({ count: count(inProgress), date: asOf })
		: m.metric_in_progress_today({ count: count(inProgress) });
