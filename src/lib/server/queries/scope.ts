// Every query takes a scope (whose data) and an as-of date (which data existed then), so access
// control and time travel plug in without rewriting queries.
import { sql, type SQL } from 'drizzle-orm';
import { GROUP_DIMENSIONS, type GroupDimension } from '../../domain/types.ts';
import type { Scope } from '../../domain/scope.ts';

// Access control decides a Scope without the query layer, so the type is the domain's.
export type { Scope };

export const SYSTEM: Scope = { kind: 'system' };

/** Narrowing filters a dashboard or the CLI may add; all optional. */
export type EnrolmentFilters = {
	credentialId?: string;
	cohort?: string;
	providerId?: string;
	level?: string;
	mode?: string;
	qaApproach?: string;
};

/**
 * Which data a figure covers. Generated (demo or synthetic) learners are labelled as such and
 * never mixed into a figure of real data unless the caller asks for both — and then says so.
 */
export type DataOrigin = 'real' | 'generated' | 'all';
export const DATA_ORIGINS: readonly DataOrigin[] = ['real', 'generated', 'all'];

export type QueryContext = {
	scope: Scope;
	/** Default 'real'. */
	data?: DataOrigin;
	/** 'YYYY-MM-DD': only enrolments started on or before it count; those ending after it are in progress. */
	asOf?: string;
	filters?: EnrolmentFilters;
};

/** The SQL of an enrolment's state as of the cut-off (aliases e = enrolments). */
export function statusAsOf(asOf: string | undefined): SQL {
	if (!asOf) return sql`e.status`;
	return sql`(case when e.ended_on is not null and e.ended_on <= ${asOf}::date then e.status else 'in_progress' end)`;
}

/**
 * WHERE conditions for enrolments joined as `e` with learners `l`, credentials `c`, providers `p`:
 * the scope, the cut-off, the filters, and analytics consent (learners who opted out are in no
 * aggregate).
 */
export function enrolmentConditions({ scope, asOf, filters = {}, data = 'real' }: QueryContext): SQL {
	const conditions: SQL[] = [sql`l.analytics_consent`, originCondition(data)];
	if (scope.kind === 'provider')
		conditions.push(sql`coalesce(e.provider_id, c.provider_id) = ${scope.providerId}`);
	if (scope.kind === 'learner') conditions.push(sql`e.learner_id = ${scope.learnerId}`);
	if (asOf) conditions.push(sql`e.started_on <= ${asOf}::date`);
	if (filters.credentialId) conditions.push(sql`e.credential_id = ${filters.credentialId}`);
	if (filters.cohort) conditions.push(sql`e.cohort = ${filters.cohort}`);
	if (filters.providerId)
		conditions.push(sql`coalesce(e.provider_id, c.provider_id) = ${filters.providerId}`);
	if (filters.level) conditions.push(sql`c.level = ${filters.level}`);
	if (filters.mode) conditions.push(sql`c.participation_mode = ${filters.mode}`);
	if (filters.qaApproach) conditions.push(sql`p.qa_approach = ${filters.qaApproach}`);
	return sql.join(conditions, sql` and `);
}

/**
 * WHERE conditions for awards joined as `a` with learners `l`, credentials `c`, providers `p` (on
 * the award's provider, else the credential's): the same question as enrolmentConditions asks of
 * enrolments. An award is as of the cut-off when issued on or before it, and belongs to the cohort
 * of the enrolment it was earned in — an award linked to no enrolment is in no cohort, so a cohort
 * filter leaves it out (reading taken: a cohort's awards are the awards its enrolments earned).
 */
export function awardConditions({ scope, asOf, filters = {}, data = 'real' }: QueryContext): SQL {
	const provider = sql`coalesce(a.provider_id, c.provider_id)`;
	const conditions: SQL[] = [sql`l.analytics_consent`, originCondition(data)];
	if (scope.kind === 'provider') conditions.push(sql`${provider} = ${scope.providerId}`);
	if (scope.kind === 'learner') conditions.push(sql`a.learner_id = ${scope.learnerId}`);
	if (asOf) conditions.push(sql`a.issued_on <= ${asOf}::date`);
	if (filters.credentialId) conditions.push(sql`a.credential_id = ${filters.credentialId}`);
	if (filters.cohort)
		conditions.push(
			sql`exists (select 1 from enrolments ae where ae.learner_id = a.learner_id and ae.id = a.enrolment_id and ae.cohort = ${filters.cohort})`
		);
	if (filters.providerId) conditions.push(sql`${provider} = ${filters.providerId}`);
	if (filters.level) conditions.push(sql`c.level = ${filters.level}`);
	if (filters.mode) conditions.push(sql`c.participation_mode = ${filters.mode}`);
	if (filters.qaApproach) conditions.push(sql`p.qa_approach = ${filters.qaApproach}`);
	return sql.join(conditions, sql` and `);
}

export const AWARD_JOINS = sql`awards a
	join learners l on l.id = a.learner_id
	join credentials c on c.id = a.credential_id
	left join providers p on p.id = coalesce(a.provider_id, c.provider_id)`;

/** Whether a question narrows by more than the provider (the panel and award sums hold only that). */
export const filtersBeyondProvider = (filters: EnrolmentFilters = {}): boolean =>
	Object.entries(filters).some(([key, value]) => key !== 'providerId' && value !== undefined);

/** The learners (aliased l; or rows of a rollup, by their `origin`) a data selection covers. */
export function originCondition(data: DataOrigin = 'real', column: SQL = sql`l.origin`): SQL {
	if (data === 'real') return sql`${column} = 'real'`;
	if (data === 'generated') return sql`${column} <> 'real'`;
	return sql`true`;
}

export const ENROLMENT_JOINS = sql`enrolments e
	join learners l on l.id = e.learner_id
	join credentials c on c.id = e.credential_id
	left join providers p on p.id = coalesce(e.provider_id, c.provider_id)`;

/** What a metric can be broken down by: the learner groups of equity, and the catalogue's facets. */
export const BREAKDOWNS = [
	...GROUP_DIMENSIONS,
	'credential',
	'cohort',
	'provider',
	'level',
	'mode',
	'qa_approach'
] as const;
export type Breakdown =
	GroupDimension | 'credential' | 'cohort' | 'provider' | 'level' | 'mode' | 'qa_approach';

// Unknown catalogue facets are a group of their own, like unknown learner attributes.
const BREAKDOWN_COLUMNS: Record<Breakdown, string> = {
	gender: 'l.gender',
	age_band: 'l.age_band',
	disability: 'l.disability',
	deprivation_band: 'l.deprivation_band',
	region: 'l.region',
	prior_education: 'l.prior_education',
	credential: 'e.credential_id',
	cohort: "coalesce(e.cohort, 'not stated')",
	provider: "coalesce(e.provider_id, c.provider_id, 'not stated')",
	level: "coalesce(c.level_framework || ' ' || c.level, c.level, 'not stated')",
	mode: "coalesce(c.participation_mode, 'not stated')",
	qa_approach: "coalesce(p.qa_approach, 'not stated')"
};

export function isDimension(value: string): value is GroupDimension {
	return (GROUP_DIMENSIONS as readonly string[]).includes(value);
}

export function isBreakdown(value: string): value is Breakdown {
	return (BREAKDOWNS as readonly string[]).includes(value);
}

/** The SQL of a breakdown; only whitelisted expressions reach the SQL text. */
export function breakdownColumn(breakdown: Breakdown): SQL {
	return sql.raw(BREAKDOWN_COLUMNS[breakdown]);
}
