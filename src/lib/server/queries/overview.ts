// The headline counts of the system dashboard.
import { overviewFromRollup, rollupQuestion } from './rollup-read.ts';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { ENROLMENT_JOINS, enrolmentConditions, originCondition, type QueryContext } from './scope.ts';

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
	{ source = 'rollups', ...context }: QueryContext & { source?: 'rollups' | 'base' }
): Promise<Overview> {
	const fromRollup = source === 'rollups' ? rollupQuestion(context) : null;
	const overview = fromRollup ? await overviewFromRollup(db, fromRollup, context) : null;
	if (overview) return overview;

	const conditions = enrolmentConditions(context);
	const awardCut = context.asOf ? sql`and a.issued_on <= ${context.asOf}::date` : sql``;
	const [row] = await db.query<Record<string, number | boolean>>(sql`
		with scoped as (select e.learner_id, e.credential_id, coalesce(e.provider_id, c.provider_id) as provider_id, l.origin from ${ENROLMENT_JOINS} where ${conditions})
		select
			(select count(distinct learner_id) from scoped)::int as learners,
			(select count(*) from scoped)::int as enrolments,
			(select count(distinct provider_id) from scoped)::int as providers,
			(select count(distinct credential_id) from scoped)::int as credentials,
			(select exists (select 1 from scoped where origin <> 'real')) as includes_generated,
			(select count(*) from awards a
				join learners l on l.id = a.learner_id
				join credentials c on c.id = a.credential_id
				left join providers p on p.id = coalesce(a.provider_id, c.provider_id)
				where l.analytics_consent and ${originCondition(context.data)} ${awardCut}
				${context.scope.kind === 'provider' ? sql`and coalesce(a.provider_id, c.provider_id) = ${context.scope.providerId}` : sql``}
				${context.scope.kind === 'learner' ? sql`and a.learner_id = ${context.scope.learnerId}` : sql``}
				${context.filters?.credentialId ? sql`and a.credential_id = ${context.filters.credentialId}` : sql``}
			)::int as awards`);
	return {
		learners: Number(row.learners),
		enrolments: Number(row.enrolments),
		awards: Number(row.awards),
		providers: Number(row.providers),
		credentials: Number(row.credentials),
		includesGenerated: Boolean(row.includes_generated)
	};
}
