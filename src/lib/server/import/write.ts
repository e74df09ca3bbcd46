// Writes validated rows with one `INSERT … SELECT FROM unnest(…) ON CONFLICT DO UPDATE` per table
// and batch: 3× faster than row-wise inserts on both engines (TOOLCHAIN.md), and the same SQL on
// PostgreSQL and PGlite. Updates only touch rows whose values differ, so re-importing the same
// file changes nothing and says so.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Orm } from '../db/client.ts';
import { UNRESOLVED_BADGE, type ImportRow, type ImportTable } from './records.ts';
import { TABLES } from './tables.ts';

type RowOf<T extends ImportTable> = Extract<ImportRow, { table: T }>['row'];

type SqlType = 'text' | 'boolean' | 'real' | 'integer' | 'date' | 'jsonb';

/** The database columns of a table, from its one description in tables.ts. */
type WriteSpec = {
	name: string;
	key: string[];
	columns: { name: string; type: SqlType; value: (row: Record<string, unknown>) => unknown }[];
};

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/** Tables whose rows remember the import that first brought them (retention deletes by import). */
const WITH_IMPORT_ID = new Set<ImportTable>(['enrolments', 'awards']);

const WRITE_SPECS = Object.fromEntries(
	Object.values(TABLES).map((spec) => {
		const columns: WriteSpec['columns'] = spec.columns
			.filter((col) => !col.virtual)
			.map((col) => ({
				name: col.name,
				type: col.type === 'list' || col.type === 'json' ? 'jsonb' : col.type,
				value:
					col.type === 'list' || col.type === 'json'
						? (row: Record<string, unknown>) => json(row[col.field])
						: (row: Record<string, unknown>) => row[col.field]
			}));
		if (WITH_IMPORT_ID.has(spec.table))
			columns.push({ name: 'import_id', type: 'integer', value: () => null });
		// Not a column of any source: the loader computes it (pseudonyms.ts).
		if (spec.table === 'learners')
			columns.push({ name: 'pseudonym', type: 'text', value: (row) => row.pseudonym });
		return [spec.table, { name: spec.table, key: spec.key, columns }];
	})
) as Record<ImportTable, WriteSpec>;

/**
 * Columns an update leaves alone: which import first brought a row is history, not content; and a
 * learner's analytics consent is their choice, made in Stackwise, which a data feed must not undo.
 */
const KEEP_ON_UPDATE = new Set(['import_id', 'analytics_consent', 'pseudonym']);

export function rowKey(item: ImportRow): string {
	const spec = WRITE_SPECS[item.table];
	const row = item.row as Record<string, unknown>;
	return spec.key.map((k) => String(spec.columns.find((c) => c.name === k)!.value(row))).join('\u0001');
}

/**
 * Catalogue entries and learners are described by several sources (a CTDL catalogue and the
 * badges that cite it; several credentials of one person): a source that is silent on a value —
 * null, or "not stated" for a learner's group — keeps what another source said, so importing
 * files in any order, any number of times, ends in the same state. Enrolments and awards are
 * records of one source, which is authoritative for them.
 */
const MERGED_TABLES = new Set<ImportTable>([
	'providers',
	'credentials',
	'credential_skills',
	'requirement_groups',
	'learners'
]);

function mergedValue(table: ImportTable, column: string, incoming: string, current: string): string {
	if (!MERGED_TABLES.has(table)) return incoming;
	if (table === 'learners' && column !== 'origin' && column !== 'identity_hash')
		return `(case when ${incoming} = 'not stated' then ${current} else ${incoming} end)`;
	// A stub's "unresolved badge" note goes once the badge's own record (insert-only stubs never
	// update) arrives, even when that record has no unparsed text of its own.
	if (table === 'credentials' && column === 'unparsed')
		return `coalesce(${incoming}, case when ${current}::text like '%${UNRESOLVED_BADGE}%' then null else ${current} end)`;
	return `coalesce(${incoming}, ${current})`;
}

const stringify = (value: unknown) => (value === null || value === undefined ? null : String(value));

export type WriteCount = { inserted: number; updated: number };

/** Upserts rows of one table (already de-duplicated by key). */
export async function upsertRows<T extends ImportTable>(
	tx: Orm,
	table: T,
	rows: RowOf<T>[],
	importId: number | null,
	{ insertOnly = false }: { insertOnly?: boolean } = {}
): Promise<WriteCount> {
	if (rows.length === 0) return { inserted: 0, updated: 0 };
	const spec = WRITE_SPECS[table];
	const arrays: (string | null)[][] = spec.columns.map((column) =>
		rows.map((row) =>
			column.name === 'import_id'
				? stringify(importId)
				: stringify(column.value(row as Record<string, unknown>))
		)
	);
	const names = spec.columns.map((column) => column.name);
	const columnList = sql.raw(names.map((n) => `"${n}"`).join(', '));
	// Every array travels as text[] (one parameter each) and is cast per column in the SELECT.
	const unnestArgs = sql.join(
		arrays.map((values) => sql`${sql.param(values)}::text[]`),
		sql`, `
	);
	const aliases = sql.raw(names.map((_, i) => `c${i}`).join(', '));
	const selectList = sql.raw(spec.columns.map((column, i) => `c${i}::${column.type}`).join(', '));
	const updatable = names.filter((n) => !spec.key.includes(n) && !KEEP_ON_UPDATE.has(n));
	let conflict: SQL;
	if (updatable.length === 0 || insertOnly) {
		conflict = sql.raw(`on conflict (${spec.key.map((k) => `"${k}"`).join(', ')}) do nothing`);
	} else {
		const incomingOf = (n: string) => mergedValue(table, n, `excluded."${n}"`, `${spec.name}."${n}"`);
		const set = updatable.map((n) => `"${n}" = ${incomingOf(n)}`).join(', ');
		const current = updatable.map((n) => `${spec.name}."${n}"`).join(', ');
		const incoming = updatable.map(incomingOf).join(', ');
		conflict = sql.raw(
			`on conflict (${spec.key.map((k) => `"${k}"`).join(', ')}) do update set ${set} ` +
				`where (${current}) is distinct from (${incoming})`
		);
	}
	// On PostgreSQL the rows arrive by COPY: straight into the table when none of their keys is
	// there yet (a first import: nothing to merge, and no staging copy to pay for), otherwise into
	// a staging table to upsert from. PGlite takes them as arrays.
	const copy = postgresClient(tx);
	const copyRows = (target: string) => copyRecords(tx, target, recordsOf(arrays, rows.length));
	if (copy && rows.length >= COPY_THRESHOLD && !(await anyKeyExists(tx, spec, arrays))) {
		await copyRows(`"${spec.name}" (${names.map((n) => `"${n}"`).join(', ')})`);
		return { inserted: rows.length, updated: 0 };
	}
	let source: SQL;
	if (copy && rows.length >= COPY_THRESHOLD) {
		const stage = `stackwise_stage_${spec.name}`;
		await copy.unsafe(
			`create temp table if not exists ${stage} (${names.map((_, i) => `c${i} text`).join(', ')}) on commit drop`
		);
		await copy.unsafe(`truncate ${stage}`);
		await copyRows(stage);
		source = sql.raw(stage);
	} else source = sql`unnest(${unnestArgs})`;

	const query = sql`with written as (
			insert into ${sql.raw(`"${spec.name}"`)} (${columnList})
			select ${selectList} from ${source} as t(${aliases})
			${conflict}
			returning (xmax = 0) as inserted
		)
		select count(*) filter (where inserted)::int as inserted, count(*) filter (where not inserted)::int as updated
		from written`;
	const [result] = await rowsOf<WriteCount>(tx, query);
	return { inserted: Number(result.inserted), updated: Number(result.updated) };
}

/**
 * Whether any of the rows' keys is already in the table. (A concurrent import of the same new
 * keys then makes this one fail whole on the unique key, where an upsert would have waited.)
 */
async function anyKeyExists(tx: Orm, spec: WriteSpec, arrays: (string | null)[][]): Promise<boolean> {
	const keys = spec.key.map((name) => {
		const at = spec.columns.findIndex((c) => c.name === name);
		return { name, type: spec.columns[at].type, values: arrays[at] };
	});
	// One index probe per key (a nested loop over the unnested keys), never a scan of the table.
	// A join, not a correlated subquery: Citus runs none over a set-returning function.
	const found = await rowsOf(
		tx,
		sql`select 1 from unnest(${sql.join(
			keys.map((k) => sql`${sql.param(k.values)}::text[]`),
			sql`, `
		)}) as k(${sql.raw(keys.map((_, i) => `k${i}`).join(', '))})
			join ${sql.raw(`"${spec.name}"`)} t on ${sql.raw(
				keys.map((k, i) => `t."${k.name}" = k.k${i}::${k.type}`).join(' and ')
			)}
			limit 1`
	);
	return found.length > 0;
}

type CopyValue = string | number | null;

/**
 * Streams records into a table (`name (columns…)`) by `COPY` on PostgreSQL, taking them from the
 * iterable as it goes; false on PGlite, whose callers insert instead.
 */
export async function copyRecords(
	tx: Orm,
	target: string,
	records: Iterable<readonly CopyValue[]>
): Promise<boolean> {
	const copy = postgresClient(tx);
	if (!copy) return false;
	const writable = await copy.unsafe(`copy ${target} from stdin with (format csv)`).writable();
	await pipeline(Readable.from(csvLines(records)), writable);
	return true;
}

/** The rows of column arrays. */
function* recordsOf(columns: (string | null)[][], count: number): Generator<(string | null)[]> {
	for (let r = 0; r < count; r++) yield columns.map((c) => c[r]);
}

/** Below this many rows a COPY's extra round trips cost more than they save. */

const COPY_THRESHOLD = 500;

type PostgresCopyClient = {
	unsafe(query: string): Promise<unknown> & { writable(): Promise<NodeJS.WritableStream> };
};

/** The postgres.js connection behind a drizzle transaction, or null on PGlite. */
function postgresClient(tx: Orm): PostgresCopyClient | null {
	const client = (tx as unknown as { session?: { client?: unknown } }).session?.client as
		(PostgresCopyClient & { unsafe: unknown }) | undefined;
	// postgres.js queries have .writable(); PGlite's client has no unsafe() at all.
	return client && typeof client.unsafe === 'function' && !('query' in client) ? client : null;
}

/** Records as CSV lines, NULL as an unquoted empty field and '' as a quoted one. */
function* csvLines(records: Iterable<readonly CopyValue[]>): Generator<string> {
	const field = (v: CopyValue) =>
		v === null ? '' : typeof v === 'number' ? String(v) : `"${v.replaceAll('"', '""')}"`;
	let batch = '';
	for (const record of records) {
		batch += record.map(field).join(',') + '\n';
		if (batch.length > 1 << 16) {
			yield batch;
			batch = '';
		}
	}
	if (batch) yield batch;
}

/** Replaces the member lists of the given groups; counts rows that actually changed. */
export async function writeGroupMembers(
	tx: Orm,
	groups: { id: string; members: string[] }[]
): Promise<number> {
	if (groups.length === 0) return 0;
	const groupIds: string[] = [];
	const memberIds: string[] = [];
	for (const g of groups)
		for (const m of new Set(g.members)) {
			groupIds.push(g.id);
			memberIds.push(m);
		}
	const deleted = await rowsOf<{ group_id: string }>(
		tx,
		sql`delete from requirement_members m
			where m.group_id = any(${sql.param(groups.map((g) => g.id))}::text[])
			and not exists (select 1 from unnest(${sql.param(groupIds)}::text[], ${sql.param(memberIds)}::text[]) as t(g, c)
				where t.g = m.group_id and t.c = m.credential_id)
			returning m.group_id`
	);
	if (groupIds.length === 0) return deleted.length;
	const inserted = await rowsOf<{ group_id: string }>(
		tx,
		sql`insert into requirement_members (group_id, credential_id)
			select g, c from unnest(${sql.param(groupIds)}::text[], ${sql.param(memberIds)}::text[]) as t(g, c)
			on conflict do nothing returning group_id`
	);
	return deleted.length + inserted.length;
}
