// Arrow schemas of Stackwise's tables (tables.ts says each column's type once), with the table
// named in the schema metadata so an exported file imports back into the right table.
import type { RecordBatch, Schema } from 'apache-arrow';
import { arrowSchemaOf, recordBatchOf, type ArrowColumn } from '../../arrow.ts';
import type { ImportTable } from '../records.ts';
import { TABLES } from '../tables.ts';

export const TABLE_METADATA_KEY = 'stackwise.table';

const columnsOf = (table: ImportTable): ArrowColumn[] =>
	TABLES[table].columns.map((col) => ({ name: col.name, type: col.type, nullable: !col.required }));

export function arrowSchema(table: ImportTable): Schema {
	return arrowSchemaOf(columnsOf(table), { [TABLE_METADATA_KEY]: table });
}

/** One record batch from flat rows (values as rowToFlat gives them). */
export function recordBatch(
	schema: Schema,
	table: ImportTable,
	rows: Record<string, string | number | boolean | null>[]
): RecordBatch {
	const columns = columnsOf(table);
	return recordBatchOf(
		schema,
		columns,
		columns.map((c) => rows.map((r) => r[c.name])),
		rows.length
	);
}
