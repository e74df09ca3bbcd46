import { randomLcg } from 'd3-random';
import { describe, expect, it } from 'vitest';
import { wilson } from '../intervals/wilson.ts';
import {
	bootstrapMean,
	flagGroups,
	hitAt,
	ndcgAt,
	pairedDifference,
	rankOf,
	reciprocalRank,
	shuffled,
	summarizeRanks
} from './evaluate.ts';

describe('rank metrics of one held-out item', () => {
	it('finds the 1-based rank, or null when absent', () => {
		expect(rankOf(['a', 'b', 'c'], 'a')).toBe(1);
		expect(rankOf(['a', 'b', 'c'], 'c')).toBe(3);
		expect(rankOf(['a', 'b', 'c'], 'z')).toBeNull();
		expect(rankOf([], 'a')).toBeNull();
	});

	it('hit@k counts ranks up to and including k', () => {
		expect(hitAt(1, 1)).toBe(1);
		expect(hitAt(2, 1)).toBe(0);
		expect(hitAt(5, 5)).toBe(1);
		expect(hitAt(6, 5)).toBe(0);
		expect(hitAt(null, 5)).toBe(0);
	});

	it('reciprocal rank is 1/r, 0 when absent', () => {
		expect(reciprocalRank(1)).toBe(1);
		expect(reciprocalRank(4)).toBe(0.25);
		expect(reciprocalRank(null)).toBe(0);
	});

	it('NDCG@5 of one relevant item is 1/log2(r+1) inside the cut-off', () => {
		expect(ndcgAt(1, 5)).toBe(1);
		expect(ndcgAt(2, 5)).toBeCloseTo(1 / Math.log2(3), 12);
		expect(ndcgAt(3, 5)).toBe(0.5);
		expect(ndcgAt(5, 5)).toBeCloseTo(1 / Math.log2(6), 12);
		expect(ndcgAt(6, 5)).toBe(0);
		expect(ndcgAt(null, 5)).toBe(0);
	});
});

describe('seeded randomness', () => {
	it('repeats for a seed and differs between seeds, within [0, 1)', () => {
		const a = Array.from({ length: 5 }, randomLcg(7));
		const b = Array.from({ length: 5 }, randomLcg(7));
		const c = Array.from({ length: 5 }, randomLcg(8));
		expect(a).toEqual(b);
		expect(a).not.toEqual(c);
		const r = randomLcg(1);
		for (let i = 0; i < 10_000; i++) {
			const x = r();
			expect(x >= 0 && x < 1).toBe(true);
		}
	});

	it('shuffles to a permutation without touching the input, deterministically', () => {
		const items = ['a', 'b', 'c', 'd', 'e', 'f'];
		const once = shuffled(items, randomLcg(3));
		expect([...once].sort()).toEqual(items);
		expect(items).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
		expect(shuffled(items, randomLcg(3))).toEqual(once);
	});

	it('puts each item first about equally often', () => {
		const random = randomLcg(11);
		const first = new Map<string, number>();
		for (let i = 0; i < 6000; i++) {
			const s = shuffled(['a', 'b', 'c'], random)[0];
			first.set(s, (first.get(s) ?? 0) + 1);
		}
		for (const n of first.values()) expect(Math.abs(n - 2000)).toBeLessThan(150);
	});
});

describe('bootstrap intervals', () => {
	it('is undefined for no values and exact for constant values', () => {
		expect(bootstrapMean([])).toBeUndefined();
		expect(bootstrapMean([0.5, 0.5, 0.5])).toEqual({ value: 0.5, low: 0.5, high: 0.5 });
	});

	it('brackets the mean, is reproducible for a seed, and narrows with more learners', () => {
		const values = Array.from({ length: 200 }, (_, i) => (i % 4 === 0 ? 1 : i % 4 === 1 ? 0.5 : 0));
		const a = bootstrapMean(values, { seed: 2 })!;
		expect(a.value).toBeCloseTo(0.375, 12);
		expect(a.low).toBeLessThan(a.value);
		expect(a.high).toBeGreaterThan(a.value);
		expect(bootstrapMean(values, { seed: 2 })).toEqual(a);
		const more = bootstrapMean([...values, ...values, ...values, ...values], { seed: 2 })!;
		expect(more.high - more.low).toBeLessThan(a.high - a.low);
	});

	it('approaches the normal interval of a mean for a large sample', () => {
		// 0/1 values with p = 0.3, n = 1000: the normal half-width is 1.96·sqrt(p(1−p)/n) ≈ 0.0284.
		const values = Array.from({ length: 1000 }, (_, i) => (i % 10 < 3 ? 1 : 0));
		const b = bootstrapMean(values, { resamples: 2000, seed: 5 })!;
		expect((b.high - b.low) / 2).toBeCloseTo(0.0284, 2);
	});

	it('pairs differences learner by learner', () => {
		const a = [1, 1, 0, 1, 0, 1, 1, 0];
		const d = pairedDifference(a, a)!;
		expect(d).toEqual({ value: 0, low: 0, high: 0 });
		const better = pairedDifference([1, 1, 1, 1], [0, 0, 0, 0])!;
		expect(better).toEqual({ value: 1, low: 1, high: 1 });
		expect(() => pairedDifference([1], [1, 0])).toThrow(/pairedDifference/);
	});
});

describe('summarizeRanks', () => {
	it('is undefined without learners', () => {
		expect(summarizeRanks([])).toBeUndefined();
	});

	it('gives hit@k with Wilson intervals and MRR, NDCG@5 with bootstrap ones', () => {
		const ranks = [1, 2, 3, 6, null, 1, 5, null, 4, 2];
		const s = summarizeRanks(ranks, { seed: 4 })!;
		expect(s.learners).toBe(10);
		expect(s.hit1).toEqual(wilson(2, 10));
		expect(s.hit3).toEqual(wilson(5, 10));
		expect(s.hit5).toEqual(wilson(7, 10));
		const mrr = (1 + 0.5 + 1 / 3 + 1 / 6 + 0 + 1 + 0.2 + 0 + 0.25 + 0.5) / 10;
		expect(s.mrr.value).toBeCloseTo(mrr, 12);
		const ndcg = (1 + 2 / Math.log2(3) + 0.5 + 1 + 1 / Math.log2(6) + 1 / Math.log2(5)) / 10;
		expect(s.ndcg5.value).toBeCloseTo(ndcg, 12);
		for (const m of [s.mrr, s.ndcg5]) {
			expect(m.low).toBeLessThanOrEqual(m.value);
			expect(m.high).toBeGreaterThanOrEqual(m.value);
		}
	});

	it('ranks every learner first: all metrics 1', () => {
		const s = summarizeRanks([1, 1, 1])!;
		expect(s.hit1.rate).toBe(1);
		expect(s.hit1.high).toBe(1);
		expect(s.mrr).toEqual({ value: 1, low: 1, high: 1 });
		expect(s.ndcg5).toEqual({ value: 1, low: 1, high: 1 });
	});
});

describe('flagGroups (hit@5 below 0.8 × the best group)', () => {
	it('flags groups below four fifths of the best and leaves the rest', () => {
		const flags = flagGroups([
			{ group: 'F', learners: 100, hit5: 0.5 },
			{ group: 'M', learners: 100, hit5: 0.41 },
			{ group: 'X', learners: 100, hit5: 0.39 }
		]);
		expect(flags.map((f) => [f.group, f.flagged])).toEqual([
			['F', false],
			['M', false],
			['X', true]
		]);
		expect(flags[2].ratio).toBeCloseTo(0.78, 12);
		expect(flags.every((f) => f.best === 0.5)).toBe(true);
	});

	it('says whether even the top of the interval is below, when given', () => {
		const flags = flagGroups([
			{ group: 'a', learners: 500, hit5: 0.5, hit5High: 0.54 },
			{ group: 'b', learners: 500, hit5: 0.3, hit5High: 0.34 },
			{ group: 'c', learners: 20, hit5: 0.35, hit5High: 0.57 },
			{ group: 'd', learners: 20, hit5: 0.35 }
		]);
		expect(flags.map((f) => [f.group, f.flagged, f.clearly])).toEqual([
			['a', false, false],
			['b', true, true],
			['c', true, false],
			['d', true, false]
		]);
	});

	it('treats exactly 0.8 × best as not below', () => {
		const flags = flagGroups([
			{ group: 'a', learners: 20, hit5: 0.5 },
			{ group: 'b', learners: 20, hit5: 0.4 }
		]);
		expect(flags[1].flagged).toBe(false);
	});

	it('leaves out groups with too few learners, from the flags and from the best', () => {
		const flags = flagGroups(
			[
				{ group: 'tiny', learners: 3, hit5: 1 },
				{ group: 'a', learners: 50, hit5: 0.5 },
				{ group: 'b', learners: 50, hit5: 0.45 }
			],
			{ minLearners: 10 }
		);
		expect(flags.map((f) => f.group)).toEqual(['a', 'b']);
		expect(flags.some((f) => f.flagged)).toBe(false);
		expect(flagGroups([{ group: 'tiny', learners: 3, hit5: 1 }])).toEqual([]);
	});

	it('flags nothing when every group scores zero', () => {
		const flags = flagGroups([
			{ group: 'a', learners: 20, hit5: 0 },
			{ group: 'b', learners: 20, hit5: 0 }
		]);
		expect(flags.every((f) => !f.flagged)).toBe(true);
	});
});
