// One column spec per what-if table: the page's tables, its CSV downloads and any later CSV of the
// API read these, so a table downloads in one shape. Raw numbers (shares as fractions),
// snake_case keys.
import type { Column } from '../../csv.ts';
import type { TimeToCredentialPoint } from '../survival/index.ts';
import type { GroupRow, ProviderRow, QualificationWhatIf, Remaining } from './report.ts';

/** One figure of those still in progress, now and under the scenario. */
function remainingColumns(
	key: string,
	label: string,
	value: (remaining: Remaining) => number | null
): Column<QualificationWhatIf>[] {
	return [
		{ key: `${key}_now`, label: `${label} now`, value: (q) => value(q.remainingNow) },
		{ key: `${key}_scenario`, label: `${label}, scenario`, value: (q) => value(q.remainingScenario) }
	];
}

export const QUALIFICATION_COLUMNS: Column<QualificationWhatIf>[] = [
	{ key: 'qualification', label: 'Qualification', value: (q) => `${q.id} ${q.title}` },
	{ key: 'learners', label: 'Learners', value: (q) => q.learners },
	{ key: 'completed_now', label: 'Completing now', value: (q) => q.completedNow },
	{ key: 'completed_scenario', label: 'Under the scenario', value: (q) => q.completedScenario },
	{ key: 'difference', label: 'Difference', value: (q) => q.difference },
	{ key: 'median_days_now', label: 'Median days now', value: (q) => q.medianDaysNow },
	{ key: 'median_days_scenario', label: 'Median days, scenario', value: (q) => q.medianDaysScenario },
	...remainingColumns('in_progress', 'In progress', (r) => r.inProgress),
	...remainingColumns('mean_credentials_to_go', 'Credentials to go (mean)', (r) => r.meanCredentials),
	...remainingColumns('mean_hours_to_go', 'Nominal hours to go (mean)', (r) => r.meanHours),
	...remainingColumns('hours_known', 'In progress with hours known', (r) => r.hoursKnown),
	{ key: 'withheld', label: 'Withheld', value: (q) => q.suppressed }
];

export const GROUP_COLUMNS: Column<GroupRow>[] = [
	{ key: 'dimension', label: 'Dimension', value: (r) => r.dimension },
	{ key: 'group', label: 'Group', value: (r) => r.group },
	{ key: 'learners', label: 'Learners', value: (r) => r.learners },
	{ key: 'rate_now', label: 'Completing now', value: (r) => r.rateNow },
	{ key: 'rate_scenario', label: 'Under the scenario', value: (r) => r.rateScenario },
	{ key: 'ratio_now', label: 'Ratio to reference now', value: (r) => r.ratioNow },
	{ key: 'ratio_scenario', label: 'Ratio, scenario', value: (r) => r.ratioScenario },
	{ key: 'four_fifths_now', label: 'Below four-fifths now', value: (r) => flag(r.fourFifthsNow) },
	{
		key: 'four_fifths_scenario',
		label: 'Below four-fifths, scenario',
		value: (r) => flag(r.fourFifthsScenario)
	},
	{ key: 'withheld', label: 'Withheld', value: (r) => r.suppressed }
];

export const PROVIDER_COLUMNS: Column<ProviderRow>[] = [
	{ key: 'provider', label: 'Provider', value: (r) => r.provider },
	{ key: 'learners', label: 'Learners', value: (r) => r.learners },
	{ key: 'awards', label: 'Awards newly counted', value: (r) => r.awards },
	{ key: 'withheld', label: 'Withheld', value: (r) => r.suppressed }
];

export type CurveRow = { rules: 'now' | 'scenario' } & TimeToCredentialPoint;

export const CURVE_COLUMNS: Column<CurveRow>[] = [
	{ key: 'rules', label: 'Rules', value: (r) => r.rules },
	{ key: 'day', label: 'Days since first counting award', value: (r) => r.day },
	{ key: 'completed', label: 'Completed (cumulative incidence)', value: (r) => r.completed },
	{ key: 'completed_low', label: '95% low', value: (r) => r.completedLow },
	{ key: 'completed_high', label: '95% high', value: (r) => r.completedHigh }
];

/** Both curves as rows. */
export const curveRows = (q: Pick<QualificationWhatIf, 'curveNow' | 'curveScenario'>): CurveRow[] => [
	...q.curveNow.map((p) => ({ rules: 'now' as const, ...p })),
	...q.curveScenario.map((p) => ({ rules: 'scenario' as const, ...p }))
];

const flag = (v: boolean | null) => (v === null ? null : v ? 'yes' : 'no');
