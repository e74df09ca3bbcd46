// The headline counts of the system dashboard.
import { overviewFromRollup, rollupQuestion, type Overview } from './rollup-read.ts';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
	fewerThan,
	publishedCount,
	withheldBelow,
	type Suppression
} from '../../domain/suppression/index.ts';
import { narrowedAwardsWithheld } from './conformance.ts';
import {
	AWARD_JOINS,
	ENROLMENT_JOINS,
	awardConditions,
	enrolmentConditions,
	type QueryContext
} from './scope.ts';

export async function getOverview(
	db: Db,
	{
		source = 'rollups',
		verifiedOnly = false,
		...context
	}: QueryContext & { source?: 'rollups' | 'base'; /** Awards: verified ones only. */ verifiedOnly?: boolean }
): Promise<Overview> {
	const fromRollup = source === 'rollups' ? rollupQuestion(context) : null;
	const overview = fromRollup ? await overviewFromRollup(db, fromRollup, { ...context, verifiedOnly }) : null;
	if (overview) return overview;

	const conditions = enrolmentConditions(context);
	const [row] = await db.query<Record<string, number | boolean>>(sql`
		with scoped as (select e.learner_id, e.credential_id, coalesce(e.provider_id, c.provider_id) as provider_id, l.origin from ${ENROLMENT_JOINS} where ${conditions})
		select
			(select count(distinct learner_id) from scoped)::int as learners,
			(select count(*) from scoped)::int as enrolments,
			(select count(distinct provider_id) from scoped)::int as providers,
			(select count(distinct credential_id) from scoped)::int as credentials,
			(select exists (select 1 from scoped where origin <> 'real')) as includes_generated,
			(select count(*) from ${AWARD_JOINS} where ${awardConditions(context)}
				${verifiedOnly ? sql`and a.verification = 'verified'` : sql``})::int as awards`);
	return {
		learners: Number(row.learners),
		enrolments: Number(row.enrolments),
		awards: Number(row.awards),
		providers: Number(row.providers),
		credentials: Number(row.credentials),
		includesGenerated: Boolean(row.includes_generated)
	};
}

/**
 * The headline counts as the disclosure policy publishes them: a count of learners, enrolments or
 * awards describing fewer learners than the threshold is withheld (null, with the reason), the rest
 * rounded when the policy rounds — as every other cell, so a tile cannot give away what a table
 * withholds. The numbers of providers and credentials count no learner and are kept.
 */
export type PublishedOverview = Omit<Overview, 'learners' | 'enrolments' | 'awards'> & {
	learners: number | null;
	enrolments: number | null;
	awards: number | null;
	/** Why some count is withheld, or null. */
	withheld: string | null;
};

export function publishOverview(
	overview: Overview,
	policy: Suppression,
	/** Why the awards are withheld whatever their count (a credential's, withheld as conformance withholds it). */
	awardsWithheld: string | null = null
): PublishedOverview {
	const below = withheldBelow(policy);
	let withheld: string | null = awardsWithheld;
	const publish = (n: number) => {
		if (n > 0 && n < below) {
			withheld = fewerThan(below);
			return null;
		}
		return publishedCount(policy, n);
	};
	return {
		...overview,
		learners: publish(overview.learners),
		enrolments: publish(overview.enrolments),
		awards: awardsWithheld ? null : publish(overview.awards),
		withheld
	};
}

/** The headline counts of a question as its caller may see them (the overview endpoint's one call). */
export async function getPublishedOverview(
	db: Db,
	{
		suppression,
		...question
	}: QueryContext & { verifiedOnly?: boolean; source?: 'rollups' | 'base'; suppression: Suppression }
): Promise<PublishedOverview> {
	const [counted, awardsWithheld] = await Promise.all([
		getOverview(db, question),
		narrowedAwardsWithheld(db, { ...question, suppression })
	]);
	return publishOverview(counted, suppression, awardsWithheld);
}
