// Time to credential (DESIGN.md §3): the database returns counts per day since start
// and group — completions, withdrawals, failures, and enrolments still in progress at the cut-off
// (censored there) — and the domain layer estimates the Aalen–Johansen curves.
//
// An enrolment's day is ended_on − started_on when it ended by the cut-off, else cut-off −
// started_on (censored). Without --as-of the cut-off is today's date.
import { dayCountsFromRollup, rollupQuestion } from './rollup-read.ts';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
	type Suppression,
	timeToCredentialByGroup,
	type GroupTimeToCredential
} from '../../domain/equity/index.ts';
import { rounds } from '../../domain/suppression/index.ts';
import { type DayCounts, meanDaysAmongCompleters } from '../../domain/survival/index.ts';
import { groupInput, type BreakdownContext } from './completion.ts';
import { marginsOf, smallDifferences, widenings } from './disclosure.ts';
import { ENROLMENT_JOINS, breakdownColumn, enrolmentConditions, statusAsOf } from './scope.ts';

export type GroupDayCounts = { groups: string[]; rows: DayCounts[]; learners: number };

export async function getDayCounts(db: Db, context: BreakdownContext): Promise<GroupDayCounts[]> {
	const target = context.filters?.credentialId;
	if (target && (await isQualification(db, target)))
		return getQualificationDayCounts(db, { ...context, qualification: target });
	const fromRollup = context.source !== 'base' ? rollupQuestion(context) : null;
	if (fromRollup) return dayCountsFromRollup(db, fromRollup);
	return getEnrolmentDayCounts(db, context);
}

async function isQualification(db: Db, credentialId: string): Promise<boolean> {
	const [row] = await db.query<{ yes: boolean }>(
		sql`select exists (select 1 from requirement_groups where target_credential_id = ${credentialId}) as yes`
	);
	return Boolean(row?.yes);
}

/** Per-day counts of enrolments in the credentials the filters select. */
async function getEnrolmentDayCounts(
	db: Db,
	{ by = [], ...context }: BreakdownContext
): Promise<GroupDayCounts[]> {
	const status = statusAsOf(context.asOf);
	const cutOff = context.asOf ? sql`${context.asOf}::date` : sql`current_date`;
	const day = sql`(case when ${status} = 'in_progress' then ${cutOff} - e.started_on else e.ended_on - e.started_on end)`;
	const groups: SQL[] = by.map((d, i) => sql`${breakdownColumn(d)} as ${sql.raw(`g${i}`)}`);
	const aliases = by.map((_, i) => `g${i}`);
	const rows = await db.query<Record<string, string | number>>(sql`
		with cells as (
			select ${sql.join([...groups, sql`greatest(${day}, 0) as day`, sql`${status} as status`, sql`e.learner_id`], sql`, `)}
			from ${ENROLMENT_JOINS}
			where ${enrolmentConditions(context)}
		),
		learners as (
			select ${sql.raw([...aliases, 'count(distinct learner_id)::int as learners'].join(', '))}
			from cells ${aliases.length ? sql.raw(`group by ${aliases.join(', ')}`) : sql``}
		)
		select ${sql.raw(aliases.map((a) => `c.${a}, `).join(''))} c.day::int as day,
			count(*) filter (where c.status = 'completed')::int as completed,
			count(*) filter (where c.status = 'withdrawn')::int as withdrawn,
			count(*) filter (where c.status = 'failed')::int as failed,
			count(*) filter (where c.status = 'in_progress')::int as censored,
			min(l.learners)::int as learners
		from cells c join learners l on ${aliases.length ? sql.raw(aliases.map((a) => `l.${a} = c.${a}`).join(' and ')) : sql`true`}
		group by ${sql.raw([...aliases.map((a) => `c.${a}`), 'c.day'].join(', '))}
		order by ${sql.raw([...aliases.map((a) => `c.${a}`), 'c.day'].join(', '))}`);
	return collectGroups(rows, aliases);
}

/** Rows of (groups…, day, counts, learners) as one list of per-day counts per group. */
function collectGroups(rows: Record<string, string | number>[], aliases: string[]): GroupDayCounts[] {
	const out = new Map<string, GroupDayCounts>();
	for (const r of rows) {
		const key = aliases.map((a) => String(r[a]));
		const id = key.join('\u0001');
		let group = out.get(id);
		if (!group) out.set(id, (group = { groups: key, rows: [], learners: Number(r.learners) }));
		group.rows.push({
			day: Number(r.day),
			completed: Number(r.completed),
			withdrawn: Number(r.withdrawn),
			failed: Number(r.failed),
			censored: Number(r.censored)
		});
	}
	return [...out.values()];
}

export type TimeToCredentialResult = GroupTimeToCredential & {
	/** Secondary, labelled figure: the mean days among those who completed (ignores everyone else). */
	meanDaysAmongCompleters: number | null;
};

export async function getTimeToCredential(
	db: Db,
	{ at, suppression, ...context }: BreakdownContext & { at?: number[]; suppression: Suppression }
): Promise<{ groups: TimeToCredentialResult[]; exposedTotals: string[] }> {
	const cells = await getDayCounts(db, context);
	// With no breakdown and no enrolment, still answer one (empty) population.
	const groups =
		cells.length > 0 || (context.by ?? []).length > 0 ? cells : [{ groups: [], rows: [], learners: 0 }];
	const margins = await marginsOf(
		context.by,
		suppression,
		async (by) => (await getTimeToCredential(db, { ...context, by, at, suppression })).groups
	);
	const withheld = await smallDifferences({
		cells: groups,
		suppression,
		widenings: widenings(context),
		wider: (c) => getDayCounts(db, c)
	});
	const result = timeToCredentialByGroup({
		groups: groups.map((g) => ({ group: groupInput(g.groups), rows: g.rows, learners: g.learners })),
		at,
		suppression,
		margins,
		withheld
	});
	return {
		exposedTotals: result.exposedTotals,
		groups: result.groups.map((g, i) => ({
			...g,
			meanDaysAmongCompleters:
				g.suppressed === null && !rounds(suppression)
					? (meanDaysAmongCompleters(groups[i].rows) ?? null)
					: null
		}))
	};
}

/**
 * Time to a qualification: per learner, from the first start of any credential that
 * counts toward it (or of the qualification itself) to its award. A withdrawal from or failure of
 * the qualification's own enrolment ends the wait as a competing event; everyone else is censored
 * at the cut-off. Learners are counted once each.
 */
async function getQualificationDayCounts(
	db: Db,
	{ by = [], qualification, ...context }: BreakdownContext & { qualification: string }
): Promise<GroupDayCounts[]> {
	const cutOff = context.asOf ? sql`${context.asOf}::date` : sql`current_date`;
	const { credentialId: _, ...otherFilters } = context.filters ?? {};
	const groups: SQL[] = by.map((d, i) => sql`${breakdownColumn(d)} as ${sql.raw(`g${i}`)}`);
	const aliases = by.map((_, i) => `g${i}`);
	const rows = await db.query<Record<string, string | number>>(sql`
		with counting as (
			select distinct m.credential_id from requirement_members m join requirement_groups g on g.id = m.group_id
			where g.target_credential_id = ${qualification}
			union select ${qualification}
		),
		starts as (
			select ${sql.join([...groups, sql`e.learner_id`, sql`min(e.started_on) as started_on`], sql`, `)}
			from ${ENROLMENT_JOINS}
			where ${enrolmentConditions({ ...context, filters: otherFilters })} and e.credential_id in (select credential_id from counting)
			group by ${sql.raw(['e.learner_id', ...by.map((_, i) => `${i + 1}`)].join(', '))}
		),
		outcome as (
			select s.*,
				(select min(a.issued_on) from awards a where a.learner_id = s.learner_id and a.credential_id = ${qualification}
					${context.asOf ? sql`and a.issued_on <= ${context.asOf}::date` : sql``}) as awarded_on,
				(select min(q.ended_on) from enrolments q where q.learner_id = s.learner_id and q.credential_id = ${qualification}
					and q.status in ('withdrawn', 'failed') ${context.asOf ? sql`and q.ended_on <= ${context.asOf}::date` : sql``}) as left_on,
				(select q.status from enrolments q where q.learner_id = s.learner_id and q.credential_id = ${qualification}
					and q.status in ('withdrawn', 'failed') ${context.asOf ? sql`and q.ended_on <= ${context.asOf}::date` : sql``}
					order by q.ended_on limit 1) as left_how
			from starts s
		),
		cells as (
			select ${sql.raw(aliases.map((a) => `${a}, `).join(''))} learner_id,
				case when awarded_on is not null then 'completed' when left_on is not null then left_how else 'in_progress' end as status,
				greatest(0, case when awarded_on is not null then awarded_on - started_on when left_on is not null then left_on - started_on else ${cutOff} - started_on end) as day
			from outcome
		)
		select ${sql.raw(aliases.map((a) => `${a}, `).join(''))} day::int as day,
			count(*) filter (where status = 'completed')::int as completed,
			count(*) filter (where status = 'withdrawn')::int as withdrawn,
			count(*) filter (where status = 'failed')::int as failed,
			count(*) filter (where status = 'in_progress')::int as censored,
			sum(count(*)) over (${aliases.length ? sql.raw(`partition by ${aliases.join(', ')}`) : sql``})::int as learners
		from cells
		group by ${sql.raw([...aliases, 'day'].join(', '))}
		order by ${sql.raw([...aliases, 'day'].join(', '))}`);
	return collectGroups(rows, aliases);
}
