// Requirement groups as people read them (the learner's pathway list). For each group: what is
// held, what the plan takes, what is left. Groups that are alternatives read as a choice:
// - a group of sub-groups of which only some are needed (a pathway or specialisation: "n_of" over
//   children) is "Choose one of" (or "Choose n of") its options, each option with its own state;
// - the "at most … from Group X" limits a packaging rule sets on electives (stored, for the
//   planner, as one "at least … from the others" group per combination of limits) are one line of
//   limits, not one requirement each.
// The words come from messages at render; group labels and the limits' "1 from Group A" stay as
// the catalogue holds them (data).
import type { GroupState } from '$lib/domain/stacking/index.ts';
import { m } from '$lib/paraglide/messages.js';
import { formatCount } from '$lib/i18n/format.ts';

export type Named = { id: string; title: string };

export type GroupView =
	| {
			kind: 'requirement';
			id: string;
			heading: string;
			/** Whether the heading is the group's imported label (data), not Stackwise's words. */
			labelled: boolean;
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
			/** Whether the heading is the group's imported label (data), not Stackwise's words. */
			labelled: boolean;
			satisfied: boolean;
			/** "Choose one of" / "Choose 2 of". */
			choose: string;
			status: string;
			options: (GroupView & { kind: 'requirement' | 'choice' })[];
	  }
	| {
			kind: 'limits';
			id: string;
			heading: string;
			labelled: boolean;
			satisfied: boolean;
			limits: string[];
			status: string;
	  };

/** A stored "at most" combination group (the TGA compiler's `…/outside-…` ids, "At most …: at least …" labels). */
export const isLimit = (g: GroupState) => /\/outside-/.test(g.id) && /^At most /.test(g.label ?? '');

/** "1 from Group A" parts of an "At most 1 from Group A, 1 from Group B: at least 9 from …" label. */
function limitParts(label: string): string[] {
	const head = label.replace(/^At most /, '').split(': at least ')[0];
	return head.split(/, (?=\d+ from )/);
}

/** "2 of 5 needed; 1 more needed": what the group's rule asks, then where the learner stands. */
function needed(g: GroupState, total: number, status: string): string {
	if (g.rule === 'all') return m.learner_group_all_needed({ status });
	if (g.rule === 'n_of')
		return m.learner_group_n_of_needed({ need: formatCount(g.need), total: formatCount(total), status });
	return m.learner_group_credits_needed({ need: formatCount(g.need), status });
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
			? m.learner_group_satisfied()
			: g.rule === 'min_credits'
				? m.learner_group_credits_more({ count: g.need - g.have, countText: formatCount(g.need - g.have) })
				: m.learner_group_more({ n: formatCount(g.need - g.have) });
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
				heading: g.label ?? m.learner_group_options(),
				labelled: g.label !== null && g.label !== undefined,
				satisfied: g.satisfied,
				choose:
					g.need === 1 ? m.learner_group_choose_one() : m.learner_group_choose_n({ n: formatCount(g.need) }),
				status: g.satisfied
					? m.learner_group_chosen()
					: m.learner_group_of_complete({ have: formatCount(g.have), need: formatCount(g.need) }),
				options
			};
		}
		const all = members[g.id] ?? [];
		const held = new Set(g.counted);
		return {
			kind: 'requirement',
			id: g.id,
			heading: g.label ?? m.learner_group_requirement(),
			labelled: g.label !== null && g.label !== undefined,
			satisfied: g.satisfied,
			held: g.counted.map(named),
			planned: all.filter((m) => !held.has(m) && planned.has(m)).map(named),
			left: all.filter((m) => !held.has(m) && !planned.has(m)).map(named),
			status: needed(g, all.length + g.children.length, statusOf(g)),
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
				heading: m.learner_group_limits(),
				labelled: false,
				satisfied,
				limits: parts.map((limit) => m.learner_group_at_most({ limit })),
				status: satisfied ? m.learner_group_within() : m.learner_group_outside()
			});
		}
		return out;
	};
	return groupViewsOf(groups);
}
