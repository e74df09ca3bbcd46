// The planning problem for one target, before any search: what the learner has yet to meet before
// each credential (the prerequisite closure), the candidate credentials ("items") with their cost,
// and the target's requirement tree over those items. plan-search.ts explores it; plan.ts runs the
// steps in order.
import type { RequirementGroup } from '../types.ts';
import type { CatalogueIndex } from './catalogue.ts';

/** What every step reads, and the reasons for failing that the steps collect as they go. */
export type Setting = {
	index: CatalogueIndex;
	held: Set<string>;
	ignorePrerequisites: boolean;
	/** Memo of unmetPrerequisites. */
	closures: Map<string, string[] | null>;
	/** Why a credential cannot be planned, in the order found. */
	blocked: string[];
};

/** Unmet prerequisites of a credential, transitively; null when one is not in the catalogue. */
export function unmetPrerequisites(s: Setting, id: string): string[] | null {
	if (s.ignorePrerequisites) return [];
	const cached = s.closures.get(id);
	if (cached !== undefined) return cached;
	s.closures.set(id, []); // the graph build rejects cycles; this only stops runaway recursion
	const out = new Set<string>();
	for (const r of s.index.requires.get(id) ?? []) {
		if (s.held.has(r)) continue;
		const sub = s.index.credentials.has(r) ? unmetPrerequisites(s, r) : null;
		if (sub === null) {
			const why = s.index.credentials.has(r) ? 'which cannot be planned' : 'which is not in the catalogue';
			s.blocked.push(`${id} needs ${r}, ${why}`);
			s.closures.set(id, null);
			return null;
		}
		out.add(r);
		sub.forEach((x) => out.add(x));
	}
	const list = [...out];
	s.closures.set(id, list);
	return list;
}

/** The candidates: unheld members of the target's groups, and their unmet prerequisites. */
export type Items = {
	ids: string[];
	indexOf: Map<string, number>;
	/** Per group member not held: false when it cannot be planned (its prerequisites cannot). */
	usable: Map<string, boolean>;
	/** Per item: the items it needs first. */
	pre: number[][];
	cost: number[];
	credits: number[];
};

function groupMembers(index: CatalogueIndex, topGroups: RequirementGroup[]): Set<string> {
	const members = new Set<string>();
	const visit = (g: RequirementGroup) => {
		g.members.forEach((m) => members.add(m));
		(index.children.get(g.id) ?? []).forEach(visit);
	};
	topGroups.forEach(visit);
	return members;
}

/**
 * Collects the items of the target's groups. `costs` checks that every item has a cost under the
 * objective (it throws otherwise) and gives them.
 */
export function collectItems(
	s: Setting,
	topGroups: RequirementGroup[],
	costs: (ids: string[]) => number[]
): Items {
	const ids: string[] = [];
	const indexOf = new Map<string, number>();
	const add = (id: string) => {
		if (!indexOf.has(id)) {
			indexOf.set(id, ids.length);
			ids.push(id);
		}
	};
	const usable = new Map<string, boolean>();
	for (const m of groupMembers(s.index, topGroups)) {
		if (s.held.has(m)) continue;
		const pre = s.index.credentials.has(m) ? unmetPrerequisites(s, m) : null;
		if (!s.index.credentials.has(m)) s.blocked.push(`${m} is not in the catalogue`);
		usable.set(m, pre !== null);
		if (pre === null) continue;
		add(m);
		pre.forEach(add);
	}
	const pre = ids.map((id) => (unmetPrerequisites(s, id) ?? []).map((p) => indexOf.get(p)!));
	const cost = costs(ids);
	const credits = ids.map((id) => s.index.credentials.get(id)?.credits ?? 0);
	return { ids, indexOf, usable, pre, cost, credits };
}

/** A requirement group over items, with the counters the search updates. */
export type Node = {
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

/** The items of a requirement node and of every node under it. */
export function deepItems(n: Node): Set<number> {
	return new Set([...n.items, ...n.children.flatMap((c) => [...deepItems(c)])]);
}

function buildNode(s: Setting, items: Items, g: RequirementGroup): Node {
	const children = (s.index.children.get(g.id) ?? []).map((c) => buildNode(s, items, c));
	const heldMembers = g.members.filter((m) => s.held.has(m));
	const own = g.members
		.filter((m) => items.indexOf.has(m) && items.usable.get(m))
		.map((m) => items.indexOf.get(m)!);
	own.sort((a, b) => items.cost[a] - items.cost[b] || a - b);
	const need =
		g.rule === 'all'
			? g.members.length + children.length
			: g.rule === 'n_of'
				? (g.n ?? 0)
				: (g.minCredits ?? 0);
	const heldValue =
		g.rule === 'min_credits'
			? heldMembers.reduce((sum, m) => sum + (s.index.credentials.get(m)?.credits ?? 0), 0)
			: heldMembers.length;
	const sets = children.map(deepItems);
	const independent = sets.map((set, k) =>
		[own, ...sets.filter((_, j) => j !== k).map((x) => [...x])].every((other) =>
			other.every((i) => !set.has(i))
		)
	);
	return { group: g, rule: g.rule, need, held: heldValue, items: own, children, independent, have: 0 };
}

export type Tree = {
	roots: Node[];
	/** Every node, parents before children. */
	nodes: Node[];
	/** Per item: the nodes that list it. */
	nodesOfItem: Node[][];
	/** Top-level groups with no item in common need separate items, so their bounds add up. */
	rootsDisjoint: boolean;
};

export function buildTree(s: Setting, items: Items, topGroups: RequirementGroup[]): Tree {
	const roots = topGroups.map((g) => buildNode(s, items, g));
	const nodes: Node[] = [];
	const collect = (n: Node) => {
		nodes.push(n);
		n.children.forEach(collect);
	};
	roots.forEach(collect);
	const nodesOfItem: Node[][] = items.ids.map(() => []);
	for (const n of nodes) for (const i of n.items) nodesOfItem[i].push(n);
	const rootItems = roots.map(deepItems);
	const rootsDisjoint = rootItems.every((set, k) =>
		rootItems.every((other, j) => j <= k || [...other].every((i) => !set.has(i)))
	);
	return { roots, nodes, nodesOfItem, rootsDisjoint };
}
