// A learner's progress toward every qualification in the catalogue.
//
// Holdings count with recognitions and stacking applied (holdings.ts). For each target:
// - groups: each group's state (satisfied, have / need, which held credentials count), nested;
// - stillNeeded: the fewest further credentials that would complete it (exact, via the planner,
//   prerequisites set aside — they change the order, not what the rules ask for); null when the
//   catalogue cannot complete it;
// - share: 1 − stillNeeded / neededFromScratch — the share of the smallest complete set already
//   in hand (DESIGN.md §3 "share of requirements met"); 1 once achieved;
// - creditsStillNeeded: what the unsatisfied min_credits groups still ask for.
// One credential may count toward several qualifications: `holdings[].countsToward` lists them all
// and `sharedAcross` says so.
import { asIndex, type Catalogue, type CatalogueIndex } from './catalogue.ts';
import { expandHoldings } from './holdings.ts';
import { PlanError, planCompletion } from './plan.ts';
import { evaluateTarget, type GroupState } from './requirements.ts';

export type QualificationProgress = {
	target: string;
	title: string;
	achieved: boolean;
	/** Achieved by stacking rather than held as an award. */
	achievedByStacking: boolean;
	groups: GroupState[];
	/** The learner's credentials (after recognition) that count toward this target. */
	counted: string[];
	stillNeeded: number | null;
	neededFromScratch: number | null;
	share: number;
	creditsStillNeeded: number;
};

export type HoldingUse = {
	id: string;
	/** Set when the credential counts only through recognition of these held ones. */
	recognisedFrom: string[] | null;
	countsToward: string[];
	sharedAcross: boolean;
};

export type Progress = { qualifications: QualificationProgress[]; holdings: HoldingUse[] };

function countedIn(groups: GroupState[], out = new Set<string>()): Set<string> {
	for (const g of groups) {
		g.counted.forEach((c) => out.add(c));
		countedIn(g.children, out);
	}
	return out;
}

function fewest(index: CatalogueIndex, target: string, held: Iterable<string>): number | null {
	try {
		return planCompletion({ catalogue: index, target, held, objective: 'count', ignorePrerequisites: true })
			.total.count;
	} catch (e) {
		if (e instanceof PlanError) return null;
		throw e;
	}
}

export function learnerProgress({
	catalogue,
	held,
	targets,
	onlyReachable = false
}: {
	catalogue: Catalogue | CatalogueIndex;
	held: Iterable<string>;
	/** Limit to these targets (default: every credential with requirement groups). */
	targets?: string[];
	/** Leave out targets toward which nothing held counts. */
	onlyReachable?: boolean;
}): Progress {
	const index = asIndex(catalogue);
	const awarded = new Set(held);
	const expanded = expandHoldings({ index, held: awarded });
	const qualifications: QualificationProgress[] = [];
	for (const target of targets ?? index.targets) {
		const { groups, achieved: byRules } = evaluateTarget({ index, target, held: expanded.held });
		const counted = [...countedIn(groups)].sort();
		if (onlyReachable && !counted.length && !expanded.held.has(target)) continue;
		const achieved = expanded.held.has(target) || byRules;
		const scratchKey = `scratch:${target}`;
		if (!index.memo.has(scratchKey)) index.memo.set(scratchKey, fewest(index, target, []));
		const neededFromScratch = index.memo.get(scratchKey) as number | null;
		const stillNeeded = achieved ? 0 : fewest(index, target, awarded);
		const share = achieved
			? 1
			: neededFromScratch && stillNeeded !== null
				? (neededFromScratch - stillNeeded) / neededFromScratch
				: 0;
		const creditsStillNeeded = groups
			.filter((g) => g.rule === 'min_credits' && !g.satisfied)
			.reduce((s, g) => s + (g.need - g.have), 0);
		qualifications.push({
			target,
			title: index.credentials.get(target)?.title ?? target,
			achieved,
			achievedByStacking: expanded.achieved.has(target) && !awarded.has(target),
			groups,
			counted,
			stillNeeded,
			neededFromScratch,
			share,
			creditsStillNeeded
		});
	}
	qualifications.sort((a, b) => b.share - a.share || (a.target < b.target ? -1 : 1));
	const toward = new Map<string, string[]>();
	for (const q of qualifications)
		for (const c of q.counted) toward.set(c, [...(toward.get(c) ?? []), q.target]);
	const holdings = [...expanded.held].sort().map((id) => {
		const countsToward = [...(toward.get(id) ?? [])].sort();
		return {
			id,
			recognisedFrom: awarded.has(id) ? null : (expanded.recognisedFrom.get(id) ?? null),
			countsToward,
			sharedAcross: countsToward.length > 1
		};
	});
	return { qualifications, holdings };
}
