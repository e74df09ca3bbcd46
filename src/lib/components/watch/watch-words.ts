// The words the watch and quality panels show for what the domain holds in English: column
// labels, award bands, record elements, overlap bases and the definitions. The domain's column
// specs stay English for the CLI and the CSV (snake_case keys, raw cells); the tables on the page
// take their labels, and their word cells, from messages here, looked up when drawn (never at
// import time, so each request gets its own language).
import { m } from '$lib/paraglide/messages.js';
import { formatCount, formatDecimal } from '$lib/i18n/format.ts';
import type { Column } from '../../csv.ts';
import type { TableColumn } from '../tables/table-column.ts';
import {
	FEW_ONWARD,
	OVERLAP_THRESHOLDS,
	QUALITY_ELEMENTS,
	type WatchAnswer
} from '../../domain/watch/index.ts';

type QualityElement = (typeof QUALITY_ELEMENTS)[number];

type Labels = Record<string, () => string>;
type Displays<T> = Record<string, (row: T) => string | number | null | undefined>;

/** A domain column spec with the page's labels and shown cells; the CSV keeps `value`. */
export function uiColumns<T>(
	columns: Column<T>[],
	labels: Labels,
	displays: Displays<T> = {}
): TableColumn<T>[] {
	return columns.map((c) => ({ ...c, label: labels[c.key]?.() ?? c.label, display: displays[c.key] }));
}

/** A number with as many decimals as it has (a threshold, a credit count): 0.8 · 0,8 · ٠٫٨. */
export const formatFigure = (v: number) => formatDecimal(v, (String(v).split('.')[1] ?? '').length);

export { groupName } from '../../i18n/names.ts';

export const yesNo = (v: boolean | null | undefined) => (v == null ? null : v ? m.watch_yes() : m.watch_no());

export const FIRSTS_LABELS: Labels = {
	period: m.watch_col_quarter,
	group: m.watch_col_group,
	first_offered: m.watch_col_first_offered,
	first_awarded: m.watch_col_first_awarded
};
export const BAND_LABELS: Labels = {
	band: m.watch_col_awards_per_credential,
	credentials: m.watch_col_credentials,
	share: m.watch_col_share
};
export const CLUSTER_LABELS: Labels = {
	members: m.watch_col_members,
	providers: m.watch_col_providers,
	basis: m.watch_col_overlap_on,
	awards: m.watch_col_awards_per_member,
	stacks: m.watch_col_any_stacks
};
export const DEAD_END_LABELS: Labels = {
	credential_id: m.watch_col_credential,
	title: m.watch_col_title,
	onward: m.watch_col_learners_going_on,
	orphan: m.watch_col_orphan,
	suppressed: m.watch_col_withheld
};
export const PARTICIPATION_LABELS: Labels = {
	period: m.watch_col_quarter,
	provider_kind: m.watch_col_provider_kind,
	awards: m.watch_col_awards,
	unassessed: m.watch_col_stating_no_assessment,
	share: m.watch_col_share,
	suppressed: m.watch_col_withheld
};
export const FIX_LABELS: Labels = {
	credential_id: m.watch_col_credential,
	title: m.watch_col_title,
	stub: m.watch_col_stub,
	missing: m.watch_col_add
};

/** A band of awards per credential (domain/watch/proliferation.ts AWARD_BANDS) in words. */
export function bandName(band: string): string {
	const range = /^(?:almost never \()?(\d+)–(\d+) awards\)?$/.exec(band);
	if (band === 'never awarded') return m.watch_band_never();
	if (range && band.startsWith('almost never'))
		return m.watch_band_almost_never({ low: formatCount(+range[1]), high: formatCount(+range[2]) });
	if (range) return m.watch_band_range({ low: formatCount(+range[1]), high: formatCount(+range[2]) });
	const more = /^(\d+) or more awards$/.exec(band);
	return more ? m.watch_band_or_more({ low: formatCount(+more[1]) }) : band;
}

const ELEMENT_NAMES: Record<QualityElement, () => string> = {
	title: m.watch_element_title,
	description: m.watch_element_description,
	learningOutcomes: m.watch_element_learning_outcomes,
	workload: m.watch_element_workload,
	level: m.watch_element_level,
	assessment: m.watch_element_assessment,
	qualityAssurance: m.watch_element_quality_assurance,
	credits: m.watch_element_credits,
	language: m.watch_element_language
};
export const elementName = (e: QualityElement) => ELEMENT_NAMES[e]();

const BASIS_NAMES: Record<string, () => string> = {
	skills: m.watch_basis_skills,
	units: m.watch_basis_units,
	title: m.watch_basis_title
};
export const basisName = (b: string) => BASIS_NAMES[b]?.() ?? b;

/** What each watch panel counts (the server's WATCH_DEFINITIONS, which the CLI and API keep). */
export const watchDefinitions = (): WatchAnswer['definitions'] => ({
	proliferation: m.watch_definition_proliferation(),
	overlap: m.watch_definition_overlap({
		skills: formatFigure(OVERLAP_THRESHOLDS.skills),
		units: formatFigure(OVERLAP_THRESHOLDS.units),
		title: formatFigure(OVERLAP_THRESHOLDS.title)
	}),
	deadEnds: m.watch_definition_dead_ends({ few: formatCount(FEW_ONWARD) }),
	participation: m.watch_definition_participation()
});
