// Completion rate per group (DESIGN.md §3): counts aggregated in SQL — one row per
// group, never one per learner — then rates, intervals, equity comparison and suppression in the
// domain layer, before anything leaves the server.
import { completionFromRollup, rollupQuestion } from './rollup-read.ts';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { marginsOf, smallDifferences, widenings } from './disclosure.ts';
import {
	completionEquity,
	type CompletionEquity,
	type Suppression,
	type GroupInput
} from '../../domain/equity/index.ts';
import {
	ENROLMENT_JOINS,
	breakdownColumn,
	enrolmentConditions,
	statusAsOf,
	type Breakdown,
	type QueryContext
} from './scope.ts';

export type CompletionCounts = {
	/** One value per requested breakdown, in order; empty for the whole population. */
	groups: string[];
	completed: number;
	/** completed + withdrawn + failed as of the cut-off. */
	known: number;
	inProgress: number;
	/** Distinct learners in the cell (what suppression counts). */
	learners: number;
};

export type BreakdownContext = QueryContext & {
	by?: Breakdown[];
	/** 'base' skips the rollups (the benchmark's naive query; tests comparing both). */
	source?: 'rollups' | 'base';
};

export async function getCompletionCounts(
	db: Db,
	{ by = [], source = 'rollups', ...context }: BreakdownContext
): Promise<CompletionCounts[]> {
	const fromRollup = source === 'rollups' ? rollupQuestion({ ...context, by }) : null;
	if (fromRollup) return completionFromRollup(db, fromRollup);

	const status = statusAsOf(context.asOf);
	const select: SQL[] = [
		...by.map((d, i) => sql`${breakdownColumn(d)} as ${sql.raw(`g${i}`)}`),
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

/** The query layer's group key for the domain: null, a value, or a pair. */
export const groupInput = (groups: string[]): GroupInput =>
	groups.length === 0 ? null : groups.length === 1 ? groups[0] : [groups[0], groups[1]];

export type CompletionOptions = BreakdownContext & {
	/** The reference group ("F", "F × Y"); default: the highest published rate. */
	reference?: string;
	/** The disclosure policy (domain/suppression/policy.ts); false only for the admin view. */
	suppression: Suppression;
};

/** Completion rate with its Wilson interval per group, compared with a reference, suppressed. */
export async function getCompletion(
	db: Db,
	{ reference, suppression, ...context }: CompletionOptions
): Promise<CompletionEquity> {
	const cells = await getCompletionCounts(db, context);
	const margins = await marginsOf(
		context.by,
		suppression,
		async (by) => (await getCompletion(db, { ...context, by, suppression })).rows
	);
	// Rule (c): a cell whose difference with the question without one of its filters is small.
	const withheld = await smallDifferences({
		cells,
		suppression,
		widenings: widenings(context),
		wider: (c) => getCompletionCounts(db, c)
	});
	return completionEquity({
		rows: cells.map((c) => ({ ...c, group: groupInput(c.groups) })),
		reference,
		suppression,
		margins,
		withheld
	});
}
