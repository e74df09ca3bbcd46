// Offline evaluation of next-step suggestions: leave-last-out ranking metrics with
// intervals, and the equity check on them.
//
// Each evaluated learner has one held-out item (the credential they took last), so there is one
// relevant item per ranking and the usual metrics reduce to functions of its rank r (1-based, null
// when the ranking does not contain it):
//   hit@k   1 when r ≤ k (Cremonesi, Koren & Turrin 2010, "Performance of recommender algorithms
//           on top-N recommendation tasks", RecSys);
//   RR      1 / r, averaged to MRR (Voorhees 1999, TREC-8 QA track);
//   NDCG@k  1 / log2(r + 1) when r ≤ k: the ideal DCG of one relevant item is 1 (Järvelin &
//           Kekäläinen 2002, "Cumulated gain-based evaluation of IR techniques", TOIS 20(4)).
// hit@k is a proportion, so its 95% interval is Wilson's (../intervals/wilson.ts). MRR and NDCG@5
// are means of bounded, skewed per-learner scores: their interval is the percentile bootstrap over
// learners (Efron & Tibshirani 1993, ch. 13), seeded so a rerun prints the same table. Comparisons
// between two methods on the same learners resample learners once for both (paired bootstrap).
import { randomLcg } from 'd3-random';
import { wilson, type Proportion } from '../intervals/index.ts';

/** 1-based position of `target` in `ranked`; null when absent. */
export function rankOf(ranked: readonly string[], target: string): number | null {
	const i = ranked.indexOf(target);
	return i < 0 ? null : i + 1;
}

export const hitAt = (rank: number | null, k: number): number => (rank !== null && rank <= k ? 1 : 0);
export const reciprocalRank = (rank: number | null): number => (rank === null ? 0 : 1 / rank);
export const ndcgAt = (rank: number | null, k: number): number =>
	rank !== null && rank <= k ? 1 / Math.log2(rank + 1) : 0;

/** A Fisher–Yates shuffled copy: the random baseline's ranking. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
	const out = [...items];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

export type Interval = { value: number; low: number; high: number };

const quantileSorted = (sorted: number[], q: number) => {
	if (sorted.length === 0) return NaN;
	const h = (sorted.length - 1) * q;
	const lo = Math.floor(h);
	return sorted[lo] + (h - lo) * ((sorted[Math.ceil(h)] ?? sorted[lo]) - sorted[lo]);
};

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/**
 * The mean of `values` with a 95% percentile-bootstrap interval (`resamples` draws of the learners
 * with replacement); undefined for no values.
 */
export function bootstrapMean(
	values: readonly number[],
	{ resamples = 1000, seed = 1 }: { resamples?: number; seed?: number } = {}
): Interval | undefined {
	if (values.length === 0) return undefined;
	const random = randomLcg(seed);
	const n = values.length;
	const means: number[] = [];
	for (let b = 0; b < resamples; b++) {
		let sum = 0;
		for (let i = 0; i < n; i++) sum += values[Math.floor(random() * n)];
		means.push(sum / n);
	}
	means.sort((a, b) => a - b);
	return { value: mean(values), low: quantileSorted(means, 0.025), high: quantileSorted(means, 0.975) };
}

/**
 * The mean paired difference a − b (same learners, same order) with a 95% percentile-bootstrap
 * interval; undefined for no pairs.
 */
export function pairedDifference(
	a: readonly number[],
	b: readonly number[],
	options: { resamples?: number; seed?: number } = {}
): Interval | undefined {
	if (a.length !== b.length) throw new Error(`pairedDifference: ${a.length} and ${b.length} values`);
	return bootstrapMean(
		a.map((x, i) => x - b[i]),
		options
	);
}

export type RankingSummary = {
	learners: number;
	hit1: Proportion;
	hit3: Proportion;
	hit5: Proportion;
	mrr: Interval;
	ndcg5: Interval;
};

/** hit@1/3/5 (Wilson), MRR and NDCG@5 (bootstrap) of the held-out item's ranks; undefined for none. */
export function summarizeRanks(
	ranks: readonly (number | null)[],
	options: { resamples?: number; seed?: number } = {}
): RankingSummary | undefined {
	const n = ranks.length;
	if (n === 0) return undefined;
	const hits = (k: number) =>
		wilson(
			ranks.reduce((s: number, r) => s + hitAt(r, k), 0),
			n
		)!;
	return {
		learners: n,
		hit1: hits(1),
		hit3: hits(3),
		hit5: hits(5),
		mrr: bootstrapMean(ranks.map(reciprocalRank), options)!,
		ndcg5: bootstrapMean(
			ranks.map((r) => ndcgAt(r, 5)),
			options
		)!
	};
}

export type GroupFlag = {
	group: string;
	hit5: number;
	best: number;
	ratio: number;
	flagged: boolean;
	/** Flagged even at the top of the group's interval: the gap is not noise of a small group. */
	clearly: boolean;
};

/**
 * The equity check: each group's hit@5 against the best group's, flagged below `threshold` × best
 * (the four-fifths rule of adverse impact, 29 CFR §1607.4(D), applied to hit rates). Groups with
 * fewer than `minLearners` learners are left out of both the best and the flags: a rate of a handful
 * says nothing either way. With `hit5High` (the upper bound of the group's interval), `clearly`
 * says whether even that bound is below the threshold.
 */
export function flagGroups(
	groups: ReadonlyArray<{ group: string; learners: number; hit5: number; hit5High?: number }>,
	{ threshold = 0.8, minLearners = 10 }: { threshold?: number; minLearners?: number } = {}
): GroupFlag[] {
	const counted = groups.filter((g) => g.learners >= minLearners);
	if (counted.length === 0) return [];
	const best = Math.max(...counted.map((g) => g.hit5));
	return counted.map((g) => {
		const ratio = best > 0 ? g.hit5 / best : 1;
		const flagged = ratio < threshold;
		const clearly = flagged && g.hit5High !== undefined && g.hit5High < threshold * best;
		return { group: g.group, hit5: g.hit5, best, ratio, flagged, clearly };
	});
}
