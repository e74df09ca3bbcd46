// The catalogue search's pure half: the words of a query, and facets over the matches. The
// database finds and scores the matches (queries/catalogue-page.ts: full-text search with English
// stemming, trigram similarity for misspellings); this narrows them by facet, counts each facet's
// values among what the other facets leave, and orders the page.

export const FACETS = ['kind', 'level', 'provider', 'mode'] as const;
export type Facet = (typeof FACETS)[number];

/** A matching credential with its score and each facet's values (a credential may have several). */
export type FacetedHit<T> = { item: T; score: number; tiebreak: string; values: Record<Facet, string[]> };

/** How many catalogue credentials (not learners) a facet value leaves. */
export type FacetCount = { value: string; credentials: number };

/** The query's words: letters and digits, lower-cased, at most 12 of them, each at most 60 long. */
export function searchWords(q: string | undefined): string[] {
	return [...new Set((q ?? '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])]
		.filter((w) => w.length <= 60)
		.slice(0, 12);
}

export function facetHits<T>(
	hits: FacetedHit<T>[],
	filters: Partial<Record<Facet, string>>,
	{ page, pageSize }: { page: number; pageSize: number }
): { total: number; results: T[]; facets: Record<Facet, FacetCount[]> } {
	const passes = (h: FacetedHit<T>, except: Facet | null) =>
		FACETS.every((f) => f === except || !filters[f] || h.values[f].includes(filters[f]!));
	const facets = {} as Record<Facet, FacetCount[]>;
	for (const f of FACETS) {
		const counts = new Map<string, number>();
		for (const h of hits)
			if (passes(h, f)) for (const v of h.values[f]) counts.set(v, (counts.get(v) ?? 0) + 1);
		// A chosen value stays listed even when nothing else leaves it any match.
		if (filters[f] && !counts.has(filters[f]!)) counts.set(filters[f]!, 0);
		facets[f] = [...counts]
			.map(([value, credentials]) => ({ value, credentials }))
			.sort((a, b) => b.credentials - a.credentials || a.value.localeCompare(b.value));
	}
	const matching = hits
		.filter((h) => passes(h, null))
		.sort((a, b) => b.score - a.score || a.tiebreak.localeCompare(b.tiebreak));
	const start = (page - 1) * pageSize;
	return {
		total: matching.length,
		results: matching.slice(start, start + pageSize).map((h) => h.item),
		facets
	};
}
