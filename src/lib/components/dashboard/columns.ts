// The dashboards' table and CSV columns, one definition per kind of row.
import type { Column } from '../../csv.ts';
import type { CompletionEquityRow } from '../../domain/equity/completion-equity.ts';
import type { TimeToCredentialPoint } from '../../domain/survival/time-to-credential.ts';

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
export const rateColumns = (first: string): Column<CompletionEquityRow>[] => [
	{ key: first.toLowerCase(), label: first, value: (r) => r.group ?? 'All' },

	{ key: 'completed', label: 'Completed', value: (r) => r.completed },
	{ key: 'known', label: 'Known outcome', value: (r) => r.known },
	{ key: 'in_progress', label: 'In progress', value: (r) => r.inProgress },
	{ key: 'rate', label: 'Completion rate', value: (r) => pct(r.rate) },
	{ key: 'low', label: '95% low', value: (r) => pct(r.low) },
	{ key: 'high', label: '95% high', value: (r) => pct(r.high) },
	{ key: 'suppressed', label: 'Withheld', value: (r) => r.suppressed ?? '' }
];

export const equityColumns: Column<CompletionEquityRow>[] = [
	...rateColumns('Group').slice(0, 7),
	{ key: 'ratio', label: 'Ratio to reference', value: (r) => (r.ratio === null ? null : r.ratio.toFixed(2)) },
	{ key: 'ratio_low', label: 'Ratio 95% low', value: (r) => r.ratioLow?.toFixed(2) },
	{ key: 'ratio_high', label: 'Ratio 95% high', value: (r) => r.ratioHigh?.toFixed(2) },
	{
		key: 'four_fifths',
		label: 'Below four-fifths',
		value: (r) => (r.fourFifths === null ? '' : r.fourFifths ? 'yes' : 'no')
	},
	{ key: 'suppressed', label: 'Withheld', value: (r) => r.suppressed ?? '' }
];

export const curveColumns: Column<TimeToCredentialPoint>[] = [
	{ key: 'day', label: 'Day', value: (r) => r.day },
	{ key: 'completed', label: 'Completed', value: (r) => pct(r.completed) },
	{ key: 'low', label: '95% low', value: (r) => pct(r.completedLow) },
	{ key: 'high', label: '95% high', value: (r) => pct(r.completedHigh) },
	{ key: 'withdrawn', label: 'Withdrew', value: (r) => pct(r.withdrawn) },
	{ key: 'failed', label: 'Failed', value: (r) => pct(r.failed) }
];

/** Beside every completion rate: the enrolments it leaves out because their outcome is not known yet. */
export const inProgressNote = (inProgress: number | null | undefined, asOf: string | undefined) =>
	`${count(inProgress)} still in progress ${asOf ? `as of ${asOf}` : 'today'} (not in the rate)`;
