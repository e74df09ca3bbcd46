// Rollups: the counts dashboards ask for, kept in enrolment_rollup_fine,
// enrolment_rollup and learner_rollup (see schema.ts) so a dashboard reads summed rows instead of
// scanning and joining every enrolment.
// They are a cache of the base tables: every write that changes what an aggregate counts — an
// import, a consent change, retention — refreshes the credentials it touched, in its own
// transaction, so a reader never sees the rollups disagree with the rows. The exception is an
// import that counts every learner again: it commits its rows, then counts (markRollupsPending),
// and readers see the sums of the data before it, under the data version before it, until then.
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Orm } from './db/client.ts';
import { GROUP_DIMENSIONS } from '../domain/types.ts';
import { LearnerChanges } from './panel-rollups.ts';
import { hasCitus } from './db/citus.ts';

/**
 * What changed: some credentials' enrolments and awards and some learners (whose counts the
 * change took out of the panel sums before it wrote), or everything (first start, retention).
 */
export type Touched = { credentials: Iterable<string>; learners: LearnerChanges } | 'all';

/** Above this many touched credentials a refresh recomputes everything (one scan beats many probes). */
const PARTIAL_LIMIT = 2000;

/**
 * Sums per group dimension, as rows (dimension, value): one grouping set for 'all' and one per
 * dimension, so each row is read once and summed into seven small hash tables. (An unpivot would
 * first make seven rows of each: 66M at 10M enrolments, minutes of work.) The dimension and value
 * of a grouping-sets row are the one group column it is grouped by, else 'all'.
 */
const GROUPING_DIMENSION = sql.raw(
	`case ${GROUP_DIMENSIONS.map((d) => `when grouping(${d}) = 0 then '${d}'`).join(' ')} else 'all' end`
);
const GROUPING_VALUE = sql.raw(
	`case ${GROUP_DIMENSIONS.map((d) => `when grouping(${d}) = 0 then ${d}`).join(' ')} else 'all' end`
);
const byDimension = (keys: SQL) =>
	sql`grouping sets ((${keys}), ${sql.join(
		GROUP_DIMENSIONS.map((d) => sql`(${keys}, ${sql.raw(d)})`),
		sql`, `
	)})`;

const GROUPS = sql.raw(GROUP_DIMENSIONS.map((d) => `l.${d}`).join(', '));
const GROUP_NAMES = sql.raw(GROUP_DIMENSIONS.join(', '));

const PROVIDER = sql`coalesce(e.provider_id, c.provider_id)`;

/** Key sets of learner_rollup that do not name a credential, so any change may move them. */
const GLOBAL_KEYSETS: { keyset: string; keys: SQL[] }[] = [
	{ keyset: '', keys: [] },
	{ keyset: 'provider', keys: [PROVIDER] },
	{ keyset: 'cohort', keys: [sql`e.cohort`] }
];
const CREDENTIAL_KEYSETS: { keyset: string; keys: SQL[] }[] = [
	{ keyset: 'credential', keys: [sql`e.credential_id`] },
	{ keyset: 'provider,credential', keys: [PROVIDER, sql`e.credential_id`] }
];
export const ROLLUP_KEYSETS = [...GLOBAL_KEYSETS, ...CREDENTIAL_KEYSETS].map((k) => k.keyset);

const BASE = sql`enrolments e join learners l on l.id = e.learner_id join credentials c on c.id = e.credential_id`;

/**
 * The version of the data the dashboards count: bumped by every refresh, so by every import,
 * consent change and retention run, and seen by other processes once that transaction commits.
 * With today's date, because time to credential counts the wait of enrolments in progress to today.
 */
export async function dataVersion(orm: Orm): Promise<string> {
	const [row] = await rowsOf<{ version: string }>(
		orm,
		sql`select coalesce((select value from app_settings where key = ${VERSION_KEY}), '0')
			|| '@' || current_date::text as version`
	);
	return row.version;
}
const VERSION_KEY = 'data_version';

/**
 * One refresh at a time. An import that leaves its recount for after its commit takes it too, to
 * mark the sums pending (markRollupsPending), so a refresh running then never sees only some of
 * that import's rows: they commit after it. (Re-entrant within a transaction; released at its end.)
 */
async function lockRollups(tx: Orm): Promise<void> {
	await tx.execute(sql.raw(`select pg_advisory_xact_lock(${ROLLUP_LOCK})`));
}

/**
 * Held by an import's count after its commit (countPendingRollups) for as long as it runs, so a
 * start can tell that count — minutes at national scale — from a short refresh it can wait for.
 */
export const COUNTING_LOCK = 7_310_502;

/** Whether an import's count is running (in any process), without waiting for it. */
async function countRunning(tx: Orm): Promise<boolean> {
	const [row] = await rowsOf<{ locked: boolean }>(
		tx,
		sql.raw(`select pg_try_advisory_xact_lock(${COUNTING_LOCK}) as locked`)
	);
	return !row.locked;
}
const ROLLUP_LOCK = 7_310_501;

/** Refreshes the rollups for what changed; call inside the transaction that changed it. */
export async function refreshRollups(tx: Orm, touched: Touched): Promise<void> {
	await lockRollups(tx);
	await tx.execute(sql`insert into app_settings (key, value) values (${VERSION_KEY}, '1')
		on conflict (key) do update set value = (app_settings.value::bigint + 1)::text`);
	// The aggregations below hash hundreds of thousands of keys at national scale: room to do it
	// in memory rather than in sorted runs on disk (for this transaction only). A count of
	// everything gets more: it sums millions of cells (the panel sums' 1.9M at 10M enrolments,
	// from tens of millions of flushed rows: 654 s in sorted runs with 128 MB), and refreshes run
	// one at a time (the lock above), so one process holds it. 1 GB for a hash too (the
	// multiplier would double it), so no step of the count asks for more.
	await tx.execute(sql.raw(`set local work_mem = '${touched === 'all' ? '1GB' : '128MB'}'`));
	if (touched === 'all') await tx.execute(sql`set local hash_mem_multiplier = 1`);
	const learners = touched === 'all' ? new LearnerChanges(tx) : touched.learners;
	if (touched === 'all') learners.everything();
	await learners.after();
	let credentials: string[] | null = null;
	if (touched !== 'all') {
		credentials = [...new Set(touched.credentials)];
		if (credentials.length > PARTIAL_LIMIT) credentials = null;
	}
	if (credentials?.length === 0) return;
	const only = credentials ? sql`e.credential_id = any(${sql.param(credentials)}::text[])` : sql`true`;
	const onlyRollup = credentials ? sql`credential_id = any(${sql.param(credentials)}::text[])` : sql`true`;
	await refreshEnrolmentRollups(tx, { only, onlyRollup, partial: credentials !== null });
	await tx.execute(sql`delete from award_rollup where ${onlyRollup}`);
	await tx.execute(sql`insert into award_rollup (origin, provider_id, credential_id, verification, awards)
		select l.origin, coalesce(a.provider_id, c.provider_id), a.credential_id, a.verification, count(*)::int
		from awards a join learners l on l.id = a.learner_id join credentials c on c.id = a.credential_id
		where l.analytics_consent and ${credentials ? sql`a.credential_id = any(${sql.param(credentials)}::text[])` : sql`true`}
		group by 1, 2, 3, 4`);
	await countProviderAwards(tx);
	await refreshLearnerRollup(tx, { only, onlyRollup });
}

/**
 * The fine rows of the credentials asked for (all: `partial` false), counted again; the coarse
 * sums lose the old fine rows' counts and gain the new ones', so they never need a scan of
 * everything.
 */
async function refreshEnrolmentRollups(
	tx: Orm,
	{ only, onlyRollup, partial }: { only: SQL; onlyRollup: SQL; partial: boolean }
): Promise<void> {
	if (partial) await addFineToCoarse(tx, onlyRollup, -1);
	else await tx.execute(sql`delete from enrolment_rollup`);
	await tx.execute(sql`delete from enrolment_rollup_fine where ${onlyRollup}`);
	await tx.execute(sql`insert into enrolment_rollup_fine
		(origin, provider_id, credential_id, cohort, status, day, started_on, ${GROUP_NAMES}, enrolments)
		select l.origin, ${PROVIDER}, e.credential_id, e.cohort, e.status,
			case when e.status = 'in_progress' then null else greatest(e.ended_on - e.started_on, 0) end,
			case when e.status = 'in_progress' then e.started_on end,
			${GROUPS}, count(*)::int
		from ${BASE}
		where l.analytics_consent and ${only}
		group by 1, 2, 3, 4, 5, 6, 7, ${GROUPS}`);
	await addFineToCoarse(tx, onlyRollup, 1, { fresh: !partial });
	if (partial) await tx.execute(sql`delete from enrolment_rollup where enrolments = 0`);
}

/**
 * Learners per key and group (learner_rollup): the credentials' keys for the credentials asked
 * for, and the keys that name no credential — which can change with any credential — whole.
 */
async function refreshLearnerRollup(tx: Orm, { only, onlyRollup }: { only: SQL; onlyRollup: SQL }) {
	const citus = await hasCitus(tx);
	const credentialKeysets = sql.param(CREDENTIAL_KEYSETS.map((k) => k.keyset));
	await tx.execute(
		sql`delete from learner_rollup where keyset = any(${credentialKeysets}::text[]) and ${onlyRollup}`
	);
	// Keys that name no credential can change with any credential: counted again whole, from the
	// distinct (learner, key) pairs so the unpivot multiplies learners, not enrolments.
	await tx.execute(sql`delete from learner_rollup where not (keyset = any(${credentialKeysets}::text[]))`);
	for (const { keyset, keys } of [...CREDENTIAL_KEYSETS, ...GLOBAL_KEYSETS]) {
		const scoped = CREDENTIAL_KEYSETS.some((k) => k.keyset === keyset) ? only : sql`true`;
		const column = (name: string) => {
			const at = keyset.split(',').indexOf(name);
			return at >= 0 ? sql.raw(`p.k${at}`) : sql`null`;
		};
		const pairs = sql.join(
			[sql`e.learner_id`, ...keys.map((k, i) => sql`${k} as ${sql.raw(`k${i}`)}`)],
			sql`, `
		);
		const keyNames = keys.map((_, i) => `k${i}`);
		const keyColumns = sql.raw(['origin', ...keyNames].join(', '));
		const pairsOf = sql`(select distinct ${pairs} from ${BASE} where l.analytics_consent and ${scoped}) p
			join learners l on l.id = p.learner_id`;
		const target = sql`insert into learner_rollup
			(origin, keyset, provider_id, credential_id, cohort, dimension, value, learners)`;
		const keysOut = sql`${keyset}, ${column('provider')}, ${column('credential')}, ${column('cohort')}`;
		if (citus)
			// Citus runs no GROUPING SETS over a distributed table: learners per key and whole profile
			// (the six groups) first, on the workers shard by shard (the distinct pairs contain
			// learner_id, and learners join co-located) — a learner has one profile, so these add up
			// to the per-group counts — and the grouping sets over the counted rows where they land.
			// (On PostgreSQL the extra step cost 72 s against 58 s at 1M enrolments, so it is Citus'.)
			await tx.execute(sql`${target}
				with counted as materialized (
					select l.origin, ${sql.raw(keyNames.map((k) => `p.${k}, `).join(''))}${GROUPS}, count(*)::int as learners
					from ${pairsOf}
					group by l.origin, ${sql.raw(keyNames.map((k) => `p.${k}, `).join(''))}${GROUPS}
				)
				select origin, ${keysOut}, ${GROUPING_DIMENSION}, ${GROUPING_VALUE}, sum(learners)::int
				from counted p group by ${byDimension(keyColumns)}`);
		else
			await tx.execute(sql`${target}
				select origin, ${keysOut}, ${GROUPING_DIMENSION}, ${GROUPING_VALUE}, count(*)::int
				from (select l.origin, ${sql.raw(keyNames.map((k) => `p.${k}, `).join(''))}${GROUPS} from ${pairsOf}) p
				group by ${byDimension(keyColumns)}`);
	}
}

/**
 * Each provider's awards, verified awards and learners awarded (provider_award_rollup), counted
 * whole: a learner counted once per provider cannot be summed from the credentials' counts. Per
 * learner first, so on Citus each shard counts its own learners (grouped by the distribution
 * column) and the coordinator only adds them up.
 */
async function countProviderAwards(tx: Orm): Promise<void> {
	await tx.execute(sql`delete from provider_award_rollup`);
	await tx.execute(sql`insert into provider_award_rollup (origin, provider_id, awards, verified, learners)
		select origin, provider_id, sum(awards)::int, sum(verified)::int, count(*)::int
		from (
			select a.learner_id, l.origin, coalesce(a.provider_id, c.provider_id) as provider_id, count(*) as awards,
				count(*) filter (where a.verification = 'verified') as verified
			from awards a join learners l on l.id = a.learner_id join credentials c on c.id = a.credential_id
			where l.analytics_consent
			group by a.learner_id, l.origin, coalesce(a.provider_id, c.provider_id)
		) per_learner
		where provider_id is not null
		group by origin, provider_id`);
}

/** The credentials a set of learners is enrolled in (for refreshing after a learner changes). */
export async function credentialsOfLearners(tx: Orm, learnerIds: string[]): Promise<string[]> {
	if (learnerIds.length === 0) return [];
	const rows = await rowsOf<{ credential_id: string }>(
		tx,
		sql`select credential_id from enrolments where learner_id = any(${sql.param(learnerIds)}::text[])
			union select credential_id from awards where learner_id = any(${sql.param(learnerIds)}::text[])`
	);
	return rows.map((r) => r.credential_id);
}

const STATE_KEY = 'rollups';
// Bump when the rollup tables' meaning changes: the next start recomputes them.
const STATE_VERSION = '11';
/** Set while an import's rows are committed and its count is not (markRollupsPending). */
const PENDING_KEY = 'rollups_pending';

/** What the rollups need on start: nothing, counting for a new meaning, or a recount left pending. */
async function rollupsNeed(orm: Orm): Promise<'nothing' | 'meaning' | 'pending'> {
	const [row] = await rowsOf<{ state: string | null; pending: string | null }>(
		orm,
		sql`select (select value from app_settings where key = ${STATE_KEY}) as state,
			(select value from app_settings where key = ${PENDING_KEY}) as pending`
	);
	return row.state !== STATE_VERSION ? 'meaning' : row.pending !== null ? 'pending' : 'nothing';
}

/**
 * On start: fill the rollups for a database that has rows but no rollups yet (or rollups of an
 * older meaning), and finish a recount an import committed its rows for but did not finish.
 */
export async function ensureRollups(orm: Orm): Promise<void> {
	const need = await rollupsNeed(orm);
	if (need === 'nothing') return;
	await orm.transaction(async (tx) => {
		// An import's count that is running (in another process) clears the mark itself: leave it to
		// finish rather than wait for it — minutes, for a national file.
		if (need === 'pending' && (await countRunning(tx))) return;
		await lockRollups(tx);
		// Another process may have counted them while this one waited for the lock.
		if ((await rollupsNeed(tx)) === 'nothing') return;
		await refreshRollups(tx, 'all');
		await tx.execute(sql`insert into app_settings (key, value) values (${STATE_KEY}, ${STATE_VERSION})
			on conflict (key) do update set value = excluded.value`);
		await tx.execute(sql`delete from app_settings where key = ${PENDING_KEY}`);
	});
}

/**
 * In an import's transaction, instead of refreshing: the rollups are to be counted after the rows
 * commit (countPendingRollups). For an import that recounts every learner's panel sums anyway —
 * a national file, a catalogue change — that recount is most of the import (1,517 of 2,283 s at
 * 10M enrolments), and a failure in it need not undo the rows. Until it commits, readers see the
 * sums as they were before the import, with the data version unchanged; a process that stops in
 * between leaves the mark, and the next start counts everything.
 */
export async function markRollupsPending(tx: Orm): Promise<void> {
	await lockRollups(tx);
	await tx.execute(sql`insert into app_settings (key, value) values (${PENDING_KEY}, 'import')
		on conflict (key) do nothing`);
}

/**
 * The count an import marked pending, in a transaction of its own: everything, as a start would.
 * (Only its own credentials would do for the rollups other than the panel sums, which it counts
 * whole anyway — but another import's failed count may have left the mark, and under one mark
 * their credentials are not known.) Under the lock every import that marked has committed, so
 * the count covers them all and clears the mark.
 */
export async function countPendingRollups(orm: Orm): Promise<void> {
	await orm.transaction(async (tx) => {
		await tx.execute(sql.raw(`select pg_advisory_xact_lock(${COUNTING_LOCK})`));
		await refreshRollups(tx, 'all');
		await tx.execute(sql`insert into app_settings (key, value) values (${STATE_KEY}, ${STATE_VERSION})
			on conflict (key) do update set value = excluded.value`);
		await tx.execute(sql`delete from app_settings where key = ${PENDING_KEY}`);
	});
}

/**
 * Whether the rollups are behind the rows: an import's recount is running or did not finish, or
 * the count of a new meaning failed on start.
 */
export async function rollupsPending(orm: Orm): Promise<boolean> {
	return (await rollupsNeed(orm)) !== 'nothing';
}

/**
 * The coarse key sets of enrolment_rollup and the columns each keeps: the whole system and each
 * provider with their days (for time to credential); 'outcome' — every fine key but the days,
 * for all learners only — for completion counts by cohort, or by credential for one provider,
 * which need outcomes, not timings (per group it would be nearly as large as the fine rows); and
 * 'credential', the outcomes per credential alone (one row per credential and outcome, where
 * 'outcome' has one per provider and cohort too), for the system's completion by credential;
 * 'cohort', the days per cohort for all learners, for time to credential by cohort (the
 * dashboard's trend), which would otherwise sum the fine rows.
 */
const COARSE_KEYSETS: {
	keyset: string;
	keep: Record<'provider' | 'credential' | 'cohort' | 'days' | 'groups', boolean>;
}[] = [
	{ keyset: '', keep: { provider: false, credential: false, cohort: false, days: true, groups: true } },
	{
		keyset: 'provider',
		keep: { provider: true, credential: false, cohort: false, days: true, groups: true }
	},
	{ keyset: 'outcome', keep: { provider: true, credential: true, cohort: true, days: false, groups: false } },
	{
		keyset: 'credential',
		keep: { provider: false, credential: true, cohort: false, days: false, groups: false }
	},
	{ keyset: 'cohort', keep: { provider: false, credential: false, cohort: true, days: true, groups: false } }
];

/**
 * Adds (sign 1) or subtracts (sign −1) the fine rows of some credentials to the coarse sums;
 * `fresh` when the coarse rows were all just deleted, so there is nothing to meet.
 */
async function addFineToCoarse(
	tx: Orm,
	onlyRollup: SQL,
	sign: 1 | -1,
	{ fresh = false }: { fresh?: boolean } = {}
): Promise<void> {
	for (const { keyset, keep } of COARSE_KEYSETS) {
		const provider = keep.provider ? sql`provider_id` : sql`null::text`;
		const credential = keep.credential ? sql`credential_id` : sql`null::text`;
		const cohort = keep.cohort ? sql`cohort` : sql`null::text`;
		const [day, startedOn] = keep.days ? [sql`day`, sql`started_on`] : [sql`null::int`, sql`null::date`];
		const keys = sql.join(
			[
				sql`origin`,
				...(keep.provider ? [provider] : []),
				...(keep.credential ? [credential] : []),
				...(keep.cohort ? [cohort] : []),
				sql`status`,
				...(keep.days ? [day, startedOn] : [])
			],
			sql`, `
		);
		const [dimension, value, groupBy] = keep.groups
			? [GROUPING_DIMENSION, GROUPING_VALUE, byDimension(keys)]
			: [sql`'all'::text`, sql`'all'::text`, keys];
		const merge = fresh
			? sql``
			: sql`on conflict (keyset, dimension, provider_id, credential_id, cohort, origin, value, status, day, started_on)
			do update set enrolments = enrolment_rollup.enrolments + excluded.enrolments`;
		await tx.execute(sql`insert into enrolment_rollup
			(keyset, origin, provider_id, credential_id, cohort, dimension, value, status, day, started_on, enrolments)

			select ${keyset}, origin, ${provider}, ${credential}, ${cohort}, ${dimension}, ${value}, status, ${day}, ${startedOn},
				${sign}::int * sum(enrolments)::int
			from enrolment_rollup_fine where ${onlyRollup}
			group by ${groupBy}
			${merge}`);
	}
}
