// Branch and bound over the items of a planning problem (plan-problem.ts). The search state — what
// is chosen, what is ruled out, what it costs, the best plan so far — lives in one Search object;
// its methods are the steps: take/untake an item, the lower bound of a requirement node, and the
// depth-first search over decisions. See plan.ts for the method as a whole.
import type { Items, Node, Tree } from './plan-problem.ts';

/** Linked items are decided one by one; interchangeable items as a class ("take the k cheapest"). */
export type Decision = { kind: 'item'; item: number } | { kind: 'class'; items: number[]; nodes: Node[] };

/**
 * Items with prerequisites to pay, or that are a prerequisite of another item, one by one; every
 * other item in a class with those that sit in exactly the same groups. Items already chosen
 * (forced) are not decided.
 */
export function decisionsOf(items: Items, tree: Tree, chosen: Uint8Array): Decision[] {
	const { pre, credits, cost } = items;
	const { nodesOfItem } = tree;
	const isPrereq = new Uint8Array(items.ids.length);
	pre.forEach((p) => p.forEach((j) => (isPrereq[j] = 1)));
	const decisions: Decision[] = [];
	const classes = new Map<string, number[]>();
	for (let i = 0; i < items.ids.length; i++) {
		if (chosen[i]) continue;
		if (pre[i].length || isPrereq[i]) decisions.push({ kind: 'item', item: i });
		else {
			const nodes = nodesOfItem[i].map((n) => tree.nodes.indexOf(n)).join(',');
			if (!nodes) continue; // a prerequisite-free item in no group is never worth taking
			// Under a min_credits group only items with the same credits are interchangeable.
			const key = nodesOfItem[i].some((n) => n.rule === 'min_credits') ? `${nodes}|${credits[i]}` : nodes;
			classes.set(key, [...(classes.get(key) ?? []), i]);
		}
	}
	for (const members of classes.values()) {
		members.sort((a, b) => cost[a] - cost[b] || a - b);
		decisions.push({ kind: 'class', items: members, nodes: nodesOfItem[members[0]] });
	}
	// Items with prerequisites after the prerequisites themselves; classes serving more groups first.
	return decisions.sort((a, b) => {
		if (a.kind === 'item' && b.kind === 'item')
			return pre[a.item].length - pre[b.item].length || a.item - b.item;
		if (a.kind === 'class' && b.kind === 'class') return b.nodes.length - a.nodes.length;
		return a.kind === 'item' ? -1 : 1;
	});
}

export class Search {
	readonly chosen: Uint8Array;
	private readonly excluded: Uint8Array;
	private spent = 0;
	private best = Infinity;
	private bestSet: number[] = [];
	private visited = 0;
	/** The node budget ran out: the best plan found may not be the cheapest. */
	exhausted = false;

	constructor(
		private readonly items: Items,
		private readonly tree: Tree,
		private readonly nodeBudget: number
	) {
		this.chosen = new Uint8Array(items.ids.length);
		this.excluded = new Uint8Array(items.ids.length);
	}

	/** The cheapest plan found, as item indices; null when none satisfies the groups. */
	get found(): number[] | null {
		return this.best === Infinity ? null : this.bestSet;
	}

	/** Takes an item with its unmet prerequisites; returns the ones newly taken, for untake. */
	take(i: number): number[] {
		const added: number[] = [];
		for (const j of [i, ...this.items.pre[i]]) {
			if (this.chosen[j]) continue;
			this.chosen[j] = 1;
			this.spent += this.items.cost[j];
			for (const n of this.tree.nodesOfItem[j])
				n.have += n.rule === 'min_credits' ? this.items.credits[j] : 1;
			added.push(j);
		}
		return added;
	}

	untake(added: number[]) {
		for (const j of added) {
			this.chosen[j] = 0;
			this.spent -= this.items.cost[j];
			for (const n of this.tree.nodesOfItem[j])
				n.have -= n.rule === 'min_credits' ? this.items.credits[j] : 1;
		}
	}

	/** Still free to take: not chosen, not ruled out, and no prerequisite ruled out. */
	private open(i: number): boolean {
		return (
			!this.chosen[i] &&
			!this.excluded[i] &&
			this.items.pre[i].every((j) => this.chosen[j] || !this.excluded[j])
		);
	}

	private satisfied(n: Node): boolean {
		if (n.rule === 'all')
			return n.held + n.have === n.group.members.length && n.children.every((c) => this.satisfied(c));
		const value =
			n.held + n.have + (n.rule === 'n_of' ? n.children.filter((c) => this.satisfied(c)).length : 0);
		return value >= n.need;
	}

	/** The least a node can still cost, from the items still open (own cost only, never too high). */
	private bound(n: Node): number {
		if (this.satisfied(n)) return 0;
		if (n.rule === 'all') return this.boundAll(n);
		if (n.rule === 'min_credits') return this.boundCredits(n);
		return this.boundNOf(n);
	}

	private boundAll(n: Node): number {
		const { cost } = this.items;
		let sum = 0;
		const missing = n.group.members.length - n.held - n.have;
		let found = 0;
		for (const i of n.items) {
			if (this.chosen[i]) continue;
			if (!this.open(i)) return Infinity;
			sum += cost[i];
			found++;
		}
		if (found < missing) return Infinity;
		// Children whose items no other part of this group can use add to it; the others may
		// share items with it, so only the largest counts.
		let shared = 0;
		n.children.forEach((c, k) => {
			if (n.independent[k]) sum += this.bound(c);
			else shared = Math.max(shared, this.bound(c));
		});
		return Math.max(sum, shared);
	}

	/** Fractional knapsack: the cheapest cost per credit first, the last one in part. */
	private boundCredits(n: Node): number {
		const { cost, credits } = this.items;
		let remaining = n.need - n.held - n.have;
		const open = n.items
			.filter((i) => this.open(i) && credits[i] > 0)
			.sort((a, b) => cost[a] / credits[a] - cost[b] / credits[b]);
		let sum = 0;
		for (const i of open) {
			if (remaining <= 0) break;
			const part = Math.min(1, remaining / credits[i]);
			sum += part * cost[i];
			remaining -= credits[i];
		}
		return remaining > 0 ? Infinity : sum;
	}

	private boundNOf(n: Node): number {
		let r = n.need - n.held - n.have - n.children.filter((c) => this.satisfied(c)).length;
		const options: number[] = [];
		for (const i of n.items) if (this.open(i)) options.push(this.items.cost[i]); // already cheapest first
		// A child shares items with its parent or a sibling: one item may fill two slots, so its
		// bound cannot be added on top; 0 keeps the bound valid.
		n.children.forEach((c, k) => {
			if (!this.satisfied(c)) options.push(n.independent[k] ? this.bound(c) : 0);
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
	}

	private lowerBound(): number {
		let b = 0;
		for (const n of this.tree.roots) {
			b = this.tree.rootsDisjoint ? b + this.bound(n) : Math.max(b, this.bound(n));
			if (b === Infinity) break;
		}
		return b;
	}

	/** Depth-first over the decisions from d on, keeping the first strictly cheapest plan. */
	run(decisions: Decision[], d = 0): void {
		if (++this.visited > this.nodeBudget) {
			this.exhausted = true;
			return;
		}
		if (this.tree.roots.every((n) => this.satisfied(n))) {
			if (this.spent < this.best) {
				this.best = this.spent;
				this.bestSet = [];
				this.chosen.forEach((c, i) => c && this.bestSet.push(i));
			}
			return;
		}
		if (d >= decisions.length || this.spent + this.lowerBound() >= this.best) return;
		const dec = decisions[d];
		if (dec.kind === 'item') this.decideItem(decisions, d, dec.item);
		else this.decideClass(decisions, d, dec);
	}

	/** Take the item (with its prerequisites) if it is open, then leave it out. */
	private decideItem(decisions: Decision[], d: number, i: number) {
		if (this.chosen[i]) return this.run(decisions, d + 1);
		if (this.open(i)) {
			const added = this.take(i);
			this.run(decisions, d + 1);
			this.untake(added);
			if (this.exhausted) return;
		}
		this.excluded[i] = 1;
		this.run(decisions, d + 1);
		this.excluded[i] = 0;
	}

	/** Take the k cheapest of the class, k from the most useful down to 0. */
	private decideClass(decisions: Decision[], d: number, dec: Extract<Decision, { kind: 'class' }>) {
		// More than the largest remaining need among its groups never helps.
		let useful = 0;
		for (const n of dec.nodes) {
			const left = n.rule === 'all' ? n.group.members.length - n.held - n.have : n.need - n.held - n.have;
			useful = Math.max(useful, n.rule === 'min_credits' ? dec.items.length : left);
		}
		const maxK = Math.min(dec.items.length, Math.max(0, useful));
		dec.items.forEach((i) => (this.excluded[i] = 1));
		const added: number[][] = [];
		for (let k = 0; k < maxK; k++) {
			this.excluded[dec.items[k]] = 0;
			added.push(this.take(dec.items[k]));
		}
		for (let k = maxK; k >= 0; k--) {
			this.run(decisions, d + 1);
			if (this.exhausted) break;
			if (k > 0) {
				this.untake(added.pop()!);
				this.excluded[dec.items[k - 1]] = 1;
			}
		}
		while (added.length) this.untake(added.pop()!);
		dec.items.forEach((i) => (this.excluded[i] = 0));
	}
}
