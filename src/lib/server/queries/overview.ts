// The headline counts of the system dashboard.
import { overviewFromRollup, rollupQuestion } from './rollup-read.ts';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
	AWARD_JOINS,
	ENROLMENT_JOINS,
	awardConditions,
	enrolmentConditions,
	type QueryContext
} from './scope.ts';

export type Overview = {
	learners: number;
	enrolments: number;
	awards: number;
	providers: number;
	credentials: number;
	/** Whether generated (demo/synthetic) records are part of these counts. */
	includesGenerated: boolean;
};

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
