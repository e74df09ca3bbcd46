// Completion counts per group, aggregated in SQL: one row per group, never one per learner.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { completionRow, type CompletionRow } from '../../domain/metrics/completion.ts';
import {
	ENROLMENT_JOINS,
	breakdownColumn,
	type Breakdown,
	enrolmentConditions,
	statusAsOf,
	type QueryContext
} from './scope.ts';

export type CompletionCounts = {
	/** One value per requested dimension, in order; empty for the whole population. */
	groups: string[];
	completed: number;
	/** completed + withdrawn + failed as of the cut-off. */
	known: number;
	inProgress: number;
	/** Distinct learners in the cell (what suppression counts). */
	learners: number;
};

export async function getCompletionCounts(
	db: Db,
	{ by = [], ...context }: QueryContext & { by?: Breakdown[] }
): Promise<CompletionCounts[]> {
	const status = statusAsOf(context.asOf);
	const groupColumns = by.map((d, i) => sql`${breakdownColumn(d)} as ${sql.raw(`g${i}`)}`);
	const select: SQL[] = [
		...groupColumns,
		sql`count(*) filter (where ${status} = 'completed')::int as completed`,
		sql`count(*) filter (where ${status} in ('completed', 'withdrawn', 'failed'))::int as known`,
		sql`count(*) filter (where ${status} = 'in_progress')::int as in_progress`,
		sql`count(distinct e.learner_id)::int as learners`
	];
	const aliases = sql.raw(by.map((_, i) => `g${i}`).join(', '));
	const groupBy = by.length > 0 ? sql`group by ${aliases} order by ${aliases}` : sql``;
	const rows = await db.query<Record<string, string | number>>(
		sql`select ${sql.join(select, sql`, `)} from ${ENROLMENT_JOINS} where ${enrolmentConditions(context)} ${groupBy}`
	);
	return rows.map((r) => ({
		groups: by.map((_, i) => String(r[`g${i}`])),
		completed: Number(r.completed),
		known: Number(r.known),
		inProgress: Number(r.in_progress),
		learners: Number(r.learners)
	}));
}

/** Completion rate with its Wilson interval per group: the rows of `stackwise metrics completion`. */
export async function getCompletionRates(
	db: Db,
	context: QueryContext & { by?: Breakdown[] }
): Promise<CompletionRow[]> {
	const cells = await getCompletionCounts(db, context);
	return cells.map(completionRow);
}
