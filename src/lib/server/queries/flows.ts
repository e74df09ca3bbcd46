// Observed flows for the Sankey: the transitions learners actually take, counted in
// SQL with the definitions of domain/stacking/flows.ts (countFlows is the reference the database
// test checks this against):
// - 'next': credential A, then the first later enrolment of a different credential B;
// - 'toward': credential A, then qualification Q that A counts toward, achieved (award, or a
//   completed enrolment's end) on or after A's start.
// Counts are distinct learners per (A, B or Q, cohort of A, group). Flows describing fewer learners
// than the threshold are withheld before they leave the server. Flows with no filter but the
// provider — by start cohort (/api/flows, from their own pre-summed rows), from one start cohort,
// or the whole system's by group (the /system Sankey, the /flows page but for a range of start
// cohorts) — are read from the panel sums (panel-read.ts), and so are the filters' options.

import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { Suppression } from '../../domain/equity/index.ts';
import { suppressCells, publishedCount, withheldBelow as threshold } from '../../domain/suppression/index.ts';
import { NOT_STATED, type EnrolmentStatus, type GroupDimension } from '../../domain/types.ts';
import type { FlowRow } from '../../domain/dashboard-rows.ts';
import {
	flowCountsFromRollup,
	flowOrder,
	flowPaging,
	filteredPanelProvider,
	type FlowCount,
	type FlowPage
} from './panel-read.ts';
import {
	ENROLMENT_JOINS,
	breakdownColumn,
	enrolmentConditions,
	originCondition,
	type QueryContext
} from './scope.ts';

export type FlowQuestion = QueryContext & {
	dimension?: GroupDimension;
	/** Only the flows of this group of `dimension` (the learners in it). */
	group?: string;
	statuses?: EnrolmentStatus[];
	suppression: Suppression;
	byCohort?: boolean;
	/**
	 * Only flows whose first credential (A) was started in these cohorts (inclusive; cohort names
	 * like 2013B/2014J sort in time order). Unlike `filters.cohort`, which keeps only enrolments of
	 * that cohort on both ends, the next step may be in any later cohort.
	 */
	startCohorts?: { from?: string; to?: string };
	/** One kind of flow only (default both): the dashboard draws one kind at a time. */
	kind?: FlowRow['kind'];
	source?: 'rollups' | 'base';
};

/** Every flow, the largest first and the withheld after them (see flowOrder). */
export async function getFlows(db: Db, question: FlowQuestion): Promise<FlowRow[]> {
	return (await getFlowsPage(db, question)).rows;
}

/**
 * Some of the flows, in getFlows' order, and how many there are in all: a national system has
 * hundreds of thousands by start cohort, more than one answer should carry.
 */
export async function getFlowsPage(
	db: Db,
	{ page, ...question }: FlowQuestion & { page?: FlowPage }
): Promise<{ rows: FlowRow[]; total: number }> {
	const {
		dimension,
		group,
		statuses,
		suppression,
		byCohort = true,
		startCohorts,
		kind,
		source = 'rollups',
		...context
	} = question;
	/** A page of rows that hold the whole answer. */
	const pageOf = (rows: FlowRow[]) =>
		page ? rows.slice(page.offset, page.limit === null ? undefined : page.offset + page.limit) : rows;
	// A credential's flows are the flows into it and out of it: rows of the whole answer, so they
	// are the very cells (and withholdings) of the Sankey without it, never a new table to
	// subtract from it. (As an enrolment filter it would keep only the credential's own
	// enrolments, which flow nowhere.)
	const { credentialId, ...otherFilters } = context.filters ?? {};
	if (credentialId !== undefined) {
		const whole = await getFlowsPage(db, { ...question, filters: otherFilters });
		const rows = whole.rows.filter((r) => r.from === credentialId || r.to === credentialId);
		return { total: rows.length, rows: pageOf(rows) };
	}
	const { from, to } = startCohorts ?? {};
	// One start cohort is a cohort of the sums; a range is not their sum (a learner counts once).
	const startCohort = from && from === to ? from : undefined;
	const limited = Boolean(statuses?.length || ((from || to) && startCohort === undefined));
	const withheldBelow = threshold(suppression);
	// Complementary suppression needs every flow of a set: a page of a suppressed answer is cut
	// from the whole answer (which costs a national system the whole count per page).
	if (page && withheldBelow > 0) {
		const whole = await getFlowsPage(db, question);
		return { total: whole.total, rows: pageOf(whole.rows) };
	}
	const counts = async (page: FlowPage | undefined) => {
		const asked = { ...context, dimension, group, kind, byCohort, withheldBelow, page };
		return (
			(source === 'rollups' ? await flowCountsFromRollup(db, { ...asked, startCohort, limited }) : null) ??
			(await flowCountsFromBase(db, { ...asked, statuses, startCohorts }))
		);
	};
	const rows = await counts(page);
	// Each row of a page carries the whole answer's size; a page past the end asks for it alone
	// (counting every flow again: a client that follows the Link header never asks for one).
	let total = rows[0]?.total ?? rows.length;
	if (page && rows.length === 0 && page.offset > 0)
		total = (await counts({ limit: 1, offset: 0 }))[0]?.total ?? 0;
	return { total, rows: publishFlows(rows, { dimension, byCohort, suppression }) };
}

/**
 * The flows as published: each count withheld or rounded by the policy, the withheld after the
 * published. Complementary suppression (docs/disclosure.md rule (d)): a flow's groups add up to
 * the flow published without a breakdown, and its start cohorts to the flow of all cohorts, so a
 * set with one withheld cell gets a second. A page of a longer answer is suppressed as it comes
 * (the rounding of the 'both' policy protects what the page boundary cuts).
 */
function publishFlows(
	rows: FlowCount[],
	{
		dimension,
		byCohort,
		suppression
	}: { dimension?: GroupDimension; byCohort: boolean; suppression: Suppression }
): FlowRow[] {
	const sets = new Map<string, number[]>();
	const member = (key: string, i: number) => sets.set(key, [...(sets.get(key) ?? []), i]);
	rows.forEach((r, i) => {
		if (dimension) member(`g\u0001${r.kind}\u0001${r.from}\u0001${r.to}\u0001${r.cohort}`, i);
		if (byCohort) member(`c\u0001${r.kind}\u0001${r.from}\u0001${r.to}\u0001${r.grp}`, i);
	});
	const reasons = suppressCells({
		cells: rows,
		count: (r) => Number(r.n),
		threshold: threshold(suppression),
		sets: [...sets.values()]
	}).reasons;
	const shown = rows.map((r, i): FlowRow => ({
		kind: r.kind,
		from: r.from,
		to: r.to,
		cohort: r.cohort,
		group: r.grp,
		count: reasons[i] ? null : publishedCount(suppression, Number(r.n)),
		suppressed: reasons[i]
	}));
	// Withheld flows go after the published ones in the order of their names, as the query orders
	// those under the threshold: a complement left among the published would tell its size.
	const published = shown.filter((r) => r.suppressed === null);
	const withheld = shown.filter((r) => r.suppressed !== null).sort(byNames);
	return [...published, ...withheld];
}

/** Flows by kind, from, to, cohort and group; a missing name last (collation "C", as the query). */
function byNames(a: FlowRow, b: FlowRow): number {
	for (const field of ['kind', 'from', 'to', 'cohort', 'group'] as const) {
		const [x, y] = [a[field], b[field]];
		if (x !== y) return x === null ? 1 : y === null ? -1 : x < y ? -1 : 1;
	}
	return 0;
}

type BaseFlowQuestion = QueryContext & {
	dimension?: GroupDimension;
	group?: string;
	statuses?: EnrolmentStatus[];
	byCohort: boolean;
	startCohorts?: { from?: string; to?: string };
	kind?: FlowRow['kind'];
	withheldBelow: number;
	page?: FlowPage;
};

async function flowCountsFromBase(
	db: Db,
	{ dimension, group, byCohort, kind, withheldBelow, page, ...question }: BaseFlowQuestion
): Promise<FlowCount[]> {
	const { nextFlows, towardFlows } = flowSelects(question);
	const parts = [...(kind !== 'toward' ? [nextFlows] : []), ...(kind !== 'next' ? [towardFlows] : [])];
	const paging = flowPaging(page);
	return db.query<FlowCount>(sql`
		with ${flowSteps({ ...question, dimension, group, byCohort })}
		select * ${paging.total} from (${sql.join(parts, sql` union all `)}) flows
		order by ${flowOrder(sql`n`, [sql`kind`, sql`"from"`, sql`"to"`, sql`cohort`, sql`grp`], withheldBelow)}
		${paging.limit}`);
}

/** The counts of each kind of flow, over the steps below, from the transitions' starts asked for. */
function flowSelects({ statuses, startCohorts }: Pick<BaseFlowQuestion, 'statuses' | 'startCohorts'>) {
	const statusCondition: SQL = statuses?.length
		? sql`a.status = any(${sql.param(statuses)}::text[])`
		: sql`true`;
	const startsTransition = sql.join(
		[
			statusCondition,
			...(startCohorts?.from ? [sql`a.start_cohort >= ${startCohorts.from}`] : []),
			...(startCohorts?.to ? [sql`a.start_cohort <= ${startCohorts.to}`] : [])
		],
		sql` and `
	);
	const nextFlows = sql`
		select 'next' as kind, a.credential_id as "from", n.next_credential as "to", a.cohort, a.grp, count(distinct a.learner_id)::int as n
		from runs a join next_of_run n on n.learner_id = a.learner_id and n.run = a.run
		where n.next_credential is not null and ${startsTransition}
		group by a.credential_id, n.next_credential, a.cohort, a.grp`;
	// Each run meets its learner's few achieved qualifications first, then keeps those it counts
	// toward: joining the membership first would pair every achievement with every member.
	const towardFlows = sql`
		select 'toward' as kind, a.credential_id as "from", a.target as "to", a.cohort, a.grp, count(distinct a.learner_id)::int as n
		from (select a.*, d.credential_id as target from starts a
			join achieved d on d.learner_id = a.learner_id and d.on_date >= a.started_on
			where ${startsTransition} offset 0) a
		where exists (select 1 from membership m where m.credential_id = a.credential_id and m.target = a.target)
		group by a.credential_id, a.target, a.cohort, a.grp`;
	return { nextFlows, towardFlows };
}

/**
 * The steps the flows are counted over: the enrolments asked for (starts), their runs and each
 * run's next credential, the qualifications' members, and what each learner achieved.
 */
function flowSteps({
	dimension,
	group: onlyGroup,
	byCohort,
	...context
}: QueryContext & Pick<BaseFlowQuestion, 'dimension' | 'group' | 'byCohort'>): SQL {
	const group: SQL = dimension ? breakdownColumn(dimension) : sql`null::text`;
	const cohort: SQL = byCohort ? sql`e.cohort` : sql`null::text`;
	return sql`
		starts as (
			select e.learner_id, e.credential_id, e.status, e.started_on, e.id, e.cohort as start_cohort, ${cohort} as cohort, ${group} as grp
			from ${ENROLMENT_JOINS}
			where ${enrolmentConditions(context)}
				${dimension && onlyGroup !== undefined ? sql`and ${group} = ${onlyGroup}` : sql``}
		),
		-- Runs (consecutive enrolments in one credential) matter only to 'next': 'toward' reads the
		-- enrolments themselves, which every run's rows are.
		seq as (
			select *, row_number() over w as pos,
				case when credential_id is distinct from lag(credential_id) over w then 1 else 0 end as run_start
			from starts
			window w as (partition by learner_id order by started_on, id)
		),

		runs as (
			select *, sum(run_start) over (partition by learner_id order by pos) as run from seq
		),
		run_heads as (
			select learner_id, run, min(credential_id) as credential_id from runs group by learner_id, run
		),
		next_of_run as (
			select learner_id, run, lead(credential_id) over (partition by learner_id order by run) as next_credential from run_heads
		),
		membership as (
			select distinct m.credential_id, g.target_credential_id as target
			from requirement_members m join requirement_groups g on g.id = m.group_id
		),
		achieved as (
			-- Only qualifications can be reached: the awards and completions of anything else are
			-- left out before grouping (most rows at national scale).
			select learner_id, credential_id, min(on_date) as on_date from (
				select a.learner_id, a.credential_id, a.issued_on as on_date from awards a
				where a.credential_id in (select target from membership)
				${context.asOf ? sql`and a.issued_on <= ${context.asOf}::date` : sql``}
				union all
				select x.learner_id, x.credential_id, coalesce(x.ended_on, x.started_on) from enrolments x
				where x.status = 'completed' and x.credential_id in (select target from membership)
				${context.asOf ? sql`and x.ended_on <= ${context.asOf}::date` : sql``}
			) done group by learner_id, credential_id
		)`;
}

/**
 * What the flow filters can offer, in one pass: the cohorts a flow can start in (oldest first) and,
 * for a learner group dimension, its groups (unknown ones as "not stated").
 */
export async function getFlowOptions(
	db: Db,
	{
		dimension,
		source = 'rollups',
		...context
	}: QueryContext & { dimension?: GroupDimension; source?: 'rollups' | 'base' }
): Promise<{ cohorts: string[]; groups: string[] }> {
	const options =
		(source === 'rollups' ? await flowOptionsFromRollup(db, { ...context, dimension }) : null) ??
		(await flowOptionsFromBase(db, { ...context, dimension }));
	const sorted = (values: string[]) => [...new Set(values)].sort();
	return { cohorts: sorted(options.cohorts), groups: sorted(options.groups) };
}

async function flowOptionsFromBase(
	db: Db,
	{ dimension, ...context }: QueryContext & { dimension?: GroupDimension }
): Promise<{ cohorts: string[]; groups: string[] }> {
	const group: SQL = dimension ? breakdownColumn(dimension) : sql`null::text`;
	const rows = await db.query<{ cohort: string | null; grp: string | null }>(sql`
		select distinct e.cohort, ${group} as grp from ${ENROLMENT_JOINS}
		where ${enrolmentConditions(context)}`);
	return {
		cohorts: rows.flatMap((r) => (r.cohort === null ? [] : [r.cohort])),
		groups: dimension ? rows.map((r) => r.grp ?? NOT_STATED) : []
	};
}

/**
 * The options from the rollups, for the whole system or one provider today: cohorts from the
 * learners per cohort (a provider's from its outcome sums), groups from the learners per group.
 * Null for any other question.
 */
async function flowOptionsFromRollup(
	db: Db,
	{ dimension, ...context }: QueryContext & { dimension?: GroupDimension }
): Promise<{ cohorts: string[]; groups: string[] } | null> {
	const provider = filteredPanelProvider(context);
	if (provider === null) return null;
	const origin = originCondition(context.data, sql`origin`);
	const cohorts = await db.query<{ cohort: string }>(
		provider === ''
			? sql`select distinct cohort from learner_rollup
				where keyset = 'cohort' and dimension = 'all' and cohort is not null and ${origin}`
			: sql`select distinct cohort from enrolment_rollup
				where keyset = 'outcome' and dimension = 'all' and provider_id = ${provider}
				and cohort is not null and ${origin}`
	);
	const groups = dimension
		? await db.query<{ grp: string }>(sql`select distinct value as grp from learner_rollup
				where keyset = ${provider === '' ? '' : 'provider'} and dimension = ${dimension}
				${provider === '' ? sql`` : sql`and provider_id = ${provider}`} and ${origin}`)
		: [];
	return { cohorts: cohorts.map((r) => r.cohort), groups: groups.map((r) => r.grp) };
}
