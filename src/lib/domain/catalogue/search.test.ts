import { describe, expect, it } from 'vitest';
import { facetHits, searchWords, type FacetedHit } from './search.ts';

const hit = (
	id: string,
	score: number,
	kind: string[],
	level: string,
	provider: string[]
): FacetedHit<string> => ({
	item: id,
	score,
	tiebreak: id,
	values: { kind, level: [level], provider, mode: ['not stated'] }
});

describe('catalogue search facets', () => {
	const hits = [
		hit('U1', 0.5, ['unit'], 'none', ['P1']),
		hit('Q1', 2, ['macro', 'qualification'], '3', ['P1', 'P2']),
		hit('U2', 1, ['unit'], 'none', ['P2']),
		hit('Q2', 1, ['macro', 'qualification'], '4', [])
	];

	it('orders by score, ties by id, and pages', () => {
		expect(facetHits(hits, {}, { page: 1, pageSize: 10 }).results).toEqual(['Q1', 'Q2', 'U2', 'U1']);
		expect(facetHits(hits, {}, { page: 2, pageSize: 3 })).toMatchObject({ total: 4, results: ['U1'] });
	});

	it("narrows by each facet and counts each facet's values among what the other facets leave", () => {
		const r = facetHits(hits, { kind: 'qualification', provider: 'P2' }, { page: 1, pageSize: 10 });
		expect(r.results).toEqual(['Q1']);
		// Kinds among P2's matches (Q1, U2); providers among the qualifications (Q1, Q2).
		expect(r.facets.kind).toEqual([
			{ value: 'macro', credentials: 1 },
			{ value: 'qualification', credentials: 1 },
			{ value: 'unit', credentials: 1 }
		]);
		expect(r.facets.provider).toEqual([
			{ value: 'P1', credentials: 1 },
			{ value: 'P2', credentials: 1 }
		]);
		expect(r.facets.level).toEqual([{ value: '3', credentials: 1 }]);
	});

	it('keeps a chosen value listed when nothing matches it', () => {
		const r = facetHits(hits, { level: '9' }, { page: 1, pageSize: 10 });
		expect(r.total).toBe(0);
		expect(r.facets.level).toContainEqual({ value: '9', credentials: 0 });
	});

	it('reads the words of a query, whatever the punctuation', () => {
		expect(searchWords('  Licence, crane!  licence ')).toEqual(['licence', 'crane']);
		expect(searchWords("can't")).toEqual(['can', 't']);
		expect(searchWords(undefined)).toEqual([]);
	});
});
