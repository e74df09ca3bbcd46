// Completion rate by group, compared with a reference group (DESIGN.md §3, issue 4):
// - rate = completed ÷ known outcome (completed + withdrawn + failed) with its 95% Wilson
//   interval; in-progress counted apart;
// - gap = rate − reference rate (proportion points);
// - ratio = rate ÷ reference rate, with the Katz log interval for two independent
//   proportions (../intervals/risk-ratio.ts);
// - fourFifths: ratio < 0.8, the four-fifths rule of adverse impact (US EEOC Uniform
//   Guidelines on Employee Selection Procedures (1978), 29 CFR 1607.4(D)).
// The reference is the group with the highest rate unless one is named. "not stated" is a
// group like any other, never dropped.
//
// Suppression (../suppression/suppress-cells.ts) runs first and is on unless turned off
// (the admin view): a withheld row has every number null and says why. The default
// reference is chosen among published groups only, since a withheld reference could be
// recovered from any published ratio; if a named reference is withheld, no gap or ratio is
// given. For a pair of dimensions, suppression protects the rows and columns of the two-way
// table. Totals that would give a withheld row away are listed in `exposedTotals`
// ("all" for the overall total; "F × *" / "* × Y" for the margins of a two-way table) for the
// caller to withhold.
//
// Rates are any successes ÷ trials with a known outcome: the stacking rate fits the same
// input (completed = achieved, known = holders, inProgress = 0).

import { riskRatio } from '../intervals/risk-ratio.ts';
import { wilson } from '../intervals/wilson.ts';
import {
	DEFAULT_SUPPRESSION_THRESHOLD,
	suppressCells,
	tableSets
} from '../suppression/suppress-cells.ts';
import { groupName, PAIR_SEPARATOR, type GroupInput } from './group-key.ts';

export type GroupCompletionCounts = {
	group: GroupInput;
	completed: number;
	/** completed + withdrawn + failed */
	known: number;
	inProgress: number;
	/**
	 * Distinct learners in the cell, for suppression; defaults to known + inProgress, which
	 * counts enrolments — pass this wherever a learner can have several enrolments.
	 */
	learners?: number;
};

export type CompletionEquityRow = {
	group: string | null;
	/** The two values, for a pair of dimensions. */
	groups?: [string, string];
	completed: number | null;
	known: number | null;
	inProgress: number | null;
	rate: number | null;
	low: number | null;
	high: number | null;
	gap: number | null;
	ratio: number | null;
	ratioLow: number | null;
	ratioHigh: number | null;
	fourFifths: boolean | null;
	/** Why the row is withheld, or null when it is published. */
	suppressed: string | null;
};

export type CompletionEquity = {
	/** The reference group's name, or null when there is none to compare with. */
	reference: string | null;
	rows: CompletionEquityRow[];
	exposedTotals: string[];
};

const MODULE = 'completionEquity';

function checkCounts(r: GroupCompletionCounts, name: string | null) {
	const ok = (v: number) => Number.isInteger(v) && v >= 0;
	if (!ok(r.completed) || !ok(r.known) || !ok(r.inProgress) || (r.learners !== undefined && !ok(r.learners))) {
		throw new Error(`${MODULE}: group ${name} has a count that is not an integer ≥ 0`);
	}
	if (r.completed > r.known) throw new Error(`${MODULE}: group ${name} has completed ${r.completed} > known ${r.known}`);
}

export function completionEquity({
	rows,
	reference,
	suppression = { threshold: DEFAULT_SUPPRESSION_THRESHOLD }
}: {
	rows: readonly GroupCompletionCounts[];
	/** The reference group's name ("F", "F × Y"); default: the highest published rate. */
	reference?: string;
	/** false only for the admin view. */
	suppression?: { threshold: number } | false;
}): CompletionEquity {
	const names = rows.map((r) => groupName(r.group));
	const pairs = names.filter((n) => n.groups).length;
	if (pairs !== 0 && pairs !== names.length) throw new Error(`${MODULE}: mixes single groups and pairs`);
	const seen = new Set<string | null>();
	names.forEach(({ group }, i) => {
		if (seen.has(group)) throw new Error(`${MODULE}: group ${group} appears twice`);
		seen.add(group);
		checkCounts(rows[i], group);
	});

	let reasons: Array<string | null> = rows.map(() => null);
	let exposedTotals: string[] = [];
	if (suppression) {
		const count = (r: GroupCompletionCounts) => r.learners ?? r.known + r.inProgress;
		if (pairs > 0) {
			const { sets, totals } = tableSets(names.map((n) => n.groups!));
			const result = suppressCells({ cells: rows, count, threshold: suppression.threshold, sets });
			reasons = result.reasons;
			exposedTotals = result.exposedSets.map((s) => {
				const { dimension, group } = totals[s];
				return dimension === 0 ? `${group}${PAIR_SEPARATOR}*` : `*${PAIR_SEPARATOR}${group}`;
			});
		} else {
			const result = suppressCells({ cells: rows, count, threshold: suppression.threshold });
			reasons = result.reasons;
			exposedTotals = result.exposedSets.length > 0 ? ['all'] : [];
		}
	}

	const rates = rows.map((r) => wilson(r.completed, r.known));
	let ref: number;
	if (reference !== undefined) {
		ref = names.findIndex((n) => n.group === reference);
		if (ref < 0) throw new Error(`${MODULE}: reference group ${reference} is not among the groups`);
	} else {
		// Highest published rate; ties to the larger group, then to the earlier row.
		ref = -1;
		rows.forEach((r, i) => {
			const rate = rates[i]?.rate;
			if (reasons[i] !== null || rate === undefined) return;
			const best = rates[ref]?.rate;
			if (ref < 0 || rate > best! || (rate === best && r.known > rows[ref].known)) ref = i;
		});
	}
	const refUsable = ref >= 0 && reasons[ref] === null && rates[ref] !== undefined;

	const out = rows.map((r, i): CompletionEquityRow => {
		const name = names[i];
		const withheld: CompletionEquityRow = {
			...name,
			completed: null,
			known: null,
			inProgress: null,
			rate: null,
			low: null,
			high: null,
			gap: null,
			ratio: null,
			ratioLow: null,
			ratioHigh: null,
			fourFifths: null,
			suppressed: reasons[i]
		};
		if (reasons[i] !== null) return withheld;
		const w = rates[i];
		const row: CompletionEquityRow = {
			...withheld,
			completed: r.completed,
			known: r.known,
			inProgress: r.inProgress,
			rate: w?.rate ?? null,
			low: w?.low ?? null,
			high: w?.high ?? null
		};
		if (!refUsable || !w) return row;
		if (i === ref) return { ...row, gap: 0, ratio: 1, fourFifths: false }; // no interval against itself
		const rr = riskRatio(r.completed, r.known, rows[ref].completed, rows[ref].known);
		return {
			...row,
			gap: w.rate - rates[ref]!.rate,
			ratio: rr?.ratio ?? null,
			ratioLow: rr?.low ?? null,
			ratioHigh: rr?.high ?? null,
			fourFifths: rr ? rr.ratio < 0.8 : null
		};
	});
	return { reference: ref >= 0 ? names[ref].group : null, rows: out, exposedTotals };
}
