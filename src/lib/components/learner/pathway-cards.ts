// The learner's pathway as ordered cards (held → next → qualification), the form learners know
// from learning-path products: for one qualification, the credentials held that count toward it,
// then the shortest way to finish in order, then the qualification itself. Pure: the page draws it.
import type { CardFacts } from '$lib/domain/types.ts';
import { m } from '$lib/paraglide/messages.js';
import { formatCount } from '$lib/i18n/format.ts';
import { percentText } from './progress-rows.ts';

export type PathwayCard = {
	id: string;
	title: string;
	status: 'held' | 'next' | 'qualification';
	/** "Held", "Next step 1 of 4", "62% complete". */
	statusText: string;
	hours: number | null;
	provider: string | null;
	/** Titles of the qualifications it counts toward. */
	countsToward: string[];
};

export type PathwayCards = {
	target: string;
	title: string;
	held: PathwayCard[];
	next: PathwayCard[];
	qualification: PathwayCard;
};

export function pathwayCards({
	qualification,
	plan,
	facts
}: {
	qualification: { target: string; title: string; share: number; achieved: boolean; counted: string[] };
	/** The planned credentials in order (none when achieved or when no plan could be made). */
	plan: string[];
	facts: Record<string, CardFacts>;
}): PathwayCards {
	const titleOf = (id: string) => facts[id]?.title ?? id;
	const card = (id: string, status: PathwayCard['status'], statusText: string): PathwayCard => ({
		id,
		title: titleOf(id),
		status,
		statusText,
		hours: facts[id]?.workloadHours ?? null,
		provider: facts[id]?.providerName ?? null,
		countsToward: (facts[id]?.countsToward ?? []).map(titleOf)
	});
	const q = qualification;
	return {
		target: q.target,
		title: q.title,
		held: q.counted.map((id) => card(id, 'held', m.learner_card_held())),
		next: (q.achieved ? [] : plan).map((id, i, all) =>
			card(id, 'next', m.learner_card_next({ step: formatCount(i + 1), steps: formatCount(all.length) }))
		),
		qualification: {
			...card(
				q.target,
				'qualification',
				q.achieved ? m.learner_card_complete() : m.learner_card_percent({ percent: percentText(q.share) })
			),
			countsToward: []
		}
	};
}
