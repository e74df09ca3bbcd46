// The progress signal: how much closer one more credential brings the learner to each
// qualification within reach.
//
// A candidate helps a qualification when it is a member of a requirement group that is not yet
// satisfied, reached only through unsatisfied groups (an elective of an option whose parent is
// already satisfied helps nothing). Its gain is 1 / stillNeeded: the share of the remaining
// requirement (the fewest credentials still needed, from learnerProgress) that it covers, so a
// qualification nearly complete counts most. `completesGroup` / `completesTarget` say when it is
// the last one a group or the whole qualification asks for.
import {
	type CatalogueIndex,
	type QualificationProgress,
	evaluateTarget,
	type GroupState
} from '../stacking/index.ts';
import type { RequirementGroup } from '../types.ts';

export type Contribution = {
	target: string;
	title: string;
	group: string;
	groupLabel: string | null;
	/** Fewest credentials still needed for the target before this one. */
	stillNeeded: number;
	/** Share of the target's requirement already met. */
	share: number;
	/** 1 / stillNeeded. */
	gain: number;
	completesGroup: boolean;
	completesTarget: boolean;
};

function groupsById(index: CatalogueIndex): Map<string, RequirementGroup> {
	const key = 'recommend:groupsById';
	if (!index.memo.has(key)) index.memo.set(key, new Map(index.catalogue.groups.map((g) => [g.id, g])));
	return index.memo.get(key) as Map<string, RequirementGroup>;
}

/** candidate → what it would contribute to each unfinished qualification in `progress`. */
export function progressContributions({
	index,
	qualifications,
	held
}: {
	index: CatalogueIndex;
	qualifications: QualificationProgress[];
	held: Set<string>;
}): Map<string, Contribution[]> {
	const groups = groupsById(index);
	const out = new Map<string, Contribution[]>();
	for (const q of qualifications) {
		if (q.achieved || q.stillNeeded === null || q.stillNeeded <= 0) continue;
		const stillNeeded = q.stillNeeded;
		const visit = (state: GroupState) => {
			if (state.satisfied) return;
			const group = groups.get(state.id);
			if (!group) return;
			for (const m of group.members) {
				if (held.has(m)) continue;
				const credits = index.credentials.get(m)?.credits ?? 0;
				const completesGroup =
					state.rule === 'min_credits' ? credits >= state.need - state.have : state.need - state.have === 1;
				const list = out.get(m) ?? [];
				// A credential listed in several groups of one target counts once, for its best group.
				const existing = list.findIndex((c) => c.target === q.target);
				const contribution: Contribution = {
					target: q.target,
					title: q.title,
					group: state.id,
					groupLabel: state.label,
					stillNeeded,
					share: q.share,
					gain: 1 / stillNeeded,
					completesGroup,
					// Checked, not assumed: one more credential finishes it only if the rules say so.
					completesTarget:
						stillNeeded === 1 &&
						evaluateTarget({ index, target: q.target, held: new Set([...held, m]) }).achieved
				};
				if (existing < 0) list.push(contribution);
				else if (completesGroup && !list[existing].completesGroup) list[existing] = contribution;
				out.set(m, list);
			}
			state.children.forEach(visit);
		};
		q.groups.forEach(visit);
	}
	for (const list of out.values())
		list.sort(
			(a, b) =>
				b.gain - a.gain ||
				Number(b.completesGroup) - Number(a.completesGroup) ||
				(a.target < b.target ? -1 : 1)
		);
	return out;
}
