// The goal picker's options for one learner: the qualifications within reach nearest first (fewest
// credentials still needed), then the rest by title, and the completed ones last, marked as done.
import type { QualificationProgress } from '$lib/domain/stacking/index.ts';
import { m } from '$lib/paraglide/messages.js';
import { formatCount } from '$lib/i18n/format.ts';

export type GoalChoice = {
	id: string;
	title: string;
	completed: boolean;
	stillNeeded: number | null;
	label: string;
};

export function goalChoices(
	goals: { id: string; title: string }[],
	qualifications: Pick<QualificationProgress, 'target' | 'achieved' | 'stillNeeded'>[]
): GoalChoice[] {
	const progress = new Map(qualifications.map((q) => [q.target, q]));
	const rank = (c: GoalChoice) => (c.completed ? 2 : c.stillNeeded === null ? 1 : 0);
	return goals
		.map((g): GoalChoice => {
			const q = progress.get(g.id);
			const completed = q?.achieved ?? false;
			const stillNeeded = completed ? 0 : (q?.stillNeeded ?? null);
			const named = { title: g.title, id: g.id };
			const label = completed
				? m.learner_goal_completed(named)
				: stillNeeded !== null
					? m.learner_goal_needed({ ...named, count: stillNeeded, countText: formatCount(stillNeeded) })
					: `${g.title} (${g.id})`;
			return { id: g.id, title: g.title, completed, stillNeeded, label };
		})
		.sort(
			(a, b) =>
				rank(a) - rank(b) ||
				(rank(a) === 0 ? a.stillNeeded! - b.stillNeeded! : 0) ||
				a.title.localeCompare(b.title) ||
				(a.id < b.id ? -1 : 1)
		);
}
