// A learner's progress toward every qualification in the catalogue.
//
// Holdings count with recognitions and stacking applied (holdings.ts). For each target:
// - groups: each group's state (satisfied, have / need, which held credentials count), nested;
// - stillNeeded: the fewest further credentials that would complete it (exact: summed group by
//   group when its groups share no credential, the planner's search otherwise; prerequisites set
//   aside — they change the order, not what the rules ask for); null when the catalogue cannot
//   complete it;
// - share: 1 − stillNeeded / neededFromScratch — the share of the smallest complete set already
//   in hand (DESIGN.md §3 "share of requirements met"); 1 once achieved;
// - creditsStillNeeded: what the unsatisfied min_credits groups still ask for.
// One credential may count toward several qualifications: `holdings[].countsToward` lists them all
// and `sharedAcross` says so.
import { asIndex, type Catalogue, type CatalogueIndex } from './catalogue.ts';
import { expandHoldings, type Holdings } from './holdings.ts';
import { PlanError, planCompletion } from './plan.ts';
import { evaluateTarget, membersOf, type GroupState } from './requirements.ts';
import type { RequirementGroup } from '../types.ts';

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

/**
 * The fewest further credentials (objective 'count') or nominal hours ('hours') that complete
 * `target`, prerequisites set aside; null when the catalogue cannot. `held` is `awarded` with
 * recognitions and stacking applied. For 'hours' every unheld member must state its hours.
 */
function fewest(
	index: CatalogueIndex,
	target: string,
	awarded: Set<string>,
	held: Set<string>,
	objective: 'count' | 'hours' = 'count'
): number | null {
	if (separable(index, target)) {
		const cost =
			objective === 'count' ? () => 1 : (id: string) => index.credentials.get(id)?.workloadHours ?? NaN;
		const total = (index.topGroups.get(target) ?? []).reduce(
			(sum, group) => sum + cheapestCompletion(index, group, held, cost),
			0
		);
		return Number.isFinite(total) ? total : null;
	}
	try {
		const { total } = planCompletion({
			catalogue: index,
			target,
			held: awarded,
			objective,
			ignorePrerequisites: true
		});
		return objective === 'count' ? total.count : total.hours;
	} catch (e) {
		if (e instanceof PlanError) return null;
		throw e;
	}
}

/**
 * The fewest nominal hours of further credentials that complete `target` from `held` (the
 * planner's objective 'hours', prerequisites set aside: exact, as stillNeeded is for the count);
 * 0 when achieved; null when the catalogue cannot complete it, or when a credential that could
 * complete it (an unheld member) states no hours.
 */
export function hoursStillNeeded({
	catalogue,
	held,
	target
}: {
	catalogue: Catalogue | CatalogueIndex;
	held: Iterable<string>;
	target: string;
}): number | null {
	const index = asIndex(catalogue);
	const awarded = new Set(held);
	const expanded = expandHoldings({ index, held: awarded }).held;
	if (expanded.has(target)) return 0;
	for (const m of membersOf({ index, target }))
		if (!expanded.has(m) && index.credentials.get(m)?.workloadHours === null) return null;
	return fewest(index, target, awarded, expanded, 'hours');
}

/**
 * Whether no credential sits in two of the target's groups (or twice in one) and no group counts
 * credits: then what completes one group does nothing for another, and the fewest credentials for
 * the target is the sum of each group's own fewest — no search needed. (The generated catalogue's
 * qualifications are all like this; the planner's search is for the rest.)
 */
export function separable(index: CatalogueIndex, target: string): boolean {
	const key = `separable:${target}`;
	let answer = index.memo.get(key) as boolean | undefined;
	if (answer === undefined) {
		const seen = new Set<string>();
		const visit = (g: RequirementGroup): boolean =>
			g.rule !== 'min_credits' &&
			g.members.every((m) => !seen.has(m) && seen.add(m)) &&
			(index.children.get(g.id) ?? []).every(visit);
		answer = (index.topGroups.get(target) ?? []).every(visit);
		index.memo.set(key, answer);
	}
	return answer;
}

/**
 * The cheapest way, at `cost` per credential (1 each for the count, as the planner counts them),
 * to satisfy a group of a separable target: every missing member of an 'all' group and each of its
 * children completed; the cheapest of the missing members and children for an 'n_of' group (they
 * share nothing, so the cheapest ones together are the cheapest way). Infinity when it cannot be
 * satisfied (a member not in the catalogue that it cannot do without).
 */
function cheapestCompletion(
	index: CatalogueIndex,
	group: RequirementGroup,
	held: Set<string>,
	cost: (id: string) => number
): number {
	const children = index.children.get(group.id) ?? [];
	let have = 0;
	const open: number[] = [];
	for (const m of group.members)
		if (held.has(m)) have++;
		else if (index.credentials.has(m)) open.push(cost(m));
	if (group.rule === 'all') {
		if (have + open.length < group.members.length) return Infinity;
		return children.reduce(
			(sum, child) => sum + cheapestCompletion(index, child, held, cost),
			open.reduce((s, c) => s + c, 0)
		);
	}
	let still = (group.n ?? 0) - have;
	if (still <= 0) return 0;
	// A satisfied child costs nothing; an open member its own cost; a child what completes it.
	const options = [...open, ...children.map((child) => cheapestCompletion(index, child, held, cost))].sort(
		(a, b) => a - b
	);
	let sum = 0;
	for (const c of options) {
		if (still === 0 || c === Infinity) break;
		sum += c;
		still--;
	}
	return still > 0 ? Infinity : sum;
}

/** The targets something held counts toward, or held themselves, in catalogue order. */
function reachableTargets(index: CatalogueIndex, expanded: Holdings): string[] {
	const positions = new Set(expanded.heldMembers.keys());
	index.targets.forEach((target, at) => expanded.held.has(target) && positions.add(at));
	return [...positions].sort((a, b) => a - b).map((at) => index.targets[at]);
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
	for (const target of targets ?? (onlyReachable ? reachableTargets(index, expanded) : index.targets)) {
		const { groups, achieved: byRules } = evaluateTarget({ index, target, held: expanded.held });
		const counted = [...countedIn(groups)].sort();
		if (onlyReachable && !counted.length && !expanded.held.has(target)) continue;
		const achieved = expanded.held.has(target) || byRules;
		const scratchKey = `scratch:${target}`;
		if (!index.memo.has(scratchKey)) {
			const none = new Set<string>();
			index.memo.set(scratchKey, fewest(index, target, none, expandHoldings({ index, held: none }).held));
		}
		const neededFromScratch = index.memo.get(scratchKey) as number | null;
		const stillNeeded = achieved ? 0 : fewest(index, target, awarded, expanded.held);
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
