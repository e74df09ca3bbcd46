// Each importable table's columns, derived from its drizzle table (db/schema.ts): SQL name, type,
// domain field, whether a file must give it (not null and no default) and what a blank cell
// becomes (the column's default). The loader writes with it, the CSV and Arrow formats read and
// write with it, so the schema alone says what a table holds.
import { getTableColumns } from 'drizzle-orm';
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type { ImportIssue, ImportRow, ImportTable } from './records.ts';
import { isIsoDate } from '../../domain/dates.ts';
import * as schema from '../db/schema.ts';

/** list: string[] (jsonb in the database, `|`-separated in CSV); json: any JSON value. */
export type ColumnType = 'text' | 'boolean' | 'real' | 'integer' | 'date' | 'list' | 'json';

export type ColumnSpec = {
	name: string;
	type: ColumnType;
	field: string;
	required?: boolean;
	/** What a blank cell stores (DESIGN.md: unknown is "not stated"); null when absent. */
	default?: unknown;
	/** Not a column of the table itself (requirement group members live in requirement_members). */
	virtual?: boolean;
};

export type TableSpec = { table: ImportTable; key: string[]; columns: ColumnSpec[] };

const IMPORTED: { [T in ImportTable]: PgTable } = {
	providers: schema.providers,
	credentials: schema.credentials,
	credential_skills: schema.credentialSkills,
	requirement_groups: schema.requirementGroups,
	prerequisites: schema.prerequisites,
	recognitions: schema.recognitions,
	learners: schema.learners,
	enrolments: schema.enrolments,
	awards: schema.awards
};

/** Columns the app fills itself: a file never gives them. */
const APP_WRITTEN = new Set<PgColumn>([
	schema.learners.pseudonym,
	schema.enrolments.importId,
	schema.awards.importId
]);
/** jsonb columns that hold a list of strings; any other jsonb column holds any JSON value. */
const LIST_COLUMNS = new Set<PgColumn>([schema.credentials.learningOutcomes, schema.credentials.unparsed]);
/** Fields a file gives that are rows of another table. */
const VIRTUAL: Partial<Record<ImportTable, ColumnSpec[]>> = {
	requirement_groups: [{ name: 'members', type: 'list', field: 'members', default: [], virtual: true }]
};

const COLUMN_TYPES: Record<string, ColumnType> = {
	PgText: 'text',
	PgBoolean: 'boolean',
	PgReal: 'real',
	PgInteger: 'integer',
	PgDateString: 'date'
};

function columnSpec(field: string, column: PgColumn): ColumnSpec {
	const type =
		column.columnType === 'PgJsonb'
			? LIST_COLUMNS.has(column)
				? 'list'
				: 'json'
			: COLUMN_TYPES[column.columnType];
	if (!type)
		throw new Error(`tables: ${column.name} is a ${column.columnType}, which no file format carries`);
	const fallback = column.defaultFn?.() ?? column.default;
	return {
		name: column.name,
		type,
		field,
		...(column.notNull && !column.hasDefault ? { required: true } : {}),
		...(fallback !== undefined ? { default: fallback } : {})
	};
}

function tableSpec(table: ImportTable): TableSpec {
	const drizzleTable = IMPORTED[table];
	const columns = Object.entries(getTableColumns(drizzleTable))
		.filter(([, column]) => !APP_WRITTEN.has(column))
		.map(([field, column]) => columnSpec(field, column));
	const composite = getTableConfig(drizzleTable).primaryKeys[0];
	const key = composite
		? composite.columns.map((c) => c.name)
		: columns.filter((c) => c.name === 'id').map((c) => c.name);
	return { table, key, columns: [...columns, ...(VIRTUAL[table] ?? [])] };
}

export const TABLES = Object.fromEntries(
	(Object.keys(IMPORTED) as ImportTable[]).map((table) => [table, tableSpec(table)])
) as { [T in ImportTable]: TableSpec };

export const LIST_SEPARATOR = '|';

const TRUE = new Set(['true', 't', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'f', 'no', 'n', '0']);

export type FlatProblem = { field: string; message: string };

/** A domain row from flat values keyed by column name (CSV cells, Arrow values). */
export function rowFromFlat(
	table: ImportTable,
	values: Record<string, unknown>
): { row: ImportRow['row'] } | { problems: FlatProblem[] } {
	const spec = TABLES[table];
	const row: Record<string, unknown> = {};
	const problems: FlatProblem[] = [];
	for (const column of spec.columns) {
		const raw = values[column.name];
		const blank = raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
		if (blank) {
			row[column.field] = column.default ?? null;
			continue;
		}
		const parsed = parseValue(column.type, raw);
		if (parsed.problem) problems.push({ field: column.name, message: parsed.problem });
		else row[column.field] = parsed.value;
	}
	if (problems.length > 0) return { problems };
	return { row: row as ImportRow['row'] };
}

function parseValue(type: ColumnType, raw: unknown): { value?: unknown; problem?: string } {
	if (typeof raw !== 'string') {
		// Arrow hands typed values; accept them when they already have the right type.
		if (type === 'boolean' && typeof raw === 'boolean') return { value: raw };
		if ((type === 'real' || type === 'integer') && (typeof raw === 'number' || typeof raw === 'bigint'))
			return parseValue(type, String(raw));
		if (type === 'json') return { value: raw };
		if (type === 'list' && Array.isArray(raw)) return { value: raw.map(String) };
		if (type === 'date' && raw instanceof Date) return { value: raw.toISOString().slice(0, 10) };
		raw = String(raw);
	}
	const text = (raw as string).trim();
	switch (type) {
		case 'text':
			return { value: text };
		case 'boolean':
			if (TRUE.has(text.toLowerCase())) return { value: true };
			if (FALSE.has(text.toLowerCase())) return { value: false };
			return { problem: `"${text}" is not true or false` };
		case 'real': {
			const n = Number(text.replace(',', '.'));
			return Number.isFinite(n) && /^[-+]?(\d+([.,]\d*)?|[.,]\d+)([eE][-+]?\d+)?$/.test(text)
				? { value: n }
				: { problem: `"${text}" is not a number` };
		}
		case 'integer':
			return /^[-+]?\d+$/.test(text)
				? { value: Number(text) }
				: { problem: `"${text}" is not a whole number` };
		case 'date':
			return isIsoDate(text) ? { value: text } : { problem: `"${text}" is not a date (YYYY-MM-DD)` };
		case 'list':
			return {
				value: text
					.split(LIST_SEPARATOR)
					.map((s) => s.trim())
					.filter(Boolean)
			};
		case 'json':
			try {
				return { value: JSON.parse(text) };
			} catch {
				return { problem: 'is not valid JSON' };
			}
	}
}

/** Flat values of a domain row, keyed by column name, for CSV and Arrow exports. */
export function rowToFlat(
	table: ImportTable,
	row: Record<string, unknown>
): Record<string, string | number | boolean | null> {
	const out: Record<string, string | number | boolean | null> = {};
	for (const column of TABLES[table].columns) {
		const value = row[column.field];
		if (value === null || value === undefined) out[column.name] = null;
		else if (column.type === 'list') out[column.name] = (value as string[]).join(LIST_SEPARATOR);
		else if (column.type === 'json') out[column.name] = JSON.stringify(value);
		else out[column.name] = value as string | number | boolean;
	}
	return out;
}

/** Which table a header describes: the one whose required columns are all present, most columns matched. */
/**
 * One issue per column that is not a field of `table` (after any renaming): such a file is refused
 * whole, as PostgreSQL's COPY refuses a column its table does not have, rather than stored with
 * the field the column meant left empty.
 */
export function unknownColumnIssues(
	{ table, columns }: { table: string; columns: readonly string[] },
	names: readonly string[],
	at: { file: string; line?: number }
): ImportIssue[] {
	return names
		.filter((name) => !columns.includes(name))
		.map((name) => ({
			...at,
			field: name,
			message: `column "${name}" is not a field of ${table} (its fields: ${columns.join(', ')}); rename it with --map column=field or leave it out`
		}));
}

export function tableForColumns(columns: string[]): ImportTable | undefined {
	const present = new Set(columns);
	let best: { table: ImportTable; score: number } | undefined;
	for (const spec of Object.values(TABLES)) {
		if (!spec.columns.filter((col) => col.required).every((col) => present.has(col.name))) continue;
		const matched = spec.columns.filter((col) => present.has(col.name)).length;
		const extra = columns.filter((name) => !spec.columns.some((col) => col.name === name)).length;
		const score = matched - extra;
		if (!best || score > best.score) best = { table: spec.table, score };
	}
	return best?.table;
}
