// Completion rate by group, compared with a reference group (DESIGN.md §3):
// rate = completed ÷ known outcome (completed + withdrawn + failed) with its 95% Wilson
// interval, in-progress counted apart; gap, ratio and the four-fifths flag against the
// reference (compare-groups.ts: default the highest rate, suppression first); the ratio's
// interval by Katz's log method for two independent proportions
// (../intervals/risk-ratio.ts; none where either group has no completions).
//
// Any rate of successes among a known outcome fits the same input: the stacking rate is
// completed = achieved, known = holders, inProgress = 0.

import { riskRatio, wilson } from '../intervals/index.ts';
import { publishedCount, publishesRate } from '../suppression/index.ts';
import { compareGroups, DEFAULT_SUPPRESSION, type Margins, type Suppression } from './compare-groups.ts';
import type { GroupInput } from './group-key.ts';

export type GroupCompletionCounts = {
	group: GroupInput;
	completed: number;
	/** completed + withdrawn + failed */
	known: number;
	inProgress: number;
	/**
	 * Distinct learners in the group, for suppression; defaults to known + inProgress, which
	 * counts enrolments — pass it wherever a learner can have several enrolments.
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
	/** Why the row is withheld (every number then null), or null when it is published. */
	suppressed: string | null;
};

export type CompletionEquity = {
	/** The reference group's name, or null when there is none to compare with. */
	reference: string | null;
	rows: CompletionEquityRow[];
	/** Totals that would give a withheld row away: "all", "F × *", "* × Y". */
	exposedTotals: string[];
};

const MODULE = 'completionEquity';

export function completionEquity({
	rows,
	reference,
	suppression = DEFAULT_SUPPRESSION,
	margins,
	withheld
}: {
	rows: readonly GroupCompletionCounts[];
	/** For pairs: how the one-dimension views publish the margins (compare-groups.ts). */
	margins?: Margins;
	/** Per row: withheld whatever its count (compare-groups.ts). */
	withheld?: ReadonlyArray<string | null>;
	/** The reference group's name ("F", "F × Y"); default: the highest published rate. */
	reference?: string;
	/** false only for the admin view. */
	suppression?: Suppression;
}): CompletionEquity {
	const ok = (v: number | undefined) => v === undefined || (Number.isInteger(v) && v >= 0);
	for (const r of rows) {
		if (![r.completed, r.known, r.inProgress, r.learners].every(ok)) {
			throw new Error(`${MODULE}: group ${JSON.stringify(r.group)} has a count that is not an integer ≥ 0`);
		}
		if (r.completed > r.known) {
			throw new Error(
				`${MODULE}: group ${JSON.stringify(r.group)} has completed ${r.completed} > known ${r.known}`
			);
		}
	}
	// Under a rounding policy every figure derives from the rounded counts (policy.ts), and no
	// rate is given over too small a base.
	const shown = rows.map((r) => ({
		...r,
		completed: publishedCount(suppression, r.completed),
		known: publishedCount(suppression, r.known),
		inProgress: publishedCount(suppression, r.inProgress)
	}));
	const rates = rows.map((r, i) =>
		publishesRate(suppression, r.known) ? wilson(shown[i].completed, shown[i].known) : undefined
	);
	const index = new Map(rows.map((r, i) => [r, i]));
	const comparison = compareGroups({
		rows,
		value: (r) => rates[index.get(r)!]?.rate,
		learners: (r) => r.learners ?? r.known + r.inProgress,
		ratioInterval: (r, ref) => {
			const [a, b] = [shown[index.get(r)!], shown[index.get(ref)!]];
			return riskRatio(a.completed, a.known, b.completed, b.known);
		},
		reference,
		suppression,
		margins,
		withheld,
		module: MODULE
	});
	return {
		reference: comparison.reference,
		exposedTotals: comparison.exposedTotals,
		rows: comparison.rows.map((c, i): CompletionEquityRow => {
			const published = c.suppressed === null;
			const r = shown[i];
			const w = published ? rates[i] : undefined;
			return {
				group: c.group,
				...(c.groups ? { groups: c.groups } : {}),
				completed: published ? r.completed : null,
				known: published ? r.known : null,
				inProgress: published ? r.inProgress : null,
				rate: w?.rate ?? null,
				low: w?.low ?? null,
				high: w?.high ?? null,
				gap: c.gap,
				ratio: c.ratio,
				ratioLow: c.ratioLow,
				ratioHigh: c.ratioHigh,
				fourFifths: c.fourFifths,
				suppressed: c.suppressed
			};
		})
	};
}
