// Dashboard counts read from the rollups (src/lib/server/rollups.ts) when the question is one they
// hold: today's state (no as-of date), the whole system or one provider, filtered by credential,
// cohort or provider, broken down by at most one of a group dimension, credential, cohort or
// provider. Anything else — a cut-off date, a learner's own view, level/mode filters, two
// dimensions — is answered from the base tables. Both give the same numbers (tests/db/rollups.test.ts).
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { DayCounts } from '../../domain/survival/index.ts';
import { ROLLUP_KEYSETS } from '../rollups.ts';
import { isDimension, originCondition, type Breakdown, type DataOrigin, type QueryContext } from './scope.ts';

type RollupQuestion = {
	keyset: string;
	/** The keys the question fixes (provider, credential, cohort) and its conditions on them. */
	keys: Set<string>;
	where: SQL;
	dimension: string;
	/** The column each source's rows are grouped by, or null for one population. */
	group: { enrolment: SQL; outcome: SQL; learner: SQL } | null;
	/** `<table> where …`: rows with the days to each outcome (time to credential). */
	enrolmentRows: SQL;
	/** `<table> where …`: rows with outcome counts (completion, headline counts); fewer where they differ. */
	outcomeRows: SQL;
	learnerWhere: SQL;
};

const GROUP_COLUMNS: Partial<Record<Breakdown, string>> = {
	credential: 'credential_id',
	cohort: "coalesce(cohort, 'not stated')",
	provider: "coalesce(provider_id, 'not stated')"
};

/** The rollup reading of a question, or null when only the base tables can answer it. */
export function rollupQuestion(context: QueryContext & { by?: Breakdown[] }): RollupQuestion | null {
	const { scope, asOf, filters = {}, by = [], data = 'real' } = context;
	if (asOf || scope.kind === 'learner' || by.length > 1) return null;
	if (filters.level || filters.mode || filters.qaApproach) return null;
	const breakdown = by[0];
	if (breakdown && !isDimension(breakdown) && !GROUP_COLUMNS[breakdown]) return null;

	const conditions: SQL[] = [origin(data)];
	const keys = new Set<string>();
	const providerIds = [filters.providerId, scope.kind === 'provider' ? scope.providerId : undefined];
	for (const id of providerIds)
		if (id !== undefined) {
			conditions.push(sql`provider_id = ${id}`);
			keys.add('provider');
		}
	if (filters.credentialId !== undefined) {
		conditions.push(sql`credential_id = ${filters.credentialId}`);
		keys.add('credential');
	}
	if (filters.cohort !== undefined) {
		conditions.push(sql`cohort = ${filters.cohort}`);
		keys.add('cohort');
	}
	if (breakdown && !isDimension(breakdown)) keys.add(breakdown);
	const keyset = ['provider', 'credential', 'cohort'].filter((k) => keys.has(k)).join(',');
	if (!ROLLUP_KEYSETS.includes(keyset)) return null;

	const dimension = breakdown && isDimension(breakdown) ? breakdown : 'all';
	const keyConditions = sql.join(conditions, sql` and `);
	const where = sql`${keyConditions} and dimension = ${dimension}`;
	// The unpivoted sums keep the group in `value`; the fine rows keep each group in its own column.
	const coarseColumn = breakdown ? (isDimension(breakdown) ? 'value' : GROUP_COLUMNS[breakdown]!) : null;
	const fineColumn = breakdown ? (isDimension(breakdown) ? breakdown : GROUP_COLUMNS[breakdown]!) : null;
	// Enrolment counts: the system and per-provider sums when the question names no credential or
	// cohort, and the per-cohort sums for a cohort without a group; otherwise the fine rows for
	// timings and their day-less sums for outcomes.

	const perCredential = keys.has('credential') || keys.has('cohort');
	const coarse = (set: string) => sql`enrolment_rollup where ${where} and keyset = ${set}`;
	const fine = sql`enrolment_rollup_fine where ${keyConditions}`;
	const outcomeFromFine = perCredential && dimension !== 'all';
	// Outcomes per credential alone, unless the question also fixes a provider or a cohort.
	const outcomeSet = keys.has('provider') || keys.has('cohort') ? 'outcome' : 'credential';
	// Cohorts for all learners have sums of their own ('cohort'); with a group, the fine rows.

	const cohortSums = keyset === 'cohort' && dimension === 'all';
	const raw = (column: string | null) => (column ? sql.raw(column) : sql``);
	return {
		keyset,
		dimension,
		group: breakdown
			? {
					enrolment: raw(perCredential ? fineColumn : coarseColumn),
					outcome: raw(outcomeFromFine ? fineColumn : coarseColumn),
					learner: raw(coarseColumn)
				}
			: null,
		keys,
		where,
		enrolmentRows: perCredential && !cohortSums ? fine : coarse(keyset),

		outcomeRows: !perCredential || cohortSums ? coarse(keyset) : outcomeFromFine ? fine : coarse(outcomeSet),
		learnerWhere: sql`${where} and keyset = ${keyset}`
	};
}

const origin = (data: DataOrigin) => originCondition(data, sql`origin`);

const groupSelect = (q: RollupQuestion, side: 'enrolment' | 'outcome' | 'learner') =>
	q.group ? sql`${q.group[side]} as g0,` : sql``;
const groupBy = (q: RollupQuestion, extra = '') =>
	q.group
		? sql.raw(`group by g0${extra} order by g0${extra}`)
		: extra
			? sql.raw(`group by ${extra.slice(2)} order by ${extra.slice(2)}`)
			: sql``;

async function learnersByGroup(db: Db, q: RollupQuestion): Promise<Map<string, number>> {
	const rows = await db.query<{ g0?: string; learners: number }>(sql`
		select ${groupSelect(q, 'learner')} sum(learners)::int as learners
		from learner_rollup where ${q.learnerWhere} ${groupBy(q)}`);
	return new Map(rows.map((r) => [String(r.g0 ?? ''), Number(r.learners)]));
}

export type RollupCompletionRow = {
	groups: string[];
	completed: number;
	known: number;
	inProgress: number;
	learners: number;
};

export async function completionFromRollup(db: Db, q: RollupQuestion): Promise<RollupCompletionRow[]> {
	const [rows, learners] = await Promise.all([
		db.query<Record<string, string | number>>(sql`
			select ${groupSelect(q, 'outcome')}
				coalesce(sum(enrolments) filter (where status = 'completed'), 0)::int as completed,
				coalesce(sum(enrolments) filter (where status in ('completed', 'withdrawn', 'failed')), 0)::int as known,
				coalesce(sum(enrolments) filter (where status = 'in_progress'), 0)::int as in_progress
			from ${q.outcomeRows} ${groupBy(q)}`),
		learnersByGroup(db, q)
	]);
	return rows.map((r) => ({
		groups: q.group ? [String(r.g0)] : [],
		completed: Number(r.completed),
		known: Number(r.known),
		inProgress: Number(r.in_progress),
		learners: learners.get(String(r.g0 ?? '')) ?? 0
	}));
}

export type RollupDayCounts = { groups: string[]; rows: DayCounts[]; learners: number };

export async function dayCountsFromRollup(db: Db, q: RollupQuestion): Promise<RollupDayCounts[]> {
	const [rows, learners] = await Promise.all([
		db.query<Record<string, string | number>>(sql`
			select ${q.group ? sql`g0,` : sql``} day_since as day,
				sum(enrolments) filter (where status = 'completed')::int as completed,
				sum(enrolments) filter (where status = 'withdrawn')::int as withdrawn,
				sum(enrolments) filter (where status = 'failed')::int as failed,
				sum(enrolments) filter (where status = 'in_progress')::int as censored
			from (
				select ${groupSelect(q, 'enrolment')} status, enrolments,
					coalesce(day, greatest(current_date - started_on, 0)) as day_since
				from ${q.enrolmentRows}
			) r ${groupBy(q, ', day_since')}`),
		learnersByGroup(db, q)
	]);
	const out = new Map<string, RollupDayCounts>();
	for (const r of rows) {
		const key = q.group ? String(r.g0) : '';
		let group = out.get(key);
		if (!group)
			out.set(key, (group = { groups: q.group ? [key] : [], rows: [], learners: learners.get(key) ?? 0 }));
		group.rows.push({
			day: Number(r.day),
			completed: Number(r.completed ?? 0),
			withdrawn: Number(r.withdrawn ?? 0),
			failed: Number(r.failed ?? 0),
			censored: Number(r.censored ?? 0)
		});
	}
	return [...out.values()];
}

/** The headline counts (from either source). */
export type Overview = {
	learners: number;
	enrolments: number;
	awards: number;
	providers: number;
	credentials: number;
	/** Whether generated (demo/synthetic) records are part of these counts. */
	includesGenerated: boolean;
};

/**
 * The headline counts. Awards follow the base query's reading (awardConditions): the scope's
 * provider, the provider filter and the credential filter narrow them here; a cohort's awards
 * (those its enrolments earned) are counted from the base tables.
 */
export async function overviewFromRollup(
	db: Db,
	q: RollupQuestion,
	context: QueryContext & { verifiedOnly: boolean }
): Promise<Overview | null> {
	// Distinct providers and credentials: the learner rollup's rows per provider / per credential.
	const keysetWith = (key: string) =>
		['provider', 'credential', 'cohort'].filter((k) => k === key || q.keys.has(k)).join(',');
	const [byProvider, byCredential] = [keysetWith('provider'), keysetWith('credential')];
	if (!ROLLUP_KEYSETS.includes(byProvider) || !ROLLUP_KEYSETS.includes(byCredential)) return null;
	// The award sums know no cohort: a cohort's awards are counted from the base tables.
	if (context.filters?.cohort !== undefined) return null;
	const awardConditions: SQL[] = [origin(context.data ?? 'real')];
	if (context.scope.kind === 'provider') awardConditions.push(sql`provider_id = ${context.scope.providerId}`);
	if (context.filters?.providerId) awardConditions.push(sql`provider_id = ${context.filters.providerId}`);
	if (context.filters?.credentialId)
		awardConditions.push(sql`credential_id = ${context.filters.credentialId}`);
	if (context.verifiedOnly) awardConditions.push(sql`verification = 'verified'`);
	const [[enrolments], learners, [awards]] = await Promise.all([
		db.query<Record<string, number | boolean>>(sql`
			select coalesce(sum(enrolments), 0)::int as enrolments,
				(select count(distinct provider_id) from learner_rollup
					where ${q.where} and keyset = ${byProvider})::int as providers,
				(select count(distinct credential_id) from learner_rollup
					where ${q.where} and keyset = ${byCredential})::int as credentials,
				coalesce(bool_or(origin <> 'real'), false) as includes_generated
			from ${q.outcomeRows}`),

		learnersByGroup(db, q),
		db.query<{ awards: number }>(sql`
			select coalesce(sum(awards), 0)::int as awards from award_rollup
			where ${sql.join(awardConditions, sql` and `)}`)
	]);
	return {
		learners: learners.get('') ?? 0,
		enrolments: Number(enrolments.enrolments),
		awards: Number(awards.awards),
		providers: Number(enrolments.providers),
		credentials: Number(enrolments.credentials),
		includesGenerated: Boolean(enrolments.includes_generated)
	};
}
