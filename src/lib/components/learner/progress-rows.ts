// Shapes a learner's progress (src/lib/domain/stacking/progress.ts) into the rows the progress bars
// draw and the one-paragraph summary above them. Pure, so the numbers on the page can be tested
// against `stackwise pathway progress --json`: the bar's share is the CLI's `share`, its percentage
// is the CLI's text output (rounded), and "still needed" is the CLI's `stillNeeded`.
// The words come from messages, in the reader's language, when the rows are built (at render).
import type { Plan, QualificationProgress } from '$lib/domain/stacking/index.ts';
import { m } from '$lib/paraglide/messages.js';
import { formatCount, formatPercent } from '$lib/i18n/format.ts';

export type ProgressRow = {
	target: string;
	title: string;
	/** 0–1, exactly the progress `share`. */
	share: number;
	/** The share as a whole percentage, as the CLI prints it. */
	percent: number;
	/** That percentage as the reader's language writes it (47% · 47 % · ٤٧٪). */
	percentText: string;
	achieved: boolean;
	achievedByStacking: boolean;
	/** Fewest further credentials that complete it (prerequisites aside); null when it cannot be completed. */
	stillNeeded: number | null;
	neededFromScratch: number | null;
	/** Of the smallest complete set, how many the learner already has; null when unknown. */
	inHand: number | null;
	creditsStillNeeded: number;
	/** The learner's credentials that count toward it. */
	counted: string[];
	/** What the bar says besides its percentage. */
	detail: string;
	/** The percentage and the words: the bar's accessible value. */
	text: string;
};

/** A plural message's inputs: the number picks the form, its formatted text is shown. */
const counted = (count: number) => ({ count, countText: formatCount(count) });

/** A share as the CLI prints it: a whole percentage. */
export const percentOf = (share: number) => Math.round(share * 100);

/**
 * That whole percentage in the reader's language. Formatted from the rounded number, so it says
 * what the CLI says (Intl would round 0.285 to 29%, Math.round(28.499…) gives 28).
 */
export const percentText = (share: number) => formatPercent(percentOf(share) / 100, 0);

/** The bar's words without its percentage. */
function describe(q: QualificationProgress, inHand: number | null): string {
	if (q.achieved)
		return q.achievedByStacking ? m.learner_progress_complete_stacking() : m.learner_progress_complete();
	if (q.stillNeeded === null) return m.learner_progress_no_way();
	const credits =
		q.creditsStillNeeded > 0 ? `, ${m.learner_progress_and_credits(counted(q.creditsStillNeeded))}` : '';
	const have =
		inHand !== null && q.neededFromScratch !== null
			? `${m.learner_progress_in_hand({ inHand: formatCount(inHand), total: formatCount(q.neededFromScratch) })} `
			: '';
	return `${have}${m.learner_progress_more_needed(counted(q.stillNeeded))}${credits}`;
}

/** One row per qualification, in the order given (progress already sorts nearest first). */
export function progressRows(qualifications: QualificationProgress[]): ProgressRow[] {
	return qualifications.map((q) => {
		const percent = percentOf(q.share);
		const inHand =
			q.neededFromScratch !== null && q.stillNeeded !== null
				? Math.max(0, q.neededFromScratch - q.stillNeeded)
				: null;
		const detail = describe(q, inHand);
		return {
			target: q.target,
			title: q.title,
			share: q.share,
			percent,
			percentText: percentText(q.share),
			achieved: q.achieved,
			achievedByStacking: q.achievedByStacking,
			stillNeeded: q.stillNeeded,
			neededFromScratch: q.neededFromScratch,
			inHand,
			creditsStillNeeded: q.creditsStillNeeded,
			counted: q.counted,
			detail,
			text: `${percentText(q.share)}: ${detail}`
		};
	});
}

/**
 * The plain-language summary: how much the learner holds, the nearest unfinished qualification and
 * the shortest way to finish it (the plan when there is one, so the summary and the plan agree).
 */
export function learnerSummary({
	ownPage,
	awarded,
	rows,
	plans,
	noun = 'credential'
}: {
	/** The learner reads it ("you"), or someone else does ("this learner"). */
	ownPage: boolean;
	/** Credentials awarded. */
	awarded: number;
	rows: ProgressRow[];
	/** Plans by target (failed plans left out). */
	plans: Map<string, Plan>;
	/** What the credentials are called in the nearest qualification ("unit" for training.gov.au). */
	noun?: 'credential' | 'unit';
}): string {
	if (awarded === 0) return ownPage ? m.learner_summary_none_own() : m.learner_summary_none();
	const parts: string[] = [
		ownPage ? m.learner_summary_hold_own(counted(awarded)) : m.learner_summary_hold(counted(awarded))
	];
	const done = rows.filter((r) => r.achieved);
	if (done.length === 1)
		parts.push(
			ownPage
				? m.learner_summary_completed_one_own({ title: done[0].title })
				: m.learner_summary_completed_one({ title: done[0].title })
		);
	else if (done.length > 1)
		parts.push(
			ownPage
				? m.learner_summary_completed_many_own(counted(done.length))
				: m.learner_summary_completed_many(counted(done.length))
		);
	const nearest = rows.find((r) => !r.achieved && r.stillNeeded !== null);
	if (nearest) {
		const way = { percent: nearest.percentText, title: nearest.title };
		parts.push(ownPage ? m.learner_summary_way_own(way) : m.learner_summary_way(way));
		const plan = plans.get(nearest.target);
		const more = counted(plan ? plan.total.count : nearest.stillNeeded!);
		const extra =
			plan?.objective === 'hours' && plan.total.hours !== null
				? ` (${m.learner_plan_hours(counted(plan.total.hours))})`
				: plan?.objective === 'time' && plan.total.days !== null
					? ` (${m.learner_plan_days(counted(Math.round(plan.total.days)))})`
					: '';
		parts.push(
			`${noun === 'unit' ? m.learner_summary_shortest_units(more) : m.learner_summary_shortest_credentials(more)}${extra}`
		);
	} else if (rows.length === 0)
		parts.push(awarded === 1 ? m.learner_summary_counts_none_one() : m.learner_summary_counts_none());
	return parts.join(m.learner_summary_separator()) + '.';
}
