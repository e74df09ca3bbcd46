// One column spec per what-if table: the page's tables, its CSV downloads and any later CSV of the
// API read these, so a table downloads in one shape. Raw numbers (shares as fractions),
// snake_case keys.
import type { Column } from '../../csv.ts';
import type { TimeToCredentialPoint } from '../survival/time-to-credential.ts';
import type { GroupRow, ProviderRow, QualificationWhatIf } from './report.ts';

export const QUALIFICATION_COLUMNS: Column<QualificationWhatIf>[] = [
	{ key: 'qualification', label: 'Qualification', value: (q) => `${q.id} ${q.title}` },
	{ key: 'learners', label: 'Learners', value: (q) => q.learners },
	{ key: 'completed_now', label: 'Completing now', value: (q) => q.completedNow },
	{ key: 'completed_scenario', label: 'Under the scenario', value: (q) => q.completedScenario },
	{ key: 'difference', label: 'Difference', value: (q) => q.difference },
	{ key: 'median_days_now', label: 'Median days now', value: (q) => q.medianDaysNow },
	{ key: 'median_days_scenario', label: 'Median days, scenario', value: (q) => q.medianDaysScenario },
	{ key: 'in_progress_now', label: 'In progress now', value: (q) => q.remainingNow.inProgress },
	{
		key: 'in_progress_scenario',
		label: 'In progress, scenario',
		value: (q) => q.remainingScenario.inProgress
	},
	{
		key: 'mean_credentials_to_go_now',
		label: 'Credentials to go now (mean)',
		value: (q) => q.remainingNow.meanCredentials
	},
	{
		key: 'mean_credentials_to_go_scenario',
		label: 'Credentials to go, scenario (mean)',
		value: (q) => q.remainingScenario.meanCredentials
	},
	{
		key: 'mean_hours_to_go_now',
		label: 'Nominal hours to go now (mean)',
		value: (q) => q.remainingNow.meanHours
	},
	{
		key: 'mean_hours_to_go_scenario',
		label: 'Nominal hours to go, scenario (mean)',
		value: (q) => q.remainingScenario.meanHours
	},
	{
		key: 'hours_known_now',
		label: 'In progress with hours known now',
		value: (q) => q.remainingNow.hoursKnown
	},
	{
		key: 'hours_known_scenario',
		label: 'In progress with hours known, scenario',
		value: (q) => q.remainingScenario.hoursKnown
	},
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
