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
// Exactness is checked against brute force on seeded random catalogues (plan.test.ts). A node
// budget guards against pathological inputs: when it runs out the best plan found is returned
// with `exact: false`.
import type { RequirementGroup } from '../types.ts';
import { asIndex, type Catalogue, type CatalogueIndex } from './catalogue.ts';
import { expandHoldings } from './holdings.ts';

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

type Node = {
	group: RequirementGroup;
	rule: RequirementGroup['rule'];
	need: number;
	held: number; // held members (count or credits)
	items: number[]; // candidate item indices, cheapest first
	children: Node[];
	/** Per child: its items (at any depth) are disjoint from this node's and its siblings'. */
	independent: boolean[];
	/** Counters updated by the search. */
	have: number;
};

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

/** The items of a requirement node and of every node under it. */
function deepItems(n: Node): Set<number> {
	return new Set([...n.items, ...n.children.flatMap((c) => [...deepItems(c)])]);
}

export function planCompletion(input: PlanInput): Plan {
	const { target, objective = 'count', ignorePrerequisites = false, nodeBudget = 2_000_000 } = input;
	const index = asIndex(input.catalogue);
	if (!index.credentials.has(target)) throw new Error(`stacking/plan: unknown target ${target}`);
	const days =
		input.medianDays instanceof Map ? input.medianDays : new Map(Object.entries(input.medianDays ?? {}));
	const held = expandHoldings({ index, held: input.held ?? [] }).held;
	const result = (ids: string[], exact: boolean): Plan =>
		summarise(index, days, target, objective, ids, exact);
	if (held.has(target)) return result([], true);

	// Unmet prerequisites, transitively; null when one is not in the catalogue.
	const closureCache = new Map<string, string[] | null>();
	const blocked: string[] = [];
	const closure = (id: string): string[] | null => {
		if (ignorePrerequisites) return [];
		const cached = closureCache.get(id);
		if (cached !== undefined) return cached;
		closureCache.set(id, []); // the graph build rejects cycles; this only stops runaway recursion
		const out = new Set<string>();
		for (const r of index.requires.get(id) ?? []) {
			if (held.has(r)) continue;
			if (!index.credentials.has(r)) {
				blocked.push(`${id} needs ${r}, which is not in the catalogue`);
				closureCache.set(id, null);
				return null;
			}
			const sub = closure(r);
			if (sub === null) {
				blocked.push(`${id} needs ${r}, which cannot be planned`);
				closureCache.set(id, null);
				return null;
			}
			out.add(r);
			sub.forEach((s) => out.add(s));
		}
		const list = [...out];
		closureCache.set(id, list);
		return list;
	};

	const topGroups = index.topGroups.get(target) ?? [];
	if (!topGroups.length) {
		// A credential without groups is taken as it is, after its prerequisites.
		const pre = closure(target);
		if (pre === null) throw new PlanError(target, blocked);
		const ids = [...pre, target];
		checkCosts(index, days, objective, ids);
		return result(order(index, ids), true);
	}

	// Items: unheld members of the target's groups, and their unmet prerequisites.
	const itemIds: string[] = [];
	const itemOf = new Map<string, number>();
	const addItem = (id: string) => {
		if (!itemOf.has(id)) {
			itemOf.set(id, itemIds.length);
			itemIds.push(id);
		}
		return itemOf.get(id)!;
	};
	const usable = new Map<string, boolean>();
	const memberIds = new Set<string>();
	const visit = (g: RequirementGroup) => {
		g.members.forEach((m) => memberIds.add(m));
		(index.children.get(g.id) ?? []).forEach(visit);
	};
	topGroups.forEach(visit);
	for (const m of memberIds) {
		if (held.has(m)) continue;
		const pre = index.credentials.has(m) ? closure(m) : null;
		if (!index.credentials.has(m)) blocked.push(`${m} is not in the catalogue`);
		usable.set(m, pre !== null);
		if (pre === null) continue;
		addItem(m);
		pre.forEach(addItem);
	}
	const pre = itemIds.map((id) => (closure(id) ?? []).map((p) => itemOf.get(p)!));
	checkCosts(index, days, objective, itemIds);
	const cost = itemIds.map((id) => costOf(index, days, objective, id)!);
	const credits = itemIds.map((id) => index.credentials.get(id)?.credits ?? 0);

	// Requirement tree over items.
	const build = (g: RequirementGroup): Node => {
		const children = (index.children.get(g.id) ?? []).map(build);
		const heldMembers = g.members.filter((m) => held.has(m));
		const items = g.members.filter((m) => itemOf.has(m) && usable.get(m)).map((m) => itemOf.get(m)!);
		items.sort((a, b) => cost[a] - cost[b] || a - b);
		const need =
			g.rule === 'all'
				? g.members.length + children.length
				: g.rule === 'n_of'
					? (g.n ?? 0)
					: (g.minCredits ?? 0);
		const heldValue =
			g.rule === 'min_credits'
				? heldMembers.reduce((s, m) => s + (index.credentials.get(m)?.credits ?? 0), 0)
				: heldMembers.length;
		const sets = children.map(deepItems);
		const independent = sets.map((set, k) =>
			[items, ...sets.filter((_, j) => j !== k).map((x) => [...x])].every((other) =>
				other.every((i) => !set.has(i))
			)
		);
		return { group: g, rule: g.rule, need, held: heldValue, items, children, independent, have: 0 };
	};
	const roots = topGroups.map(build);
	const allNodes: Node[] = [];
	const collect = (n: Node) => {
		allNodes.push(n);
		n.children.forEach(collect);
	};
	roots.forEach(collect);
	const nodesOfItem: Node[][] = itemIds.map(() => []);
	for (const n of allNodes) for (const i of n.items) nodesOfItem[i].push(n);

	// Search state.
	const chosen = new Uint8Array(itemIds.length);
	const excluded = new Uint8Array(itemIds.length);
	let spent = 0;
	const take = (i: number): number[] => {
		const added: number[] = [];
		for (const j of [i, ...pre[i]]) {
			if (chosen[j]) continue;
			chosen[j] = 1;
			spent += cost[j];
			for (const n of nodesOfItem[j]) n.have += n.rule === 'min_credits' ? credits[j] : 1;
			added.push(j);
		}
		return added;
	};
	const untake = (added: number[]) => {
		for (const j of added) {
			chosen[j] = 0;
			spent -= cost[j];
			for (const n of nodesOfItem[j]) n.have -= n.rule === 'min_credits' ? credits[j] : 1;
		}
	};
	const open = (i: number) => !chosen[i] && !excluded[i] && pre[i].every((j) => chosen[j] || !excluded[j]);
	const satisfied = (n: Node): boolean => {
		if (n.rule === 'all') return n.held + n.have === n.group.members.length && n.children.every(satisfied);
		const value = n.held + n.have + (n.rule === 'n_of' ? n.children.filter(satisfied).length : 0);
		return value >= n.need;
	};
	const bound = (n: Node): number => {
		if (satisfied(n)) return 0;
		if (n.rule === 'all') {
			let sum = 0;
			const missing = n.group.members.length - n.held - n.have;
			let found = 0;
			for (const i of n.items) {
				if (chosen[i]) continue;
				if (!open(i)) return Infinity;
				sum += cost[i];
				found++;
			}
			if (found < missing) return Infinity;
			// Children whose items no other part of this group can use add to it; the others may
			// share items with it, so only the largest counts.
			let shared = 0;
			n.children.forEach((c, k) => {
				if (n.independent[k]) sum += bound(c);
				else shared = Math.max(shared, bound(c));
			});
			return Math.max(sum, shared);
		}
		if (n.rule === 'min_credits') {
			let remaining = n.need - n.held - n.have;
			const open_ = n.items
				.filter((i) => open(i) && credits[i] > 0)
				.sort((a, b) => cost[a] / credits[a] - cost[b] / credits[b]);
			let sum = 0;
			for (const i of open_) {
				if (remaining <= 0) break;
				const part = Math.min(1, remaining / credits[i]);
				sum += part * cost[i];
				remaining -= credits[i];
			}
			return remaining > 0 ? Infinity : sum;
		}
		let r = n.need - n.held - n.have - n.children.filter(satisfied).length;
		const options: number[] = [];
		for (const i of n.items) if (open(i)) options.push(cost[i]); // already cheapest first
		// A child shares items with its parent or a sibling: one item may fill two slots, so its
		// bound cannot be added on top; 0 keeps the bound valid.
		n.children.forEach((c, k) => {
			if (!satisfied(c)) options.push(n.independent[k] ? bound(c) : 0);
		});
		if (n.children.length) options.sort((a, b) => a - b);
		let sum = 0;
		for (const o of options) {
			if (r <= 0) break;
			if (!Number.isFinite(o)) return Infinity;
			sum += o;
			r--;
		}
		return r > 0 ? Infinity : sum;
	};
	// Top-level groups with no item in common need separate items: their bounds add up.
	const rootItems = roots.map(deepItems);
	const rootsDisjoint = rootItems.every((set, k) =>
		rootItems.every((other, j) => j <= k || [...other].every((i) => !set.has(i)))
	);
	const lowerBound = () => {
		let b = 0;
		for (const n of roots) {
			b = rootsDisjoint ? b + bound(n) : Math.max(b, bound(n));
			if (b === Infinity) break;
		}
		return b;
	};

	// Forced items: members of 'all' groups reached from the target through 'all' groups only.
	const forcedAdds: number[] = [];
	const force = (n: Node) => {
		if (n.rule !== 'all') return;
		for (const m of n.group.members) {
			if (held.has(m)) continue;
			const i = itemOf.get(m);
			if (i === undefined || !usable.get(m)) {
				blocked.push(`${m} is required by ${n.group.label ?? n.group.id} but cannot be planned`);
				continue;
			}
			forcedAdds.push(...take(i));
		}
		n.children.forEach(force);
	};
	roots.forEach(force);

	// Decisions: linked items one by one, the rest as classes of interchangeable items.
	const isPrereq = new Uint8Array(itemIds.length);
	pre.forEach((p) => p.forEach((j) => (isPrereq[j] = 1)));
	type Decision = { kind: 'item'; item: number } | { kind: 'class'; items: number[]; nodes: Node[] };
	const decisions: Decision[] = [];
	const classes = new Map<string, number[]>();
	for (let i = 0; i < itemIds.length; i++) {
		if (chosen[i]) continue;
		if (pre[i].length || isPrereq[i]) decisions.push({ kind: 'item', item: i });
		else {
			const nodes = nodesOfItem[i].map((n) => allNodes.indexOf(n)).join(',');
			if (!nodes) continue; // a prerequisite-free item in no group is never worth taking
			// Under a min_credits group only items with the same credits are interchangeable.
			const key = nodesOfItem[i].some((n) => n.rule === 'min_credits') ? `${nodes}|${credits[i]}` : nodes;
			classes.set(key, [...(classes.get(key) ?? []), i]);
		}
	}
	for (const items of classes.values()) {
		items.sort((a, b) => cost[a] - cost[b] || a - b);
		decisions.push({ kind: 'class', items, nodes: nodesOfItem[items[0]] });
	}
	// Items with prerequisites after the prerequisites themselves; classes serving more groups first.
	decisions.sort((a, b) => {
		if (a.kind !== b.kind) return a.kind === 'item' ? -1 : 1;
		if (a.kind === 'item' && b.kind === 'item')
			return pre[a.item].length - pre[b.item].length || a.item - b.item;
		return (b as { nodes: Node[] }).nodes.length - (a as { nodes: Node[] }).nodes.length;
	});

	let best = Infinity;
	let bestSet: number[] = [];
	let visited = 0;
	let exhausted = false;
	const rootSatisfied = () => roots.every(satisfied);
	const dfs = (d: number) => {
		if (++visited > nodeBudget) {
			exhausted = true;
			return;
		}
		if (rootSatisfied()) {
			if (spent < best) {
				best = spent;
				bestSet = [];
				chosen.forEach((c, i) => c && bestSet.push(i));
			}
			return;
		}
		if (d >= decisions.length || spent + lowerBound() >= best) return;
		const dec = decisions[d];
		if (dec.kind === 'item') {
			const i = dec.item;
			if (chosen[i]) return dfs(d + 1);
			if (open(i)) {
				const added = take(i);
				dfs(d + 1);
				untake(added);
				if (exhausted) return;
			}
			excluded[i] = 1;
			dfs(d + 1);
			excluded[i] = 0;
			return;
		}
		// Class: take the k cheapest; more than the largest remaining need among its groups never helps.
		let useful = 0;
		for (const n of dec.nodes) {
			const left = n.rule === 'all' ? n.group.members.length - n.held - n.have : n.need - n.held - n.have;
			useful = Math.max(useful, n.rule === 'min_credits' ? dec.items.length : left);
		}
		const maxK = Math.min(dec.items.length, Math.max(0, useful));
		dec.items.forEach((i) => (excluded[i] = 1));
		const added: number[][] = [];
		for (let k = 0; k < maxK; k++) {
			excluded[dec.items[k]] = 0;
			added.push(take(dec.items[k]));
		}
		for (let k = maxK; k >= 0; k--) {
			dfs(d + 1);
			if (exhausted) break;
			if (k > 0) {
				untake(added.pop()!);
				excluded[dec.items[k - 1]] = 1;
			}
		}
		while (added.length) untake(added.pop()!);
		dec.items.forEach((i) => (excluded[i] = 0));
	};
	if (!blocked.some((b) => / is required by /.test(b))) dfs(0);
	untake(forcedAdds);

	if (best === Infinity) throw new PlanError(target, explain(index, target, roots, blocked, exhausted));
	return result(
		order(
			index,
			bestSet.map((i) => itemIds[i])
		),
		!exhausted
	);
}

function explain(
	index: CatalogueIndex,
	target: string,
	roots: Node[],
	blocked: string[],
	exhausted: boolean
): string[] {
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
