// Compare a metric across groups with a reference group (DESIGN.md §3), for any
// metric: gap = value − reference value, ratio = value ÷ reference value, and the
// four-fifths flag where the ratio is below 0.8 (US EEOC Uniform Guidelines on Employee
// Selection Procedures (1978), 29 CFR 1607.4(D); it reads "falls behind" only for metrics
// where higher is better, such as rates).
//
// - The reference is the group with the highest value unless one is named. It is chosen
//   among published groups only, since a withheld reference could be recovered from any
//   published ratio; if a named reference is withheld, no gap or ratio is given.
// - Suppression (../suppression/suppress-cells.ts) runs first unless turned off (the admin
//   view). For a pair of dimensions it protects the rows and columns of the two-way table.
//   Totals that would give a withheld group away are listed in `exposedTotals` for the
//   caller to withhold: "all" for the overall total, "F × *" / "* × Y" for the margins.
// - "not stated" is a group like any other, never dropped.
// The interval of the ratio is the caller's: it depends on the metric (completionEquity
// uses Katz's for two proportions).

import type { RiskRatio } from '../intervals/index.ts';
import {
	DEFAULT_SUPPRESSION_THRESHOLD,
	suppressCells,
	tableSets,
	withheldBelow,
	type Suppression
} from '../suppression/index.ts';
import { groupName, PAIR_SEPARATOR, type GroupInput, type GroupName } from './group-key.ts';

export type { Suppression };

/**
 * For a pair of dimensions: how the one-dimension views of each dimension publish their groups
 * (group → why withheld, or null when published). A row of the two-way table adds up to its
 * first dimension's group, a column to its second's; a margin withheld there must not be
 * recoverable here by adding up a published row (rule (a) of docs/disclosure.md).
 */
export type Margins = { rows: ReadonlyMap<string, string | null>; cols: ReadonlyMap<string, string | null> };

/** A named reference group the data does not have: the caller's mistake (a 400), not a fault. */
export class UnknownReferenceGroup extends Error {
	constructor(
		module: string,
		readonly reference: string
	) {
		super(`${module}: reference group ${reference} is not among the groups`);
	}
}
export const DEFAULT_SUPPRESSION: Suppression = { threshold: DEFAULT_SUPPRESSION_THRESHOLD };

export type GroupComparison = GroupName & {
	/** Why the group is withheld, or null when it is published. */
	suppressed: string | null;
	gap: number | null;
	ratio: number | null;
	ratioLow: number | null;
	ratioHigh: number | null;
	fourFifths: boolean | null;
};

export type Comparison = {
	/** The reference group's name, or null when there is none. */
	reference: string | null;
	/** One per input row, in input order. */
	rows: GroupComparison[];
	exposedTotals: string[];
};

type Decided = { reasons: Array<string | null>; exposedTotals: string[] };

/** Groups are all single or all pairs, each named once. */
function checkNames(names: GroupName[], module: string) {
	const pairs = names.filter((n) => n.groups).length;
	if (pairs !== 0 && pairs !== names.length) throw new Error(`${module}: mixes single groups and pairs`);
	const seen = new Set<string | null>();
	for (const { group } of names) {
		if (seen.has(group)) throw new Error(`${module}: group ${group} appears twice`);
		seen.add(group);
	}
}

/** Suppression of a two-way table: its rows and columns are protected, the margins joining them. */
function suppressPairs(
	names: GroupName[],
	counts: number[],
	threshold: number,
	withheld: ReadonlyArray<string | null> | undefined,
	margins: Margins | undefined
): Decided {
	const { sets, totals } = tableSets(names.map((n) => n.groups!));
	// The margins join their row's and column's sets as cells decided by the other views.
	const extraGiven: Array<string | null> = [];
	const withMargins = sets.map((set, s) => {
		const { dimension, group } = totals[s];
		const margin = (dimension === 0 ? margins?.rows : margins?.cols)?.get(group);
		if (margin === undefined) return set;
		extraGiven.push(margin);
		return [...set, counts.length + extraGiven.length - 1];
	});
	const given = [...counts.map((_, i) => withheld?.[i] ?? undefined), ...extraGiven];
	const cells = [...counts, ...extraGiven.map(() => 0)];
	const negated = new Set(extraGiven.map((_, k) => counts.length + k));
	const result = suppressCells({ cells, count: (c) => c, threshold, sets: withMargins, given, negated });
	return {
		reasons: result.reasons.slice(0, counts.length),
		exposedTotals: result.exposedSets.map((s) => {
			const { dimension, group } = totals[s];
			return dimension === 0 ? `${group}${PAIR_SEPARATOR}*` : `*${PAIR_SEPARATOR}${group}`;
		})
	};
}

function suppressSingles(
	counts: number[],
	threshold: number,
	withheld: ReadonlyArray<string | null> | undefined
): Decided {
	const given = counts.map((_, i) => withheld?.[i] ?? undefined);
	const result = suppressCells({ cells: counts, count: (c) => c, threshold, given });
	return { reasons: result.reasons, exposedTotals: result.exposedSets.length > 0 ? ['all'] : [] };
}

/** The named reference's row, else the highest published value; ties to more learners, then the earlier row. */
function referenceRow(
	names: GroupName[],
	values: Array<number | undefined>,
	counts: number[],
	reasons: Array<string | null>,
	reference: string | undefined,
	module: string
): number {
	if (reference !== undefined) {
		const ref = names.findIndex((n) => n.group === reference);
		if (ref < 0) throw new UnknownReferenceGroup(module, reference);
		return ref;
	}
	let ref = -1;
	values.forEach((v, i) => {
		if (reasons[i] !== null || v === undefined) return;
		const best = ref < 0 ? undefined : values[ref]!;
		if (best === undefined || v > best || (v === best && counts[i] > counts[ref])) ref = i;
	});
	return ref;
}

export function compareGroups<T extends { group: GroupInput }>({
	rows,
	value,
	learners,
	ratioInterval,
	reference,
	suppression = DEFAULT_SUPPRESSION,
	margins,
	withheld,
	module = 'compareGroups'
}: {
	rows: readonly T[];
	/** The metric; undefined where the group has none (e.g. no known outcome). */
	value: (row: T) => number | undefined;
	/** Learners the group describes, for suppression. */
	learners: (row: T) => number;
	/** The ratio with its interval, for a group against the reference. */
	ratioInterval?: (row: T, reference: T) => RiskRatio | undefined;
	/** The reference group's name ("F", "F × Y"); default: the highest published value. */
	reference?: string;
	suppression?: Suppression;
	/** For pairs: the one-dimension views' decisions on the margins. */
	margins?: Margins;
	/** Per row: a reason it is withheld whatever its count (a difference with another view is small), or null. */
	withheld?: ReadonlyArray<string | null>;
	/** Prefix of error messages. */
	module?: string;
}): Comparison {
	const names = rows.map((r) => groupName(r.group));
	checkNames(names, module);
	const counts = rows.map((r) => learners(r));
	const { reasons, exposedTotals }: Decided = !suppression
		? { reasons: rows.map(() => null), exposedTotals: [] }
		: names.some((n) => n.groups)
			? suppressPairs(names, counts, withheldBelow(suppression), withheld, margins)
			: suppressSingles(counts, withheldBelow(suppression), withheld);

	const values = rows.map(value);
	const ref = referenceRow(names, values, counts, reasons, reference, module);
	const refValue = ref >= 0 && reasons[ref] === null ? values[ref] : undefined;

	return {
		reference: ref >= 0 ? names[ref].group : null,
		exposedTotals,
		rows: rows.map((r, i): GroupComparison => {
			const none = { gap: null, ratio: null, ratioLow: null, ratioHigh: null, fourFifths: null };
			const out = { ...names[i], suppressed: reasons[i], ...none };
			const v = values[i];
			if (reasons[i] !== null || v === undefined || refValue === undefined) return out;
			// The reference against itself: ratio 1 by definition, no interval.
			if (i === ref) return { ...out, gap: 0, ratio: 1, fourFifths: false };
			const withInterval = ratioInterval?.(r, rows[ref]);
			const ratio = ratioInterval ? (withInterval?.ratio ?? null) : refValue === 0 ? null : v / refValue;
			return {
				...out,
				gap: v - refValue,
				ratio,
				ratioLow: withInterval?.low ?? null,
				ratioHigh: withInterval?.high ?? null,
				fourFifths: ratio === null ? null : ratio < 0.8
			};
		})
	};
}
