// Shapes a learner's progress (src/lib/domain/stacking/progress.ts) into the rows the progress bars
// draw and the one-paragraph summary above them. Pure, so the numbers on the page can be tested
// against `stackwise pathway progress --json`: the bar's share is the CLI's `share`, its percentage
// is the CLI's text output (rounded), and "still needed" is the CLI's `stillNeeded`.
import type { Plan, QualificationProgress } from '$lib/domain/stacking/index.ts';

export type ProgressRow = {
	target: string;
	title: string;
	/** 0–1, exactly the progress `share`. */
	share: number;
	/** The share as a whole percentage, as the CLI prints it. */
	percent: number;
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

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A share as the CLI prints it: a whole percentage. */
export const percentOf = (share: number) => Math.round(share * 100);

/** The bar's words without its percentage. */
function describe(q: QualificationProgress, inHand: number | null): string {
	if (q.achieved) return q.achievedByStacking ? 'complete (all its parts are held)' : 'complete';
	if (q.stillNeeded === null) return 'the catalogue offers no way to complete it';
	const credits = q.creditsStillNeeded > 0 ? `, and ${plural(q.creditsStillNeeded, 'credit')}` : '';
	const have =
		inHand !== null && q.neededFromScratch !== null ? `${inHand} of ${q.neededFromScratch} in hand, ` : '';
	return `${have}${plural(q.stillNeeded, 'more credential')} needed${credits}`;
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
			achieved: q.achieved,
			achievedByStacking: q.achievedByStacking,
			stillNeeded: q.stillNeeded,
			neededFromScratch: q.neededFromScratch,
			inHand,
			creditsStillNeeded: q.creditsStillNeeded,
			counted: q.counted,
			detail,
			text: `${percent}%: ${detail}`
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
	noun?: string;
}): string {
	const [subject, has] = ownPage ? ['You', 'hold'] : ['This learner', 'holds'];
	if (awarded === 0) return `${subject} ${has} no credentials yet.`;
	const parts = [`${subject} ${has} ${plural(awarded, 'credential')}`];
	const done = rows.filter((r) => r.achieved);
	if (done.length === 1) parts.push(`${ownPage ? 'you have' : 'they have'} completed ${done[0].title}`);
	else if (done.length > 1)
		parts.push(`${ownPage ? 'you have' : 'they have'} completed ${done.length} qualifications`);
	const nearest = rows.find((r) => !r.achieved && r.stillNeeded !== null);
	if (nearest) {
		parts.push(`${ownPage ? 'you' : 'they'} are ${nearest.percent}% of the way to ${nearest.title}`);
		const plan = plans.get(nearest.target);
		const more = plan ? plan.total.count : nearest.stillNeeded!;
		const extra =
			plan?.objective === 'hours' && plan.total.hours !== null
				? ` (${plural(plan.total.hours, 'hour')} of study)`
				: plan?.objective === 'time' && plan.total.days !== null
					? ` (about ${plural(Math.round(plan.total.days), 'day')})`
					: '';
		parts.push(`the shortest way to finish is ${plural(more, `more ${noun}`)}${extra}`);
	} else if (rows.length === 0)
		parts.push(
			`${awarded === 1 ? 'it does not count' : 'none of them counts'} toward a qualification in the catalogue`
		);
	return parts.join('; ') + '.';
}
