// One filter context for every figure on a dashboard: which of the page's filters are set, how to
// say them in words (on the page, in exports), and — for the few figures that cannot follow a
// filter — which set filters a figure leaves aside, so it can say so beside itself.
import { m } from '../../paraglide/messages.js';
import { formatCount } from '../../i18n/format.ts';

/** The page's question, as its URL asks it (the dashboards' parsed parameters). */
export type FilterValues = {
	asOf?: string;
	cohort?: string;
	provider?: string;
	credential?: string;
	level?: string;
	mode?: string;
	qaApproach?: string;
	data: string;
	verifiedOnly: boolean;
};

export const FILTER_KEYS = [
	'asOf',
	'cohort',
	'provider',
	'credential',
	'level',
	'mode',
	'qaApproach',
	'verifiedOnly'
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

// A filter's name inside a sentence, and the data origins in words: message functions, called
// when a page renders so each request reads its own language.
const FILTER_NAMES: Record<FilterKey, () => string> = {
	asOf: m.panel_filter_as_of,
	cohort: m.panel_filter_cohort,
	provider: m.panel_filter_provider,
	credential: m.panel_filter_credential,
	level: m.panel_filter_level,
	mode: m.panel_filter_mode,
	qaApproach: m.panel_filter_qa_approach,
	verifiedOnly: m.panel_filter_verified_only
};

const FILTER_VALUE_WORDS: Record<Exclude<FilterKey, 'verifiedOnly'>, (input: { value: string }) => string> = {
	asOf: m.panel_filter_as_of_value,
	cohort: m.panel_filter_cohort_value,
	provider: m.panel_filter_provider_value,
	credential: m.panel_filter_credential_value,
	level: m.panel_filter_level_value,
	mode: m.panel_filter_mode_value,
	qaApproach: m.panel_filter_qa_approach_value
};

const DATA_NAMES: Record<string, () => string> = {
	real: m.panel_data_real,
	generated: m.panel_data_generated,
	all: m.panel_data_all
};

/** A data origin in words ("real learners (OULAD)"); an unknown one as it is. */
export const dataWords = (origin: string): string => DATA_NAMES[origin]?.() ?? origin;

/** The filters the URL sets (a data origin is always set; it is said apart). */
export function setFilters(values: FilterValues): FilterKey[] {
	return FILTER_KEYS.filter((k) => (k === 'verifiedOnly' ? values.verifiedOnly : values[k] !== undefined));
}

/** "Cohort 2013J · as of 2014-06-30 · real learners (OULAD)": the question in words. */
export function filterWords(values: FilterValues, names: { provider?: Record<string, string> } = {}): string {
	const words = setFilters(values).map((k) => {
		if (k === 'verifiedOnly') return FILTER_NAMES.verifiedOnly();
		const value = k === 'provider' ? (names.provider?.[values.provider!] ?? values.provider) : values[k];
		return FILTER_VALUE_WORDS[k]({ value: value ?? '' });
	});
	const sentence = [...words, dataWords(values.data)].join(' · ');
	return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/**
 * The figures of the dashboards and the filters each follows. Enrolment figures follow every filter
 * but "verified awards only" (an enrolment has no verification); award figures follow all; the
 * stacking rate is a learner's credentials across cohorts, levels and modes, so it follows only
 * the cut-off and the data origin; the /system Sankey follows the provider and the credential (the
 * flows into and out of it) but not the cut-off.
 */
export const FIGURE_FILTERS = {
	overview: FILTER_KEYS,
	completion: FILTER_KEYS.filter((k) => k !== 'verifiedOnly'),
	timeToCredential: FILTER_KEYS.filter((k) => k !== 'verifiedOnly'),
	equity: FILTER_KEYS.filter((k) => k !== 'verifiedOnly'),
	issuance: FILTER_KEYS,
	conformance: FILTER_KEYS,
	stacking: ['asOf'],
	flows: ['provider', 'credential'],
	learners: []
} as const satisfies Record<string, readonly FilterKey[]>;
export type Figure = keyof typeof FIGURE_FILTERS;

/** The set filters a figure leaves aside. */
export function filtersNotFollowed(figure: Figure, values: FilterValues): FilterKey[] {
	const followed: readonly FilterKey[] = FIGURE_FILTERS[figure];
	return setFilters(values).filter((k) => !followed.includes(k));
}

/** One line saying which set filters a figure does not follow, or null when it follows them all. */
export function notFollowedNote(figure: Figure, values: FilterValues): string | null {
	const left = filtersNotFollowed(figure, values);
	if (left.length === 0) return null;
	return m.panel_not_filtered({
		filters: left.map((k) => FILTER_NAMES[k]()).join(m.panel_list_separator()),
		reason: REASONS[figure]()
	});
}

const noReason = () => '';
const REASONS: Record<Figure, () => string> = {
	overview: noReason,
	completion: m.panel_reason_no_verification,
	timeToCredential: m.panel_reason_no_verification,
	equity: m.panel_reason_no_verification,
	issuance: noReason,
	conformance: noReason,
	stacking: m.panel_reason_stacking,
	flows: m.panel_reason_flows,
	learners: m.panel_reason_learners
};

/**
 * The URL query a filter form asks for: its fields in order, with empty values (and a
 * checkbox left unticked) dropped, so a link holds only what was chosen.
 */
export function queryOfForm(fields: Iterable<[string, FormDataEntryValue]>): string {
	const params = new URLSearchParams();
	for (const [key, value] of fields) {
		if (typeof value !== 'string') continue;
		const text = value.trim();
		if (text !== '') params.append(key, text);
	}
	const query = params.toString();
	return query ? `?${query}` : '';
}

// Data sets are named as they name themselves (OULAD, training.gov.au); the rest is words.
const FORMAT_NAMES: Record<string, () => string> = {
	oulad: () => 'OULAD (Open University Learning Analytics Dataset)',
	tga: () => 'training.gov.au',
	generated: m.panel_source_generated,
	csv: m.panel_source_csv,
	arrow: m.panel_source_arrow
};

/** The loaded sources in words, largest first: "OULAD (…), training.gov.au, 2 CSV imports". */
export function sourceWords(sources: { format: string; imports: number }[]): string {
	if (sources.length === 0) return m.panel_source_none();
	return sources
		.map(
			(s) =>
				FORMAT_NAMES[s.format]?.() ??
				m.panel_source_other({ format: s.format, count: s.imports, countText: formatCount(s.imports) })
		)
		.join(m.panel_list_separator());
}

/** The line under every exported chart. */
export function sourceLine(
	sources: { format: string; imports: number }[],
	asOf: string | undefined,
	today: string
): string {
	return m.panel_source_line({ sources: sourceWords(sources), date: asOf ?? today });
}
