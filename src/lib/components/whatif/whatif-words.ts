// The what-if tables' labels and word cells on the page. The domain's column specs
// (domain/whatif/columns.ts) stay English for the CSV and any CLI; the page's tables take their
// labels from messages here, looked up when drawn, and show figures as the reader's language
// writes them while the CSV keeps the raw ones.
import { m } from '$lib/paraglide/messages.js';
import { currentIntlTag, formatCount, formatDecimal, formatPercent } from '$lib/i18n/format.ts';
import { dimensionName } from '../dashboard/dimensions.ts';
import { uiColumns, yesNo } from '../watch/watch-words.ts';
import {
	CURVE_COLUMNS,
	GROUP_COLUMNS,
	PROVIDER_COLUMNS,
	QUALIFICATION_COLUMNS,
	type QualificationWhatIf
} from '../../domain/whatif/index.ts';

const count = (v: number | null | undefined) => (v == null ? null : formatCount(v));
const share = (v: number | null | undefined) => (v == null ? null : formatPercent(v));
const ratio = (v: number | null | undefined) => (v == null ? null : formatDecimal(v, 2));
const mean = (v: number | null | undefined) => (v == null ? null : formatDecimal(v, 1));
const both = <T>(key: string, format: (v: T) => string | null, value: (r: QualificationWhatIf) => T[]) => ({
	[`${key}_now`]: (q: QualificationWhatIf) => format(value(q)[0]),
	[`${key}_scenario`]: (q: QualificationWhatIf) => format(value(q)[1])
});

export const qualificationColumns = () =>
	uiColumns(
		QUALIFICATION_COLUMNS,
		{
			qualification: m.whatif_col_qualification,
			learners: m.whatif_col_learners,
			completed_now: m.whatif_col_completing_now,
			completed_scenario: m.whatif_col_under_scenario,
			difference: m.whatif_col_difference,
			median_days_now: m.whatif_col_median_days_now,
			median_days_scenario: m.whatif_col_median_days_scenario,
			in_progress_now: m.whatif_col_in_progress_now,
			in_progress_scenario: m.whatif_col_in_progress_scenario,
			mean_credentials_to_go_now: m.whatif_col_credentials_to_go_now,
			mean_credentials_to_go_scenario: m.whatif_col_credentials_to_go_scenario,
			mean_hours_to_go_now: m.whatif_col_hours_to_go_now,
			mean_hours_to_go_scenario: m.whatif_col_hours_to_go_scenario,
			hours_known_now: m.whatif_col_hours_known_now,
			hours_known_scenario: m.whatif_col_hours_known_scenario,
			withheld: m.whatif_col_withheld
		},
		{
			learners: (q) => count(q.learners),
			completed_now: (q) => count(q.completedNow),
			completed_scenario: (q) => count(q.completedScenario),
			difference: (q) => count(q.difference),
			median_days_now: (q) => count(q.medianDaysNow),
			median_days_scenario: (q) => count(q.medianDaysScenario),
			...both('in_progress', count, (q) => [q.remainingNow.inProgress, q.remainingScenario.inProgress]),
			...both('mean_credentials_to_go', mean, (q) => [
				q.remainingNow.meanCredentials,
				q.remainingScenario.meanCredentials
			]),
			...both('mean_hours_to_go', mean, (q) => [q.remainingNow.meanHours, q.remainingScenario.meanHours]),
			...both('hours_known', count, (q) => [q.remainingNow.hoursKnown, q.remainingScenario.hoursKnown])
		}
	);

export const groupColumns = () =>
	uiColumns(
		GROUP_COLUMNS,
		{
			dimension: m.whatif_col_dimension,
			group: m.whatif_col_group,
			learners: m.whatif_col_learners,
			rate_now: m.whatif_col_completing_now,
			rate_scenario: m.whatif_col_under_scenario,
			ratio_now: m.whatif_col_ratio_now,
			ratio_scenario: m.whatif_col_ratio_scenario,
			four_fifths_now: m.whatif_col_four_fifths_now,
			four_fifths_scenario: m.whatif_col_four_fifths_scenario,
			withheld: m.whatif_col_withheld
		},
		{
			dimension: (r) => dimensionName(r.dimension),
			learners: (r) => count(r.learners),
			rate_now: (r) => share(r.rateNow),
			rate_scenario: (r) => share(r.rateScenario),
			ratio_now: (r) => ratio(r.ratioNow),
			ratio_scenario: (r) => ratio(r.ratioScenario),
			four_fifths_now: (r) => yesNo(r.fourFifthsNow),
			four_fifths_scenario: (r) => yesNo(r.fourFifthsScenario)
		}
	);

export const providerColumns = () =>
	uiColumns(
		PROVIDER_COLUMNS,
		{
			provider: m.whatif_col_provider,
			learners: m.whatif_col_learners,
			awards: m.whatif_col_awards_newly_counted,
			withheld: m.whatif_col_withheld
		},
		{ learners: (r) => count(r.learners), awards: (r) => count(r.awards) }
	);

export const curveColumns = () =>
	uiColumns(
		CURVE_COLUMNS,
		{
			rules: m.whatif_col_rules,
			day: m.whatif_col_day,
			completed: m.whatif_col_completed,
			completed_low: m.whatif_col_low,
			completed_high: m.whatif_col_high
		},
		{
			rules: (r) => (r.rules === 'now' ? m.whatif_rules_now() : m.whatif_rules_scenario()),
			day: (r) => count(r.day),
			completed: (r) => share(r.completed),
			completed_low: (r) => share(r.completedLow),
			completed_high: (r) => share(r.completedHigh)
		}
	);

/** Days as a reader says them, or that the median is not reached. */
export const daysText = (v: number | null) =>
	v === null ? m.whatif_not_reached() : m.whatif_days({ count: v, countText: formatCount(v) });

/** The learners a what-if runs on, in words. */
export const dataLabel = (data: 'generated' | 'real' | 'all') =>
	data === 'generated'
		? m.whatif_data_generated()
		: data === 'real'
			? m.whatif_data_real()
			: m.whatif_data_all();

/**
 * A difference with its sign (+12 · −3), as the language writes one: Intl marks the sign for
 * right-to-left text (Arabic), where a bare "+" would drift to the number's other side.
 */
export const formatSigned = (v: number) =>
	new Intl.NumberFormat(currentIntlTag(), { signDisplay: 'exceptZero', maximumFractionDigits: 0 }).format(v);
