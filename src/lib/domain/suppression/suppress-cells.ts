// Small-cell suppression with complementary suppression, for published tables of counts
// (DESIGN.md §3, docs/decisions/0002-small-cell-suppression.md). Generic over cells: the caller says how many learners a cell
// describes and which sets of cells add up to a published total.
//
// 1. Primary: a cell describing fewer than `threshold` learners (default 10) is withheld.
// 2. Complementary: a set of cells that adds up to a published total with exactly one
//    withheld cell would give that cell away by subtraction, so the smallest other cell of
//    the set is withheld too. For a two-way table the sets are its rows and its columns,
//    and a cell withheld for one may leave a single withheld cell in another, so this
//    repeats until nothing changes (it ends: every pass withholds at least one more cell).
// This is secondary (complementary) cell suppression as statistical offices practise it
// (Hundepool, A. et al. (2012). Statistical Disclosure Control. Wiley, chapters 4–5);
// choosing the smallest cell loses the least information.
// It protects against subtraction from one total; it does not solve the full
// linear-programming audit of a many-way table.
//
// A set with one withheld cell and no other cell left to withhold cannot be protected
// inside the table: its total must be withheld instead. Those sets are returned as
// `exposedSets`.

import { COMPLEMENTARY, DEFAULT_SUPPRESSION_THRESHOLD, fewerThan } from './policy.ts';

import { determinedCells } from './determined.ts';

export { COMPLEMENTARY, DEFAULT_SUPPRESSION_THRESHOLD, fewerThan };

/** Patterns with more withheld cells than this are not audited (Gauss–Jordan is cubic). */
const MAX_AUDITED = 400;

export type SuppressionResult = {
	/** Per cell, in input order: why it is withheld, or null when it is published. */
	reasons: Array<string | null>;
	/** Indices of the sets whose total would reveal a withheld cell. */
	exposedSets: number[];
};

/** The table as the passes see it: counts, sets, and the decisions so far (reasons, updated in place). */
type Table = {
	counts: number[];
	sets: ReadonlyArray<readonly number[]>;
	reasons: Array<string | null>;
	/** Cells another view decided: never chosen as complements. */
	decided: (i: number) => boolean;
	/** Cells alone in a set equal a published total: withholding one as a complement protects nothing. */
	pinned: Set<number>;
};

function checkedCounts<T>(cells: readonly T[], count: (cell: T) => number, threshold: number): number[] {
	if (!(Number.isFinite(threshold) && threshold >= 0)) {
		throw new Error(`suppressCells: threshold ${threshold} is not a number ≥ 0`);
	}
	return cells.map((cell, i) => {
		const c = count(cell);
		if (!(Number.isFinite(c) && c >= 0)) throw new Error(`suppressCells: cell ${i} counts ${c} learners`);
		return c;
	});
}

function checkSets(sets: ReadonlyArray<readonly number[]>, cells: number) {
	for (const set of sets) {
		for (const i of set) {
			if (!Number.isInteger(i) || i < 0 || i >= cells) {
				throw new Error(`suppressCells: set refers to cell ${i}, outside 0..${cells - 1}`);
			}
		}
	}
}

/** The smallest published cell of a set that this table may still withhold (-1: none). */
function smallestIn(t: Table, set: readonly number[]): number {
	let smallest = -1;
	for (const i of set) {
		// Ties go to the earlier cell, so the result does not depend on the sort.
		if (
			t.reasons[i] === null &&
			!t.decided(i) &&
			!t.pinned.has(i) &&
			(smallest < 0 || t.counts[i] < t.counts[smallest])
		)
			smallest = i;
	}
	return smallest;
}

/** Withholds a complement in every set left with exactly one withheld cell, until nothing changes. */
function peel(t: Table) {
	for (let changed = true; changed;) {
		changed = false;
		for (const set of t.sets) {
			if (set.filter((i) => t.reasons[i] !== null).length !== 1) continue;
			const smallest = smallestIn(t, set);
			if (smallest >= 0) {
				t.reasons[smallest] = COMPLEMENTARY;
				changed = true;
			}
		}
	}
}

/**
 * Two withheld cells per set is not always enough (a cell joining two otherwise protected blocks
 * is still determined): audit the pattern and withhold beside what is determined, until nothing is
 * or nothing more can be withheld. Skipped for very large patterns (cost).
 */
function audit(t: Table, negated: ReadonlySet<number> | undefined) {
	for (let round = 0; round < t.counts.length; round++) {
		const withheld = t.reasons.map((r) => r !== null);
		if (withheld.filter(Boolean).length > MAX_AUDITED) break;
		const determined = determinedCells({ sets: t.sets, withheld, negated }).filter(
			(i) => t.counts[i] > 0 || t.decided(i)
		);
		let added = false;
		for (const d of determined) {
			const candidates = t.sets
				.filter((set) => set.includes(d))
				.map((set) => smallestIn(t, set))
				.filter((i) => i >= 0);
			if (candidates.length === 0) continue;
			const pick = candidates.reduce((a, b) => (t.counts[b] < t.counts[a] ? b : a));
			t.reasons[pick] = COMPLEMENTARY;
			added = true;
			break;
		}
		if (!added) break;
		peel(t);
	}
}

export function suppressCells<T>({
	cells,
	count,
	threshold = DEFAULT_SUPPRESSION_THRESHOLD,
	sets,
	given,
	negated
}: {
	cells: readonly T[];
	/** Learners the cell describes. */
	count: (cell: T) => number;
	threshold?: number;
	/** Sets of cell indices adding up to a published total; default: all cells, one total. */
	sets?: ReadonlyArray<readonly number[]>;
	/**
	 * Cells another view already decided (a margin that the one-dimension view publishes or
	 * withholds): a string keeps the cell withheld, null keeps it published; undefined (or no
	 * entry) leaves the cell to this table. Decided cells are never chosen as complements.
	 */
	given?: ReadonlyArray<string | null | undefined>;
	/** Cells entering their sets with coefficient −1: margins equal to the sum of the set's other cells. */
	negated?: ReadonlySet<number>;
}): SuppressionResult {
	const counts = checkedCounts(cells, count, threshold);
	const groups = sets ?? [cells.map((_, i) => i)];
	checkSets(groups, cells.length);

	const decided = (i: number) => given?.[i] !== undefined;
	const t: Table = {
		counts,
		sets: groups,
		reasons: counts.map((c, i) =>
			decided(i) ? (given![i] as string | null) : c < threshold ? fewerThan(threshold) : null
		),
		decided,
		pinned: new Set(groups.filter((set) => set.length === 1).map((set) => set[0]))
	};
	peel(t);
	if (threshold > 0) audit(t, negated);
	const exposedSets = groups.flatMap((set, s) =>
		set.filter((i) => t.reasons[i] !== null).length === 1 ? [s] : []
	);
	return { reasons: t.reasons, exposedSets };
}

/**
 * The rows and columns of a two-way table as sets of cell indices, for `suppressCells`:
 * cells sharing their first key add up to that row's total, cells sharing the second key
 * to that column's. Returned with the key each set belongs to.
 */
export function tableSets(keys: ReadonlyArray<readonly [string, string]>): {
	sets: number[][];
	totals: Array<{ dimension: 0 | 1; group: string }>;
} {
	const sets: number[][] = [];
	const totals: Array<{ dimension: 0 | 1; group: string }> = [];
	for (const dimension of [0, 1] as const) {
		const byGroup = new Map<string, number[]>();
		keys.forEach((key, i) => {
			const list = byGroup.get(key[dimension]) ?? [];
			list.push(i);
			byGroup.set(key[dimension], list);
		});
		for (const [group, set] of byGroup) {
			sets.push(set);
			totals.push({ dimension, group });
		}
	}
	return { sets, totals };
}
