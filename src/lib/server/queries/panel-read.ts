// The stacking, issuance and flows panels read from their sums (panel_rollup, kept by
// server/panel-rollups.ts) when the question is one they hold: today's state (no as-of date), the
// whole system or one provider; stacking and flows by at most one group dimension (the system's
// only); flows of either kind with no filter but the provider and no status or range of start
// cohorts, and the system's by start cohort (flow_cohort_rollup, summed from the panel sums) or
// from one start cohort (not with a group).
// Anything else is answered from the base tables. Both give the same cells
// (tests/db/rollups.test.ts).
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { PROGRESS_BINS, sortStackingCells, type StackingCell } from '../../domain/stacking/index.ts';
import type { GroupDimension } from '../../domain/types.ts';
import { COHORT_DIMENSION, NO_COHORT } from '../../domain/rollups/index.ts';
import { filtersBeyondProvider, originCondition, type QueryContext } from './scope.ts';

/** The provider of a question ('' for the whole system), or null when the sums do not hold it. */
function panelProvider({ scope, asOf }: QueryContext, filterProvider?: string): string | null {
	if (asOf || scope.kind === 'learner') return null;
	const scoped = scope.kind === 'provider' ? scope.providerId : undefined;
	if (scoped !== undefined && filterProvider !== undefined && scoped !== filterProvider) return null;
	return filterProvider ?? scoped ?? '';
}

/** A question's provider ('' for the system); null when it has filters other than the provider. */
export function filteredPanelProvider(context: QueryContext): string | null {
	if (filtersBeyondProvider(context.filters)) return null;
	return panelProvider(context, context.filters?.providerId);
}

const panelRows = (panel: string, provider: string, dimension: string, data: QueryContext['data']): SQL =>
	sql`panel_rollup where panel = ${panel} and provider_id = ${provider} and dimension = ${dimension}
		and ${originCondition(data, sql`origin`)}`;

export async function stackingCellsFromRollup(
	db: Db,
	{ qualification, by, ...context }: QueryContext & { qualification?: string; by: GroupDimension[] }
): Promise<StackingCell[] | null> {
	const provider = panelProvider(context);
	// By group for the whole system only.
	if (provider === null || by.length > (provider === '' ? 1 : 0)) return null;

	const rows = await db.query<Record<string, string | number>>(sql`
		select k1, value, sum(n0)::int as holders, sum(n1)::int as achieved,
			${sql.raw(PROGRESS_BINS.map((_, i) => `sum(n${i + 2})::int as b${i}`).join(', '))}
		from ${panelRows('stacking', provider, by[0] ?? 'all', context.data)}
			${qualification ? sql`and k1 = ${qualification}` : sql``}
		group by k1, value`);
	const cells: StackingCell[] = rows.map((r) => ({
		qualification: r.k1 === '' ? null : String(r.k1),
		groups: by.length ? [String(r.value)] : [],
		holders: Number(r.holders),
		achieved: Number(r.achieved),
		progress: PROGRESS_BINS.map((_, i) => Number(r[`b${i}`]))
	}));
	// Asked about one qualification, its pairs are all the learner–qualification pairs there are.
	if (qualification)
		cells.push(...cells.map((c) => ({ ...c, qualification: null, progress: [...c.progress] })));
	return sortStackingCells(cells);
}

export type IssuanceCell = { period: string; group: string; awards: number; learners: number };

export async function issuanceCellsFromRollup(
	db: Db,
	{ by, verifiedOnly, ...context }: QueryContext & { by: string; verifiedOnly: boolean }
): Promise<IssuanceCell[] | null> {
	const provider = filteredPanelProvider(context);
	if (provider === null) return null;
	const rows = await db.query<{ period: string; grp: string; awards: number; learners: number }>(sql`
		select k1 as period, value as grp, sum(n0)::int as awards, sum(n1)::int as learners
		from ${panelRows('issuance', provider, by, context.data)} and k2 = ${verifiedOnly ? 'verified' : 'all'}
		group by k1, value order by 1, 2`);
	return rows.map((r) => ({
		period: r.period,
		group: r.grp,
		awards: Number(r.awards),
		learners: Number(r.learners)
	}));
}

export type FlowCount = {
	kind: 'next' | 'toward';
	from: string;
	to: string;
	cohort: string | null;
	grp: string | null;
	n: number;
	/** With a page asked for: how many rows the whole answer has. */
	total?: number;
};

/** Some of the rows, in their order: `limit` (null: the rest) from `offset` on. */
export type FlowPage = { limit: number | null; offset: number };

/**
 * The order both sources give flows in, which pages follow: the largest first, then those to be
 * withheld (fewer than `withheldBelow` learners) by their names only, so the order of the rows
 * says nothing about the sizes the page withholds. `n` is the count's expression, `names` those
 * of kind, from, to, cohort and group; names compare byte by byte (collation "C"), the same on
 * every database and cheaper than a language's rules (167,557 rows at 10M enrolments).
 */
export const flowOrder = (n: SQL, names: SQL[], withheldBelow: number): SQL =>
	sql`${withheldBelow > 0 ? sql`case when ${n} >= ${withheldBelow} then ${n} else 0 end` : n} desc nulls last, ${sql.join(
		names.map((name) => sql`${name} collate "C"`),
		sql`, `
	)}`;

/** The page's part of a flows query: the whole answer's size, and its limit and offset. */
export const flowPaging = (page: FlowPage | undefined) =>
	page
		? { total: sql`, count(*) over ()::int as total`, limit: sql`limit ${page.limit} offset ${page.offset}` }
		: { total: sql``, limit: sql`` };

export async function flowCountsFromRollup(
	db: Db,
	{
		dimension,
		group,
		kind,
		byCohort,
		startCohort,
		limited,
		withheldBelow,
		page,
		...context
	}: QueryContext & {
		dimension?: GroupDimension;
		/** Only this group of `dimension`. */
		group?: string;
		kind?: 'next' | 'toward';
		byCohort: boolean;
		/** Only the flows from enrolments of this cohort. */
		startCohort?: string;
		/** Statuses or a range of start cohorts asked for: only the base tables know them. */
		limited: boolean;
		/** Flows of fewer learners are to be withheld: they come last, in order of their names. */
		withheldBelow: number;
		page?: FlowPage;
	}
): Promise<FlowCount[] | null> {
	if (limited) return null;
	const provider = filteredPanelProvider(context);
	const perCohort = byCohort || startCohort !== undefined;
	// By group or per cohort for the whole system only, and not both.
	if (provider === null || ((dimension || perCohort) && provider !== '') || (dimension && perCohort))
		return null;
	if (byCohort && startCohort === undefined && provider === '')
		return flowsByStartCohort(db, { data: context.data, kind, withheldBelow, page });
	const paging = flowPaging(page);
	const cohort = byCohort ? sql`nullif(value, ${NO_COHORT})` : sql`null::text`;
	const grp = dimension ? sql`value` : sql`null::text`;
	return db.query<FlowCount>(sql`
		select k1 as kind, k2 as "from", k3 as "to", ${cohort} as cohort, ${grp} as grp,
			sum(n0)::int as n ${paging.total}
		from ${panelRows('flows', provider, perCohort ? COHORT_DIMENSION : (dimension ?? 'all'), context.data)}
			${kind ? sql`and k1 = ${kind}` : sql``}
			${dimension && group !== undefined ? sql`and value = ${group}` : sql``}
			${startCohort !== undefined ? sql`and value = ${startCohort}` : sql``}
		group by k1, k2, k3, value
		order by ${flowOrder(sql`sum(n0)`, [sql`k1`, sql`k2`, sql`k3`, cohort, grp], withheldBelow)}
		${paging.limit}`);
}

/**
 * The whole system's flows by start cohort, from their pre-summed rows (flow_cohort_rollup): in
 * the order of its indexes, so a page with nothing to withhold reads only the rows it returns,
 * and the whole answer's size is a count of one index's rows.
 */
async function flowsByStartCohort(
	db: Db,
	{
		data = 'real',
		kind,
		withheldBelow,
		page
	}: { data: QueryContext['data']; kind?: 'next' | 'toward'; withheldBelow: number; page?: FlowPage }
): Promise<FlowCount[]> {
	const chosen = sql`flow_cohort_rollup where data = ${data} ${kind ? sql`and kind = ${kind}` : sql``}`;
	// One kind: its index leads with the kind, which then orders nothing.
	const names = [...(kind ? [] : [sql`kind`]), sql`from_id`, sql`to_id`, sql`cohort`];
	const rows = await db.query<FlowCount>(sql`
		select kind, from_id as "from", to_id as "to", cohort, null::text as grp, learners as n
		from ${chosen}
		order by ${flowOrder(sql`learners`, names, withheldBelow)}
		${page ? sql`limit ${page.limit} offset ${page.offset}` : sql``}`);
	if (!page || rows.length === 0) return rows;
	const [{ total }] = await db.query<{ total: number }>(sql`select count(*)::int as total from ${chosen}`);
	return rows.map((r) => ({ ...r, total: Number(total) }));
}
