// Citus (distributed PostgreSQL): which table goes where, making it so, and saying what is.
// The migrations create ordinary tables on the coordinator; `distribute` then turns the catalogue
// and settings into reference tables (a copy on every node) and the learner-scoped tables into
// tables sharded by learner and co-located, so one learner's rows share a shard. The rollups and
// the administrative tables stay on the coordinator. docs/scaling.md says why for each.
import { sql } from 'drizzle-orm';
import { rowsOf, type Orm } from './client.ts';

/** Copied to every node: small, read by every join, changed by catalogue imports. In FK order. */
export const REFERENCE_TABLES = [
	'providers',
	'credentials',
	'credential_skills',
	'requirement_groups',
	'requirement_members',
	'prerequisites',
	'recognitions',
	'app_settings'
] as const;

/** Sharded by learner, co-located with learners (one learner's rows on one shard). In FK order. */
export const LEARNER_TABLES = [
	{ table: 'learners', column: 'id' },
	{ table: 'enrolments', column: 'learner_id' },
	{ table: 'awards', column: 'learner_id' },
	{ table: 'award_conflicts', column: 'learner_id' }
] as const;

/** Sharded by pseudonym on its own: a page addressed by pseudonym asks one shard for the learner. */
export const PSEUDONYM_TABLE = { table: 'learner_pseudonyms', column: 'pseudonym' } as const;

/**
 * Left local on the coordinator: sums that name no learner, read by every dashboard question (a
 * refresh writes the few rows the workers' partial sums add up to).
 */
export const COORDINATOR_ROLLUPS = [
	'enrolment_rollup_fine',
	'enrolment_rollup',
	'learner_rollup',
	'award_rollup',
	'panel_rollup',
	'flow_cohort_rollup',
	'provider_award_rollup'
] as const;

export type TableKind = 'distributed' | 'reference' | 'citus local' | 'local';

export type TableStatus = {
	table: string;
	kind: TableKind;
	column: string | null;
	colocation: number | null;
};

/** Whether the database is a Citus coordinator (the extension is installed in it). */
export async function hasCitus(orm: Orm): Promise<boolean> {
	const [row] = await rowsOf<{ found: boolean }>(
		orm,
		sql`select exists (select 1 from pg_extension where extname = 'citus') as found`
	);
	return Boolean(row.found);
}

/** Every table of the schema (public), with what Citus made of it. */
export async function tableKinds(orm: Orm): Promise<TableStatus[]> {
	const citus = await hasCitus(orm);
	const rows = await rowsOf<{
		table: string;
		kind: string | null;
		column: string | null;
		colocation: number | null;
	}>(
		orm,
		citus
			? sql`select c.relname as table, t.citus_table_type as kind, t.distribution_column as column,
					t.colocation_id as colocation
				from pg_class c join pg_namespace n on n.oid = c.relnamespace
				left join citus_tables t on t.table_name = c.oid
				where n.nspname = 'public' and c.relkind in ('r', 'p') order by c.relname`
			: sql`select c.relname as table, null as kind, null as column, null::int as colocation
				from pg_class c join pg_namespace n on n.oid = c.relnamespace
				where n.nspname = 'public' and c.relkind in ('r', 'p') order by c.relname`
	);
	return rows.map((r) => ({
		table: r.table,
		kind:
			r.kind === 'distributed' || r.kind === 'reference'
				? r.kind
				: r.kind === 'local'
					? 'citus local'
					: 'local',
		column: r.kind === 'distributed' && r.column !== '<none>' ? r.column : null,
		colocation: r.kind === 'distributed' ? Number(r.colocation) : null
	}));
}

/** The nodes holding shards besides the coordinator. */
export async function workerCount(orm: Orm): Promise<number> {
	const [row] = await rowsOf<{ n: number }>(
		orm,
		sql`select count(*)::int as n from pg_dist_node where isactive and noderole = 'primary' and groupid <> 0`
	);
	return Number(row.n);
}

const DISTRIBUTE_LOCK = 7_310_503;

/**
 * Makes the reference and distributed tables, in one transaction (all or nothing). The foreign
 * keys between them allow no order: a learner table that refers to the catalogue cannot be
 * distributed while the catalogue is local, and once the catalogue is a reference table Citus
 * makes the learner tables that refer to it local tables of its own, which then cannot refer to a
 * distributed learners. So the learner tables' foreign keys are dropped, the tables made, and the
 * keys added again (then distributed → reference, and co-located by learner). Sequential mode:
 * Citus refuses DDL on a table after parallel work on it in the same transaction. Idempotent: a
 * table already made is left alone. Says what it did, one line a table.
 */
export async function distribute(orm: Orm, log: (line: string) => void = () => {}): Promise<string[]> {
	const done: string[] = [];
	const copied: string[] = [];
	await orm.transaction(async (tx) => {
		// One process at a time; what is made is read under the lock.
		await tx.execute(sql.raw(`select pg_advisory_xact_lock(${DISTRIBUTE_LOCK})`));
		const made = new Set(
			(
				await rowsOf<{ table: string }>(
					tx,
					sql`select logicalrelid::text as table from pg_dist_partition where partmethod = 'h' or repmodel = 't'`
				)
			).map((r) => r.table)
		);
		const references = REFERENCE_TABLES.filter((t) => !made.has(t));
		const sharded = [...LEARNER_TABLES, PSEUDONYM_TABLE].filter(({ table }) => !made.has(table));
		if (references.length + sharded.length === 0) return;
		await tx.execute(sql`set local citus.multi_shard_modify_mode to 'sequential'`);
		const learnerTables: string[] = LEARNER_TABLES.map(({ table }) => table);
		const keys = await rowsOf<{ table: string; name: string; definition: string }>(
			tx,
			sql`select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as definition
				from pg_constraint where contype = 'f' and conrelid::regclass::text = any(${sql.param(learnerTables)}::text[])`
		);
		const sharding = sharded.some(({ table }) => learnerTables.includes(table));
		if (sharding)
			for (const key of keys)
				await tx.execute(sql.raw(`alter table "${key.table}" drop constraint "${key.name}"`));
		const hasRows = async (table: string) =>
			(await rowsOf(tx, sql.raw(`select 1 from "${table}" limit 1`))).length > 0;
		for (const table of references) {
			if (await hasRows(table)) copied.push(table);
			await tx.execute(sql`select create_reference_table(${table})`);
			done.push(`${table}: reference table (a copy on every node)`);
		}
		for (const { table, column } of sharded) {
			if (await hasRows(table)) copied.push(table);
			const colocated = learnerTables.includes(table) && table !== 'learners';
			await tx.execute(
				sql`select create_distributed_table(${table}, ${column}, colocate_with => ${colocated ? 'learners' : 'none'})`
			);
			done.push(`${table}: distributed by ${column}${colocated ? ', co-located with learners' : ''}`);
		}
		if (sharding)
			for (const key of keys)
				await tx.execute(
					sql.raw(`alter table "${key.table}" add constraint "${key.name}" ${key.definition}`)
				);
	});
	// Rows a table held before are copied to its shards, and stay in the coordinator's table too.
	for (const table of copied)
		await orm.execute(sql`select truncate_local_data_after_distributing_table(${table}::regclass)`);
	for (const line of done) log(line);
	return done;
}
