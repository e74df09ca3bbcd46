// The disclosure policy (DESIGN.md §3; docs/disclosure.md): the one object that says what a
// non-admin may be shown. It is read once at start-up (server/config.ts) and carried in every
// query's context; query modules and routes take it as an argument and never decide a rule of
// their own.
//
// - threshold: a cell describing fewer learners is withheld ('suppress', 'both'), with
//   complementary suppression (suppress-cells.ts) so it cannot be worked out from a total.
// - mode 'round5' / 'both': published counts are rounded as official statistics round them
//   (HESA rounding methodology: 0, 1, 2 → 0, every other count to the nearest multiple of 5),
//   rates and intervals are computed from the rounded counts (a rate of exact counts beside a
//   rounded denominator would give the exact denominator back), and no rate is shown over a
//   base of fewer than 22.5 learners. Rounding is what protects differences between filtered
//   views (cohorts, as-of dates, providers, verified-only), which suppression within one
//   answer cannot see.
// - false: the administrator's view, unsuppressed and unrounded.

export const DISCLOSURE_MODES = ['suppress', 'round5', 'both'] as const;
export type DisclosureMode = (typeof DISCLOSURE_MODES)[number];

export type DisclosurePolicy = {
	/** Cells describing fewer learners than this are withheld (modes 'suppress' and 'both'). */
	threshold: number;
	/** Default 'suppress' (suppression alone). */
	mode?: DisclosureMode;
};

/** The policy in force for a caller: false only for the administrator's view. */
export type Suppression = DisclosurePolicy | false;

export const DEFAULT_SUPPRESSION_THRESHOLD = 10;
export const DEFAULT_DISCLOSURE_MODE: DisclosureMode = 'both';
/** HESA: percentages based on fewer than 22.5 people are not shown. */
export const MIN_RATE_BASE = 22.5;

/** A checked policy; errors name the setting so a bad environment fails at start-up. */
export function disclosurePolicy({
	threshold = DEFAULT_SUPPRESSION_THRESHOLD,
	mode = DEFAULT_DISCLOSURE_MODE
}: {
	threshold?: number;
	mode?: string;
}): DisclosurePolicy {
	if (!(Number.isInteger(threshold) && threshold >= 0)) {
		throw new Error(
			`disclosurePolicy: STACKWISE_SUPPRESSION_THRESHOLD ${threshold} is not a whole number ≥ 0`
		);
	}
	if (!(DISCLOSURE_MODES as readonly string[]).includes(mode)) {
		throw new Error(
			`disclosurePolicy: STACKWISE_DISCLOSURE ${mode} is not one of ${DISCLOSURE_MODES.join(', ')}`
		);
	}
	return { threshold, mode: mode as DisclosureMode };
}

const modeOf = (policy: DisclosurePolicy): DisclosureMode => policy.mode ?? 'suppress';

/** Cells describing fewer learners than this are withheld (0: none is). */
export const withheldBelow = (policy: Suppression): number =>
	policy === false || modeOf(policy) === 'round5' ? 0 : policy.threshold;

/** Whether published counts are rounded. */
export const rounds = (policy: Suppression): boolean => policy !== false && modeOf(policy) !== 'suppress';

/** HESA rounding: 0, 1, 2 → 0; every other count to the nearest multiple of 5 (halves up). */
export function roundToFive(count: number): number {
	if (!(Number.isInteger(count) && count >= 0)) throw new Error(`roundToFive: ${count} is not a count`);
	return count <= 2 ? 0 : 5 * Math.round(count / 5);
}

/** A count as the policy publishes it. */
export const publishedCount = (policy: Suppression, count: number): number =>
	rounds(policy) ? roundToFive(count) : count;

/** Whether a rate over `base` learners (the true base) may be shown. */
export const publishesRate = (policy: Suppression, base: number): boolean =>
	!rounds(policy) || base >= MIN_RATE_BASE;

/** Why a primary cell is withheld, in words. */
export const fewerThan = (threshold: number) => `fewer than ${threshold} learners`;
/** Why a complementary cell is withheld, in words. */
export const COMPLEMENTARY = 'withheld so that another withheld cell cannot be worked out from the total';

/** Why a cell is withheld whose difference with a wider view describes too few learners. */
export const smallDifference = (threshold: number, wider: string) =>
	`withheld so that the ${wider} (fewer than ${threshold} learners) cannot be worked out by subtraction`;

/** The policy in force, in one sentence for the page and for every download. */
export function policyStatement(policy: Suppression): string {
	if (policy === false) return 'Unsuppressed figures (administrator view): do not publish.';
	const suppress = `Cells describing fewer than ${policy.threshold} learners are withheld, and a second one wherever the first could be worked out from a total or another view.`;
	const round =
		'Counts are rounded to the nearest 5 (0–2 shown as 0); rates and intervals are computed from the rounded counts and not shown for fewer than 22.5 learners.';
	switch (modeOf(policy)) {
		case 'suppress':
			return suppress;
		case 'round5':
			return round;
		case 'both':
			return `${suppress} ${round}`;
	}
}
