// Export of every table as CSV (the templates' columns) or Arrow IPC (file format), read in
// key order one page at a time so memory stays flat; the files import back unchanged.
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { RecordBatchFileWriter } from 'apache-arrow';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { TABLE_ORDER, type ImportTable } from '../records.ts';
import { rowToFlat, TABLES } from '../tables.ts';
import { toCsv } from '../../../csv.ts';
import { arrowSchema, recordBatch } from './arrow-types.ts';

const PAGE = 20_000;

export type ExportFormat = 'csv' | 'arrow';

/** Rows of a table as domain-shaped objects (field names of tables.ts), page by page in key order. */
export async function* tableRows(db: Db, table: ImportTable): AsyncGenerator<Record<string, unknown>[]> {
	const spec = TABLES[table];
	const select = spec.columns.map((col) =>
		col.name === 'members'
			? sql`coalesce((select json_agg(m.credential_id order by m.credential_id) from requirement_members m where m.group_id = t.id), '[]'::json) as "members"`
			: sql.raw(`t."${col.name}"`)
	);
	const keyList = sql.raw(spec.key.map((k) => `t."${k}"`).join(', '));
	let after: unknown[] | undefined;
	for (;;) {
		const where: SQL = after
			? sql`where (${keyList}) > (${sql.join(
					after.map((v) => sql`${v}`),
					sql`, `
				)})`
			: sql``;
		const rows = await db.query<Record<string, unknown>>(
			sql`select ${sql.join(select, sql`, `)} from ${sql.raw(`"${table}"`)} t ${where} order by ${keyList} limit ${PAGE}`
		);
		if (rows.length === 0) return;
		yield rows.map((row) => {
			const out: Record<string, unknown> = {};
			for (const col of spec.columns) {
				const value = row[col.name];
				out[col.field] = col.type === 'real' && value !== null ? Number(value) : value;
			}
			return out;
		});
		const last = rows[rows.length - 1];
		after = spec.key.map((k) => last[k]);
		if (rows.length < PAGE) return;
	}
}

export type ExportedFile = { table: ImportTable; path: string; rows: number };

export async function exportTables(
	db: Db,
	{
		format,
		outDir,
		tables = [...TABLE_ORDER]
	}: { format: ExportFormat; outDir: string; tables?: ImportTable[] }
): Promise<ExportedFile[]> {
	await mkdir(outDir, { recursive: true });
	const written: ExportedFile[] = [];
	for (const table of tables) {
		const path = join(outDir, `${table}.${format === 'csv' ? 'csv' : 'arrow'}`);
		const rows = format === 'csv' ? await writeCsv(db, table, path) : await writeArrow(db, table, path);
		written.push({ table, path, rows });
	}
	return written;
}

async function writeCsv(db: Db, table: ImportTable, path: string): Promise<number> {
	const out = createWriteStream(path);
	const columns = TABLES[table].columns.map((col) => ({
		key: col.name,
		label: col.name,
		value: (row: Record<string, unknown>) => row[col.name] as string
	}));
	out.write(toCsv([], columns));
	let count = 0;
	for await (const page of tableRows(db, table)) {
		const flat = page.map((row) => rowToFlat(table, row));
		out.write(toCsv(flat, columns, { header: false }));
		count += page.length;
	}
	out.end();
	await finished(out);
	return count;
}

async function writeArrow(db: Db, table: ImportTable, path: string): Promise<number> {
	const schema = arrowSchema(table);
	const writer = new RecordBatchFileWriter();
	const out = createWriteStream(path);
	const stream = writer.toNodeStream();
	stream.pipe(out);
	writer.reset(undefined, schema);
	let count = 0;
	for await (const page of tableRows(db, table)) {
		writer.write(
			recordBatch(
				schema,
				table,
				page.map((row) => rowToFlat(table, row))
			)
		);
		count += page.length;
	}
	writer.finish();
	await finished(out);
	return count;
}
