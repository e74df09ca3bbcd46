// One filter context for every figure on a dashboard: which of the page's filters are set, how to
// say them in words (on the page, in exports), and — for the few figures that cannot follow a
// filter — which set filters a figure leaves aside, so it can say so beside itself.

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

const FILTER_NAMES: Record<FilterKey, string> = {
	asOf: 'as of',
	cohort: 'cohort',
	provider: 'provider',
	credential: 'credential',
	level: 'level',
	mode: 'mode',
	qaApproach: 'QA approach',
	verifiedOnly: 'verified awards only'
};

export const DATA_WORDS: Record<string, string> = {
	real: 'real learners (OULAD)',
	generated: 'generated demo learners',
	all: 'real and generated learners together'
};

/** The filters the URL sets (a data origin is always set; it is said apart). */
export function setFilters(values: FilterValues): FilterKey[] {
	return FILTER_KEYS.filter((k) => (k === 'verifiedOnly' ? values.verifiedOnly : values[k] !== undefined));
}

/** "Cohort 2013J · as of 2014-06-30 · real learners (OULAD)": the question in words. */
export function filterWords(values: FilterValues, names: { provider?: Record<string, string> } = {}): string {
	const words = setFilters(values).map((k) => {
		if (k === 'verifiedOnly') return 'verified awards only';
		const value = k === 'provider' ? (names.provider?.[values.provider!] ?? values.provider) : values[k];
		return k === 'asOf' ? `as of ${value}` : `${FILTER_NAMES[k]} ${value}`;
	});
	const sentence = [...words, DATA_WORDS[values.data] ?? values.data].join(' · ');
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
	return `Not filtered by ${left.map((k) => FILTER_NAMES[k]).join(', ')}: ${REASONS[figure]}`;
}

const REASONS: Record<Figure, string> = {
	overview: '',
	completion: 'enrolments carry no verification.',
	timeToCredential: 'enrolments carry no verification.',
	equity: 'enrolments carry no verification.',
	issuance: '',
	conformance: '',
	stacking: "a learner's credentials stack across cohorts, providers, levels and modes.",
	flows: 'the flows are counted over all time; filter them on the Flows page.',
	learners:
		'the list is every learner of this provider, each as their record shows them: narrowed by the filters it would count, learner by learner, cells the figures above withhold.'
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

const FORMAT_NAMES: Record<string, string> = {
	oulad: 'OULAD (Open University Learning Analytics Dataset)',
	tga: 'training.gov.au',
	generated: 'generated demo learners',
	csv: 'CSV imports',
	arrow: 'Arrow imports'
};

/** The loaded sources in words, largest first: "OULAD (…), training.gov.au, 2 CSV imports". */
export function sourceWords(sources: { format: string; imports: number }[]): string {
	if (sources.length === 0) return 'no data loaded';
	return sources
		.map((s) => FORMAT_NAMES[s.format] ?? `${s.format} (${s.imports} import${s.imports === 1 ? '' : 's'})`)
		.join(', ');
}

/** The line under every exported chart. */
export function sourceLine(
	sources: { format: string; imports: number }[],
	asOf: string | undefined,
	today: string
): string {
	return `Source: Stackwise, ${sourceWords(sources)}, as of ${asOf ?? today}.`;
}
