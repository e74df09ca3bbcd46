// A provider's learners: one row per learner it taught under the page's filters,
// by pseudonym (no provider sees a learner's own id), with their progress at this provider —
// sortable and paged in the database, so a provider with a national cohort is one page of rows.
// The same conditions as the dashboard's counts: the list's total is the Learners tile.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { ENROLMENT_JOINS, enrolmentConditions, statusAsOf, type QueryContext } from './scope.ts';

export const PROVIDER_LEARNER_SORTS = [
	'latest',
	'enrolments',
	'completed',
	'in_progress',
	'learner'
] as const;
export type ProviderLearnerSort = (typeof PROVIDER_LEARNER_SORTS)[number];

export type ProviderLearner = {
	/** The pseudonym every view but the admin's shows; /learners/[pseudonym] opens the record. */
	learner: string;
	enrolments: number;
	completed: number;
	inProgress: number;
	/** Withdrawn or failed: ended without the credential. */
	notCompleted: number;
	firstStart: string | null;
	latestStart: string | null;
};

export type ProviderLearnerPage = {
	total: number;
	page: number;
	pageSize: number;
	sort: ProviderLearnerSort;
	rows: ProviderLearner[];
};

const ORDER: Record<ProviderLearnerSort, string> = {
	latest: 'latest_start desc nulls last, learner',
	enrolments: 'enrolments desc, learner',
	completed: 'completed desc, learner',
	in_progress: 'in_progress desc, learner',
	learner: 'learner'
};

export async function getProviderLearners(
	db: Db,
	{
		sort = 'latest',
		page = 1,
		pageSize = 25,
		...context
	}: QueryContext & { scope: { kind: 'provider'; providerId: string } } & {
		sort?: ProviderLearnerSort;
		page?: number;
		pageSize?: number;
	}
): Promise<ProviderLearnerPage> {
	const status = statusAsOf(context.asOf);
	const rows = await db.query<Record<string, string | number | null>>(sql`
		with per_learner as (
			select l.pseudonym as learner,
				count(*)::int as enrolments,
				count(*) filter (where ${status} = 'completed')::int as completed,
				count(*) filter (where ${status} = 'in_progress')::int as in_progress,
				count(*) filter (where ${status} in ('withdrawn', 'failed'))::int as not_completed,
				min(e.started_on)::text as first_start,
				max(e.started_on)::text as latest_start
			from ${ENROLMENT_JOINS}
			where ${enrolmentConditions(context)}
			group by l.pseudonym
		)
		select *, count(*) over ()::int as total from per_learner
		order by ${sql.raw(ORDER[sort])}
		limit ${pageSize} offset ${(page - 1) * pageSize}`);
	// A page past the end still says how many there are.
	const total =
		rows.length > 0
			? Number(rows[0].total)
			: Number(
					(
						await db.query<{ n: number }>(sql`select count(distinct e.learner_id)::int as n
							from ${ENROLMENT_JOINS} where ${enrolmentConditions(context)}`)
					)[0].n
				);
	return {
		total,
		page,
		pageSize,
		sort,
		rows: rows.map((r) => ({
			learner: String(r.learner),
			enrolments: Number(r.enrolments),
			completed: Number(r.completed),
			inProgress: Number(r.in_progress),
			notCompleted: Number(r.not_completed),
			firstStart: r.first_start === null ? null : String(r.first_start),
			latestStart: r.latest_start === null ? null : String(r.latest_start)
		}))
	};
}
