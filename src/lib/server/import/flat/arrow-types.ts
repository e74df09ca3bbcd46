// The explicit mapping between Stackwise's column types and Arrow types (never inferred): dates
// are Arrow Date32 (days), numbers Float64 / Int32, booleans Bool, everything else UTF-8.
import {
	Bool,
	DataType,
	DateDay,
	Field,
	Float64,
	Int32,
	Schema,
	Utf8,
	makeData,
	RecordBatch,
	Struct,
	vectorFromArray
} from 'apache-arrow';
import { isoToDayNumber } from '../../../domain/dates.ts';
import type { ImportTable } from '../records.ts';
import { TABLES, type ColumnType } from '../tables.ts';

export const TABLE_METADATA_KEY = 'stackwise.table';

function arrowType(type: ColumnType): DataType {
	switch (type) {
		case 'boolean':
			return new Bool();
		case 'real':
			return new Float64();
		case 'integer':
			return new Int32();
		case 'date':
			return new DateDay();
		default:
			return new Utf8();
	}
}

export function arrowSchema(table: ImportTable): Schema {
	return new Schema(
		TABLES[table].columns.map((col) => new Field(col.name, arrowType(col.type), !col.required)),
		new Map([[TABLE_METADATA_KEY, table]])
	);
}

/** One record batch from flat rows (values as rowToFlat gives them). */
export function recordBatch(
	schema: Schema,
	table: ImportTable,
	rows: Record<string, string | number | boolean | null>[]
): RecordBatch {
	const children = TABLES[table].columns.map((col, i) => {
		const values = rows.map((row) => {
			const value = row[col.name];
			if (value === null || value === undefined) return null;
			// DateDay vectors take milliseconds since the epoch.
			if (col.type === 'date') return isoToDayNumber(String(value)) * 86_400_000;
			return value;
		});
		return vectorFromArray(values as never[], schema.fields[i].type).data[0];
	});
	const data = makeData({ type: new Struct(schema.fields), children, length: rows.length, nullCount: 0 });
	return new RecordBatch(schema, data);
}
