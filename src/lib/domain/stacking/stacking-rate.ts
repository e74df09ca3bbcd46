// Stacking rate (DESIGN.md §3): of learners holding at least one credential that counts
// toward a qualification, the share who achieved it, and the distribution of their progress
// (share of the qualification's requirement groups satisfied).
//
// Readings taken:
// - "counts toward" follows the rules with recognitions applied (expandHoldings): a credential
//   recognised as a member counts;
// - "achieved" is holding the qualification's award, or holding credentials that satisfy every
//   requirement group (the award may simply not be in the data yet);
// - progress is the share of top-level groups satisfied; an achieved qualification is 1;
// - across qualifications ("all"), each learner–qualification pair counts once.
import { asIndex, type Catalogue, type CatalogueIndex } from './catalogue.ts';
import { expandHoldings } from './holdings.ts';
import { targetState } from './requirements.ts';

/** Progress bins: none, up to a quarter, …, all but complete, complete. */
export const PROGRESS_BINS = [
	{ label: '0%', from: 0, to: 0 },
	{ label: '1–25%', from: 0, to: 0.25 },
	{ label: '26–50%', from: 0.25, to: 0.5 },
	{ label: '51–75%', from: 0.5, to: 0.75 },
	{ label: '76–99%', from: 0.75, to: 1 },
	{ label: '100%', from: 1, to: 1 }
] as const;

export function progressBin(share: number): number {
	if (share <= 0) return 0;
	if (share >= 1) return 5;
	return Math.min(4, 1 + Math.floor((share - 1e-12) / 0.25));
}

export type StackingCell = {
	/** Qualification id, or null for all qualifications together. */
	qualification: string | null;
	/** Group values (one per requested dimension). */
	groups: string[];
	holders: number;
	achieved: number;
	/** Learners per progress bin (PROGRESS_BINS order). */
	progress: number[];
};

/** One learner's standing on one qualification something they hold counts toward. */
export type LearnerStanding = { target: string; achieved: boolean; bin: number };

/**
 * A learner's standing on each qualification something they hold counts toward (or on those
 * asked), in catalogue order.
 */
export function learnerStandings(
	index: CatalogueIndex,
	held: readonly string[],
	asked?: ReadonlySet<string>
): LearnerStanding[] {
	const expanded = expandHoldings({ index, held: new Set(held) });
	const out: LearnerStanding[] = [];
	// The qualifications something held counts toward, with the members held.
	for (const [at, members] of expanded.heldMembers) {
		const target = index.targets[at];
		if (asked ? !asked.has(target) : !index.topGroups.has(target)) continue;
		const state = targetState(index, at, members);
		const achieved = state.achieved || held.includes(target);
		const share = achieved ? 1 : state.groups ? state.satisfiedGroups / state.groups : 0;
		out.push({ target, achieved, bin: progressBin(share) });
	}
	return out;
}

/** Cells in a stable order: by qualification (all together first), then by group values. */
export function sortStackingCells(cells: StackingCell[]): StackingCell[] {
	return cells.sort(
		(a, b) =>
			(a.qualification ?? '').localeCompare(b.qualification ?? '') ||
			a.groups.join('\u0001').localeCompare(b.groups.join('\u0001'))
	);
}

export function stackingOutcomes({
	catalogue,
	learners,
	qualifications
}: {
	catalogue: Catalogue | CatalogueIndex;
	/** Each learner's held credentials (awards as of the cut-off) and group values. */
	learners: Iterable<{ held: readonly string[]; groups: string[] }>;
	/** Limit to these (default: every credential with requirement groups). */
	qualifications?: readonly string[];
}): StackingCell[] {
	const index = asIndex(catalogue);
	const targets = (qualifications ?? index.targets).filter((t) => index.topGroups.has(t));
	const asked = new Set(targets);
	const cells = new Map<string, StackingCell>();
	const cell = (qualification: string | null, groups: string[]) => {
		const key = JSON.stringify([qualification, groups]);
		let c = cells.get(key);
		if (!c)
			cells.set(
				key,
				(c = { qualification, groups, holders: 0, achieved: 0, progress: PROGRESS_BINS.map(() => 0) })
			);
		return c;
	};
	for (const learner of learners)
		for (const { target, achieved, bin } of learnerStandings(index, learner.held, asked))
			for (const c of [cell(target, learner.groups), cell(null, learner.groups)]) {
				c.holders++;
				if (achieved) c.achieved++;
				c.progress[bin]++;
			}
	return sortStackingCells([...cells.values()]);
}
