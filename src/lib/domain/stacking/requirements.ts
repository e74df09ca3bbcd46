// Whether a set of held credentials satisfies a target's requirement groups, group by group.
//
// Semantics (DESIGN.md §2): a target is achieved when every top-level group is satisfied.
//   all        every member held and every child group satisfied
//   n_of       at least n of (members held + child groups satisfied); a child counts as one member
//   min_credits  the credits of the held members add up to at least minCredits
// Groups are independent conditions: one held credential counts toward every group that lists it
// (an elective in Group A counts toward "7 electives" and toward "at least 4 from Group A").
import type { RequirementGroup } from '../types.ts';
import type { CatalogueIndex } from './catalogue.ts';

export type GroupState = {
	id: string;
	label: string | null;
	rule: RequirementGroup['rule'];
	n: number | null;
	minCredits: number | null;
	satisfied: boolean;
	/** Held members that count here. */
	counted: string[];
	/** Members + satisfied children (n_of, all) or credits (min_credits) the learner has. */
	have: number;
	/** What the group asks for, in the same unit as `have`. */
	need: number;
	children: GroupState[];
};

/** How many of `n` a group asks for: all members and children for 'all'. */
function required(g: RequirementGroup, childCount: number): number {
	if (g.rule === 'all') return g.members.length + childCount;
	if (g.rule === 'n_of') return g.n ?? 0;
	return g.minCredits ?? 0;
}

export function evaluateGroup({
	index,
	group,
	held
}: {
	index: CatalogueIndex;
	group: RequirementGroup;
	held: Set<string>;
}): GroupState {
	const children = (index.children.get(group.id) ?? []).map((c) => evaluateGroup({ index, group: c, held }));
	const counted = group.members.filter((m) => held.has(m));
	const satisfiedChildren = children.filter((c) => c.satisfied).length;
	const have =
		group.rule === 'min_credits'
			? counted.reduce((s, id) => s + (index.credentials.get(id)?.credits ?? 0), 0)
			: counted.length + satisfiedChildren;
	const need = required(group, children.length);
	return {
		id: group.id,
		label: group.label,
		rule: group.rule,
		n: group.n,
		minCredits: group.minCredits,
		satisfied: have >= need,
		counted,
		have,
		need,
		children
	};
}

/** The state of each top-level group of `target`; `achieved` when all are satisfied. */
export function evaluateTarget({
	index,
	target,
	held
}: {
	index: CatalogueIndex;
	target: string;
	held: Set<string>;
}) {
	const groups = (index.topGroups.get(target) ?? []).map((group) => evaluateGroup({ index, group, held }));
	return { groups, achieved: groups.length > 0 && groups.every((g) => g.satisfied) };
}

/** Every credential id a target's groups name, nested groups included. */
export function membersOf({ index, target }: { index: CatalogueIndex; target: string }): Set<string> {
	const out = new Set<string>();
	const visit = (g: RequirementGroup) => {
		g.members.forEach((m) => out.add(m));
		(index.children.get(g.id) ?? []).forEach(visit);
	};
	(index.topGroups.get(target) ?? []).forEach(visit);
	return out;
}

export type TargetLookup = {
	/** credential → the positions in `index.targets` of the targets whose groups name it (nested included). */
	byMember: Map<string, number[]>;
	/** Positions of the targets achieved with nothing held (every group asks for nothing). */
	free: number[];
};

/**
 * Which targets a held credential can move. A target's state depends only on which of its own
 * members are held (evaluateGroup reads nothing else), so a target none of whose members is held
 * is achieved exactly when it is free: callers evaluate the few targets a learner touches instead
 * of every target in the catalogue. Built once per index.
 */
export function targetLookup(index: CatalogueIndex): TargetLookup {
	const key = 'targets-by-member';
	let lookup = index.memo.get(key) as TargetLookup | undefined;
	if (!lookup) {
		const byMember = new Map<string, number[]>();
		index.targets.forEach((target, at) => {
			for (const m of membersOf({ index, target })) {
				const list = byMember.get(m);
				if (list) list.push(at);
				else byMember.set(m, [at]);
			}
		});
		const free = index.targets.flatMap((target, at) =>
			evaluateTarget({ index, target, held: new Set() }).achieved ? [at] : []
		);
		index.memo.set(key, (lookup = { byMember, free }));
	}
	return lookup;
}

export type TargetState = { achieved: boolean; satisfiedGroups: number; groups: number };

/** Above this many remembered states the memo starts again (bounded memory on large populations). */
const STATE_MEMO_LIMIT = 200_000;

/**
 * Whether `index.targets[at]` is achieved, and how many of its top-level groups are satisfied, when
 * exactly `heldMembers` of its members are held: evaluateTarget's answer, remembered per index
 * because across a population many learners hold the same few members of a target.
 */
export function targetState(index: CatalogueIndex, at: number, heldMembers: readonly string[]): TargetState {
	let memo = index.memo.get('target-states') as Map<string, TargetState> | undefined;
	if (!memo || memo.size > STATE_MEMO_LIMIT) index.memo.set('target-states', (memo = new Map()));
	const key = `${at}\u0001${[...heldMembers].sort().join('\u0001')}`;
	let state = memo.get(key);
	if (!state) {
		const { groups, achieved } = evaluateTarget({
			index,
			target: index.targets[at],
			held: new Set(heldMembers)
		});
		state = { achieved, satisfiedGroups: groups.filter((g) => g.satisfied).length, groups: groups.length };
		memo.set(key, state);
	}
	return state;
}
