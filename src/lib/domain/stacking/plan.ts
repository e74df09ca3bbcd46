// The cheapest set of credentials that completes a target, exactly.
//
// Objectives: 'count' (fewest credentials), 'hours' (least workload hours), 'time' (least expected
// time: the sum of each credential's median days to complete, given by the caller — a sequential
// reading; credentials taken in parallel would take less, which the sum does not try to model).
// Prerequisites are honoured: a planned credential's prerequisites (transitively) are held or
// planned too, and they add to the cost. Holdings count with recognitions and stacking applied.
//
// Method: branch and bound, exact.
// - Forced: members of every 'all' group reachable from the target through 'all' groups only.
// - Credentials with prerequisites to pay, or that are a prerequisite of another candidate, are
//   decided one by one (take it with its unmet prerequisites, or leave it).
// - Every other candidate is interchangeable with the ones that sit in exactly the same groups (and,
//   under a min_credits group, carry the same credits), so
//   they are decided as a class: "take the k cheapest", k from the most useful down to 0. This is
//   what keeps real qualifications (a hundred electives in two or three groups) fast.
// - Bound: cost so far + the cheapest way to cover what the groups still need from the candidates
//   still open (own cost only, so it never overestimates; a min_credits group uses the fractional
//   knapsack). Groups with no candidate in common add up; groups that may share one count only
//   their largest. A branch whose bound reaches the best plan found is cut, so only strictly
//   better plans are explored — and the first best plan in search order is the one kept, however
//   tight the bound.
// Steps: the prerequisite closure, the candidate items and the requirement tree over them
// (plan-problem.ts); forced items; then the decisions and the search with its bound (plan-search.ts).
// Exactness is checked against brute force on seeded random catalogues (plan.test.ts). A node
// budget guards against pathological inputs: when it runs out the best plan found is returned
// with `exact: false`.
import { asIndex, type Catalogue, type CatalogueIndex } from './catalogue.ts';
import { expandHoldings } from './holdings.ts';
import {
	buildTree,
	collectItems,
	unmetPrerequisites,
	type Items,
	type Node,
	type Setting,
	type Tree
} from './plan-problem.ts';
import { decisionsOf, Search } from './plan-search.ts';

export type Objective = 'count' | 'hours' | 'time';

export type Plan = {
	target: string;
	objective: Objective;
	/** Credentials to take, prerequisites before what needs them. */
	credentials: string[];
	/** hours/days are null when a planned credential has no figure. */
	total: { count: number; hours: number | null; days: number | null };
	exact: boolean;
};

export class PlanError extends Error {
	readonly reasons: string[];
	constructor(target: string, reasons: string[]) {
		super(`stacking/plan: no plan completes ${target}: ${reasons.join('; ')}`);
		this.name = 'PlanError';
		this.reasons = reasons;
	}
}

export type PlanInput = {
	catalogue: Catalogue | CatalogueIndex;
	target: string;
	held?: Iterable<string>;
	objective?: Objective;
	/** Median days to complete, per credential id (objective 'time'). */
	medianDays?: Record<string, number> | Map<string, number>;
	/** Plan as if no credential had prerequisites (progress uses this for "still needed"). */
	ignorePrerequisites?: boolean;
	/** Search nodes before giving up on proving optimality. */
	nodeBudget?: number;
};

export function planCompletion(input: PlanInput): Plan {
	const { target, objective = 'count', ignorePrerequisites = false, nodeBudget = 2_000_000 } = input;
	const index = asIndex(input.catalogue);
	if (!index.credentials.has(target)) throw new Error(`stacking/plan: unknown target ${target}`);
	const days =
		input.medianDays instanceof Map ? input.medianDays : new Map(Object.entries(input.medianDays ?? {}));
	const held = expandHoldings({ index, held: input.held ?? [] }).held;
	const result = (ids: string[], exact: boolean): Plan =>
		summarise(index, days, target, objective, order(index, ids), exact);
	if (held.has(target)) return result([], true);

	const setting: Setting = { index, held, ignorePrerequisites, closures: new Map(), blocked: [] };
	const costs = (ids: string[]) => {
		checkCosts(index, days, objective, ids);
		return ids.map((id) => costOf(index, days, objective, id)!);
	};
	const topGroups = index.topGroups.get(target) ?? [];
	if (!topGroups.length) {
		// A credential without groups is taken as it is, after its prerequisites.
		const pre = unmetPrerequisites(setting, target);
		if (pre === null) throw new PlanError(target, setting.blocked);
		const ids = [...pre, target];
		costs(ids);
		return result(ids, true);
	}

	const items = collectItems(setting, topGroups, costs);
	const tree = buildTree(setting, items, topGroups);
	const search = new Search(items, tree, nodeBudget);
	const forced = forceRequired(setting, items, tree, search);
	if (!setting.blocked.some((b) => / is required by /.test(b)))
		search.run(decisionsOf(items, tree, search.chosen));
	search.untake(forced);

	const found = search.found;
	if (found === null)
		throw new PlanError(target, explain(target, tree.roots, setting.blocked, search.exhausted));
	return result(
		found.map((i) => items.ids[i]),
		!search.exhausted
	);
}

/**
 * Takes the members of every 'all' group reached from the target through 'all' groups only: no
 * plan leaves them out. Returns what it took, for untake; a member that cannot be planned is
 * recorded as blocking.
 */
function forceRequired(s: Setting, items: Items, tree: Tree, search: Search): number[] {
	const taken: number[] = [];
	const force = (n: Node) => {
		if (n.rule !== 'all') return;
		for (const m of n.group.members) {
			if (s.held.has(m)) continue;
			const i = items.indexOf.get(m);
			if (i === undefined || !items.usable.get(m)) {
				s.blocked.push(`${m} is required by ${n.group.label ?? n.group.id} but cannot be planned`);
				continue;
			}
			taken.push(...search.take(i));
		}
		n.children.forEach(force);
	};
	tree.roots.forEach(force);
	return taken;
}

function explain(target: string, roots: Node[], blocked: string[], exhausted: boolean): string[] {
	const reasons: string[] = [];
	if (exhausted) reasons.push('the search budget ran out before any plan was found');
	const check = (n: Node) => {
		const available = n.items.length;
		if (n.rule === 'n_of' && n.held + available + n.children.length < n.need)
			reasons.push(
				`group "${n.group.label ?? n.group.id}" needs ${n.need} but only ${n.held} held + ${available} plannable`
			);
		n.children.forEach(check);
	};
	roots.forEach(check);
	reasons.push(...new Set(blocked));
	if (!reasons.length) reasons.push(`the groups of ${target} cannot all be satisfied together`);
	return reasons;
}

function costOf(
	index: CatalogueIndex,
	days: Map<string, number>,
	objective: Objective,
	id: string
): number | null {
	if (objective === 'count') return 1;
	if (objective === 'hours') return index.credentials.get(id)?.workloadHours ?? null;
	return days.get(id) ?? null;
}

function checkCosts(index: CatalogueIndex, days: Map<string, number>, objective: Objective, ids: string[]) {
	const missing = ids.filter((id) => {
		const c = costOf(index, days, objective, id);
		return c === null || !(c >= 0);
	});
	if (missing.length)
		throw new Error(
			`stacking/plan: objective '${objective}' needs ${objective === 'hours' ? 'workload hours' : 'median days'} for ${missing.length} candidate credential(s): ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}`
		);
}

/** Prerequisites first (depth), then by id, so the list reads as an order to take them in. */
function order(index: CatalogueIndex, ids: string[]): string[] {
	const set = new Set(ids);
	const depth = new Map<string, number>();
	const d = (id: string, seen = new Set<string>()): number => {
		if (depth.has(id)) return depth.get(id)!;
		if (seen.has(id)) return 0;
		seen.add(id);
		const v = Math.max(
			0,
			...(index.requires.get(id) ?? []).filter((r) => set.has(r)).map((r) => d(r, seen) + 1)
		);
		depth.set(id, v);
		return v;
	};
	return [...ids].sort((a, b) => d(a) - d(b) || (a < b ? -1 : a > b ? 1 : 0));
}

function summarise(
	index: CatalogueIndex,
	days: Map<string, number>,
	target: string,
	objective: Objective,
	ids: string[],
	exact: boolean
): Plan {
	let hours: number | null = 0;
	let totalDays: number | null = 0;
	for (const id of ids) {
		const h = index.credentials.get(id)?.workloadHours;
		hours = h == null || hours === null ? null : hours + h;
		const dd = days.get(id);
		totalDays = dd === undefined || totalDays === null ? null : totalDays + dd;
	}
	return { target, objective, credentials: ids, total: { count: ids.length, hours, days: totalDays }, exact };
}
