// Requirement groups as people read them (the learner's pathway list). For each group: what is
// held, what the plan takes, what is left. Groups that are alternatives read as a choice:
// - a group of sub-groups of which only some are needed (a pathway or specialisation: "n_of" over
//   children) is "Choose one of" (or "Choose n of") its options, each option with its own state;
// - the "at most … from Group X" limits a packaging rule sets on electives (stored, for the
//   planner, as one "at least … from the others" group per combination of limits) are one line of
//   limits, not one requirement each.
import type { GroupState } from '$lib/domain/stacking/index.ts';

export type Named = { id: string; title: string };

export type GroupView =
	| {
			kind: 'requirement';
			id: string;
			heading: string;
			satisfied: boolean;
			held: Named[];
			planned: Named[];
			/** Members neither held nor planned. */
			left: Named[];
			/** "2 more needed", "satisfied", "20 credits more needed". */
			status: string;
			children: GroupView[];
	  }
	| {
			kind: 'choice';
			id: string;
			heading: string;
			satisfied: boolean;
			/** "Choose one of" / "Choose 2 of". */
			choose: string;
			status: string;
			options: (GroupView & { kind: 'requirement' | 'choice' })[];
	  }
	| { kind: 'limits'; id: string; heading: string; satisfied: boolean; limits: string[]; status: string };

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A stored "at most" combination group (the TGA compiler's `…/outside-…` ids, "At most …: at least …" labels). */
export const isLimit = (g: GroupState) => /\/outside-/.test(g.id) && /^At most /.test(g.label ?? '');

/** "1 from Group A" parts of an "At most 1 from Group A, 1 from Group B: at least 9 from …" label. */
function limitParts(label: string): string[] {
	const head = label.replace(/^At most /, '').split(': at least ')[0];
	return head.split(/, (?=\d+ from )/);
}

export function groupViews(
	groups: GroupState[],
	{
		members,
		planned,
		titles
	}: {
		/** Members of each group by group id (held ones included). */
		members: Record<string, string[]>;
		/** What the plan for this qualification takes. */
		planned: Set<string>;
		titles: Record<string, string>;
	}
): GroupView[] {
	const named = (id: string): Named => ({ id, title: titles[id] ?? id });
	const statusOf = (g: GroupState) =>
		g.satisfied
			? 'satisfied'
			: g.rule === 'min_credits'
				? `${plural(g.need - g.have, 'credit')} more needed`
				: `${g.need - g.have} more needed`;
	const one = (g: GroupState): GroupView & { kind: 'requirement' | 'choice' } => {
		if (
			g.rule === 'n_of' &&
			g.children.length > 0 &&
			(members[g.id] ?? []).length === 0 &&
			g.need < g.children.length
		) {
			const options = g.children.map(one);
			return {
				kind: 'choice',
				id: g.id,
				heading: g.label ?? 'Options',
				satisfied: g.satisfied,
				choose: g.need === 1 ? 'Choose one of' : `Choose ${g.need} of`,
				status: g.satisfied ? 'chosen and complete' : `${g.have} of ${g.need} complete`,
				options
			};
		}
		const all = members[g.id] ?? [];
		const held = new Set(g.counted);
		return {
			kind: 'requirement',
			id: g.id,
			heading: g.label ?? 'Requirement',
			satisfied: g.satisfied,
			held: g.counted.map(named),
			planned: all.filter((m) => !held.has(m) && planned.has(m)).map(named),
			left: all.filter((m) => !held.has(m) && !planned.has(m)).map(named),
			status: `${g.rule === 'all' ? 'all' : g.rule === 'n_of' ? `${g.need} of ${all.length + g.children.length}` : `at least ${g.need} credits`} needed; ${statusOf(g)}`,
			children: groupViewsOf(g.children)
		};
	};
	const groupViewsOf = (list: GroupState[]): GroupView[] => {
		const limits = list.filter(isLimit);
		const out: GroupView[] = list.filter((g) => !isLimit(g)).map(one);
		if (limits.length) {
			const parts = [...new Set(limits.flatMap((g) => limitParts(g.label!)))];
			const satisfied = limits.every((g) => g.satisfied);
			out.push({
				kind: 'limits',
				id: limits[0].id,
				heading: 'Limits on the electives',
				satisfied,
				limits: parts.map((p) => `at most ${p}`),
				status: satisfied ? 'within the limits' : 'more electives are needed from outside the limited groups'
			});
		}
		return out;
	};
	return groupViewsOf(groups);
}
