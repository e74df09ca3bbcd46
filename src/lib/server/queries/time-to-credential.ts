// Time to credential (DESIGN.md §3, issue 4): the database returns counts per day since start
// and group — completions, withdrawals, failures, and enrolments still in progress at the cut-off
// (censored there) — and the domain layer estimates the Aalen–Johansen curves.
//
// An enrolment's day is ended_on − started_on when it ended by the cut-off, else cut-off −
// started_on (censored). Without --as-of the cut-off is today's date.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { Suppression } from '../../domain/equity/compare-groups.ts';
import {
	timeToCredentialByGroup,
	type GroupTimeToCredential
} from '../../domain/equity/time-to-credential-by-group.ts';
import type { DayCounts } from '../../domain/survival/day-counts.ts';
import { meanDaysAmongCompleters } from '../../domain/survival/mean-among-completers.ts';
import { groupInput, type BreakdownContext } from './completion.ts';
import { ENROLMENT_JOINS, breakdownColumn, enrolmentConditions, statusAsOf } from './scope.ts';

export type GroupDayCounts = { groups: string[]; rows: DayCounts[]; learners: number };

export async function getDayCounts(
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
	const result = timeToCredentialByGroup({
		groups: groups.map((g) => ({ group: groupInput(g.groups), rows: g.rows, learners: g.learners })),
		at,
		suppression
	});
	return {
		exposedTotals: result.exposedTotals,
		groups: result.groups.map((g, i) => ({
			...g,
			meanDaysAmongCompleters:
				g.suppressed === null ? (meanDaysAmongCompleters(groups[i].rows) ?? null) : null
		}))
	};
}
