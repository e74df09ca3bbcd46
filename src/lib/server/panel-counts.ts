// The issuance and flows cells of the panel sums (panel_rollup), counted by the database into
// panel_delta: a learner subset's counts with the sign given (−1 before a change, 1 after), or
// every learner's. The definitions are the base queries' (queries/issuance.ts, flows.ts), which
// the database tests hold these sums to:
// - issuance: awards and distinct learners per quarter of issue and group of one breakdown,
//   all awards and verified ones apart; a provider's cells have the awards it issued;
// - flows: the learner's distinct pairs toward qualifications (credential → a qualification it
//   counts toward, achieved on or after the credential's start) and to the next credential
//   (credential → the next enrolment in a different one, in the order start, enrolment id); a
//   provider's cells have the pairs of that provider's enrolments alone. The system's pairs are
//   also counted per group dimension and per cohort of the enrolment they start from (dimension
//   COHORT_DIMENSION, NO_COHORT for none), a provider's for all its learners only (see
//   domain/rollups/learner-panels.ts for why).
// Only learners with analytics_consent count. Each statement first counts per learner (a key that
// holds learner_id, on the co-located learner tables joined with the catalogue), then sums per
// cell: on Citus the per-learner part runs on each shard and only cells reach the coordinator.
// One aggregate per dimension (a values list crossed with each learner's rows), not grouping
// sets, which Citus refuses on distributed tables. Stacking is not here: its progress bins need the
// exact planner (docs/decisions/0018-panel-sums-in-sql-stacking-in-the-app.md).
import { sql, type SQL } from 'drizzle-orm';
import type { Orm } from './db/client.ts';
import { GROUP_DIMENSIONS } from '../domain/types.ts';
import { COHORT_DIMENSION, NO_COHORT, PANEL_COUNTS } from '../domain/rollups/index.ts';
import { ISSUANCE_BREAKDOWNS, ISSUANCE_GROUP_COLUMNS, ISSUE_QUARTER } from './queries/issuance.ts';

/** Whose counts: these learners, or every learner. */
export type PanelLearners = readonly string[] | 'all';

/** The counts a panel leaves unused, from count `first` on (panel_delta has PANEL_COUNTS). */
const zerosFrom = (first: number) =>
	sql.raw(Array.from({ length: PANEL_COUNTS - first }, (_, i) => `, 0 as n${first + i}`).join(''));

const valuesOf = (names: readonly string[]) => sql.raw(names.map((n) => `('${n}')`).join(', '));

/** The rows of these learners in a learner table (the column names a learner id). */
function ofLearners(column: string, learners: PanelLearners): SQL {
	return learners === 'all' ? sql`true` : sql`${sql.raw(column)} = any(${sql.param(learners)}::text[])`;
}

/** Awards and distinct learners per issuance cell, times `sign`. */
export function issuanceCells(learners: PanelLearners, sign: 1 | -1): SQL {
	const group = sql.raw(
		`case d.dimension ${ISSUANCE_BREAKDOWNS.map((b) => `when '${b}' then ${ISSUANCE_GROUP_COLUMNS[b]}`).join(' ')} end`
	);
	const provider = sql`coalesce(a.provider_id, c.provider_id)`;
	return sql`select 'issuance' as panel, origin, provider_id, dimension, value, period as k1,
			verification as k2, '' as k3, (sum(awards) * ${sign})::int as n0, (count(*) * ${sign})::int as n1${zerosFrom(2)}
		from (
			select a.learner_id, l.origin, case when s.by_provider then ${provider} else '' end as provider_id,
				d.dimension, ${group} as value,
				${ISSUE_QUARTER} as period,
				v.verification, count(*) as awards
			from awards a
			join learners l on l.id = a.learner_id
			join credentials c on c.id = a.credential_id
			left join providers p on p.id = ${provider}
			cross join (values (false), (true)) s(by_provider)
			cross join (values ('all'), ('verified')) v(verification)
			cross join (values ${valuesOf(ISSUANCE_BREAKDOWNS)}) d(dimension)
			where l.analytics_consent and ${ofLearners('a.learner_id', learners)}
				and (not s.by_provider or ${provider} is not null)
				and (v.verification = 'all' or a.verification = 'verified')
			group by 1, 2, 3, 4, 5, 6, 7
		) per_learner
		group by 2, 3, 4, 5, 6, 7`;
}

/** Each qualification and the credentials that count toward it (a member of one of its groups). */
const MEMBERSHIP = sql`(select distinct m.credential_id, g.target_credential_id as target
	from requirement_members m join requirement_groups g on g.id = m.group_id)`;

/**
 * The learners' enrolments once for the system (scope '') and once for their provider (scope the
 * provider's id). Written out where it is read rather than as one common table: Citus plans a
 * common table read twice on its own, as an intermediate result on the coordinator.
 */
function enrolled(learners: PanelLearners): SQL {
	const provider = sql`coalesce(e.provider_id, c.provider_id)`;
	return sql`(select e.learner_id, e.id, e.credential_id, e.cohort, e.started_on,
			case when s.by_provider then ${provider} else '' end as scope
		from enrolments e
		join credentials c on c.id = e.credential_id
		cross join (values (false), (true)) s(by_provider)
		where ${ofLearners('e.learner_id', learners)} and (not s.by_provider or ${provider} is not null))`;
}

/**
 * Each learner's flow pairs (learner_id, scope, kind, from, to, cohort): scope '' for the pairs of
 * all their enrolments, a provider's id for those of that provider's enrolments alone.
 */
function learnerPairs(learners: PanelLearners): SQL {
	const order = sql`partition by learner_id, scope order by started_on, id`;
	return sql`
		-- A run is consecutive enrolments in one credential; its last enrolment's following one is
		-- the run's next credential, and every enrolment of the run starts the pair.
		steps as (
			select *, lead(credential_id) over (${order}) as following,
				case when credential_id is distinct from lag(credential_id) over (${order}) then 1 else 0 end as run_start
			from ${enrolled(learners)} e
		),
		runs as (select *, sum(run_start) over (${order}) as run from steps),
		next_of as (
			select learner_id, scope, credential_id, cohort,
				max(case when following <> credential_id then following end)
					over (partition by learner_id, scope, run) as next_credential
			from runs
		),
		-- When each learner first achieved each qualification: an award, or a completed enrolment's end.
		achieved as (
			select learner_id, credential_id, min(on_date) as on_date from (
				select a.learner_id, a.credential_id, a.issued_on as on_date from awards a
				where ${ofLearners('a.learner_id', learners)} and a.credential_id in (select target from ${MEMBERSHIP} m)
				union all
				select x.learner_id, x.credential_id, coalesce(x.ended_on, x.started_on) from enrolments x
				where ${ofLearners('x.learner_id', learners)} and x.status = 'completed'
					and x.credential_id in (select target from ${MEMBERSHIP} m)
			) done group by learner_id, credential_id
		),
		pairs as (
			select learner_id, scope, 'next' as kind, credential_id as "from", next_credential as "to", cohort
			from next_of where next_credential is not null
			union all
			select s.learner_id, s.scope, 'toward', s.credential_id, m.target, s.cohort
			from ${enrolled(learners)} s
			join ${MEMBERSHIP} m on m.credential_id = s.credential_id
			join achieved d on d.learner_id = s.learner_id and d.credential_id = m.target and d.on_date >= s.started_on
		)`;
}

/** Distinct learners per flows cell, times `sign`. */
export function flowCells(learners: PanelLearners, sign: 1 | -1): SQL {
	const dimensions = ['all', ...GROUP_DIMENSIONS, COHORT_DIMENSION];
	const value = sql.raw(
		`case d.dimension when 'all' then 'all' when '${COHORT_DIMENSION}' then p.cohort ${GROUP_DIMENSIONS.map((g) => `when '${g}' then l.${g}`).join(' ')} end`
	);
	// A provider's pairs are not kept per cohort: their cohort is left out before they are counted.
	const cohort = sql`case when scope = '' then coalesce(cohort, ${NO_COHORT}::text) else ${NO_COHORT}::text end`;
	// A learner's pair from two cohorts is one row of each group dimension's cell, hence distinct.
	return sql`with ${learnerPairs(learners)},
		pair_cohorts as (
			select learner_id, scope, kind, "from", "to", ${cohort} as cohort from pairs group by 1, 2, 3, 4, 5, 6
		)
		select 'flows' as panel, origin, provider_id, dimension, value, k1, k2, k3,
			(count(*) * ${sign})::int as n0${zerosFrom(1)}
		from (
			select distinct p.learner_id, l.origin, p.scope as provider_id, d.dimension, ${value} as value,
				p.kind as k1, p."from" as k2, p."to" as k3
			from pair_cohorts p
			join learners l on l.id = p.learner_id
			cross join (values ${valuesOf(dimensions)}) d(dimension)
			where l.analytics_consent and (p.scope = '' or d.dimension = 'all')
		) per_learner
		group by 2, 3, 4, 5, 6, 7, 8`;
}

/** Adds these learners' issuance and flows cells to panel_delta, times `sign`. */
export async function countIssuanceAndFlows(tx: Orm, learners: PanelLearners, sign: 1 | -1): Promise<void> {
	if (learners !== 'all' && learners.length === 0) return;
	for (const cells of [issuanceCells(learners, sign), flowCells(learners, sign)])
		await tx.execute(sql`insert into panel_delta ${cells}`);
}
