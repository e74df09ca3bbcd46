// A qualification's requirement groups (flat, each naming its parent) as the nested tree people
// read — "Core units: all 27", "Electives: 7 of 33", "At least 20 credits from 12" — with the same
// counts `stackwise catalogue show` prints: a nested group counts as one member of its parent.
// `ruleText` is the short form (charts, graph labels); `ruleSentence` the one a nested listing
// reads: "all of these 5", "2 of these 4", "3 of these groups".
import type { RequirementRule } from '../types.ts';

export type RequirementInput = {
	id: string;
	parent: string | null;
	rule: RequirementRule;
	n: number | null;
	minCredits: number | null;
	label: string | null;
	members: string[];
};

export type RequirementNode = RequirementInput & {
	children: RequirementNode[];
	/** Members plus nested groups: what the rule picks from. */
	size: number;
	/** "all 27", "7 of 33", "at least 20 credits from 12". */
	rule_text: string;
	depth: number;
};

export function ruleText(rule: RequirementRule, n: number | null, minCredits: number | null, size: number) {
	if (rule === 'all') return `all ${size}`;
	if (rule === 'n_of') return `${n ?? '?'} of ${size}`;
	return `at least ${minCredits ?? '?'} credits from ${size}`;
}

/**
 * The rule as a listing of what follows reads it: "all of these 5", "2 of these 4", "3 of these
 * groups" (when every option is a nested group), "at least 20 credits from these 12".
 */
export function ruleSentence(node: Pick<RequirementNode, 'rule' | 'n' | 'minCredits' | 'size' | 'members'>) {
	const these = node.members.length === 0 && node.size > 0 ? 'these groups' : `these ${node.size}`;
	if (node.rule === 'all') return `all of ${these}`;
	if (node.rule === 'n_of') return `${node.n ?? '?'} of ${these}`;
	return `at least ${node.minCredits ?? '?'} credits from ${these}`;
}

/** Groups whose parent is missing are treated as top-level, so nothing silently disappears. */
export function requirementTree(groups: readonly RequirementInput[]): RequirementNode[] {
	const ids = new Set(groups.map((g) => g.id));
	const children = new Map<string | null, RequirementInput[]>();
	for (const g of groups) {
		const parent = g.parent && ids.has(g.parent) ? g.parent : null;
		(children.get(parent) ?? children.set(parent, []).get(parent)!).push(g);
	}
	const build = (g: RequirementInput, depth: number, path: Set<string>): RequirementNode => {
		// A group nested in itself would recurse forever; the loader rejects it, the view stops.
		const kids = path.has(g.id)
			? []
			: (children.get(g.id) ?? []).map((c) => build(c, depth + 1, new Set([...path, g.id])));
		const size = g.members.length + kids.length;
		return {
			...g,
			members: [...g.members],
			children: kids,
			size,
			rule_text: ruleText(g.rule, g.n, g.minCredits, size),
			depth
		};
	};
	return (children.get(null) ?? []).map((g) => build(g, 0, new Set()));
}

/** Every group in the tree, depth first (for counting and flat listings). */
export function flattenTree(tree: readonly RequirementNode[]): RequirementNode[] {
	return tree.flatMap((g) => [g, ...flattenTree(g.children)]);
}
