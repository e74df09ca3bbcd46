// Building Arrow IPC from rows with an explicit type per column (never inferred): dates are
// Date32 (days), numbers Float64 or Int32, booleans Bool, everything else UTF-8. Table exports and
// the API's `?format=arrow` both go through here.
import {
	Bool,
	DateDay,
	Field,
	Float64,
	Int32,
	RecordBatch,
	Schema,
	Struct,
	Table,
	Utf8,
	makeData,
	tableToIPC,
	vectorFromArray,
	type DataType
} from 'apache-arrow';
import { isoToDayNumber } from '../domain/dates.ts';

export type ArrowColumnType = 'text' | 'real' | 'integer' | 'boolean' | 'date' | 'json' | 'list';

function arrowType(type: ArrowColumnType): DataType {
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

export type ArrowColumn = { name: string; type: ArrowColumnType; nullable?: boolean };

export function arrowSchemaOf(columns: ArrowColumn[], metadata: Record<string, string> = {}): Schema {
	return new Schema(
		columns.map((c) => new Field(c.name, arrowType(c.type), c.nullable ?? true)),
		new Map(Object.entries(metadata))
	);
}

/** One record batch; `values[c][r]` is column c of row r (dates as 'YYYY-MM-DD'). */
export function recordBatchOf(
	schema: Schema,
	columns: ArrowColumn[],
	values: unknown[][],
	length: number
): RecordBatch {
	const children = columns.map((col, i) => {
		const column = values[i].map((value) => {
			if (value === null || value === undefined) return null;
			// DateDay vectors take milliseconds since the epoch.
			if (col.type === 'date') return isoToDayNumber(String(value)) * 86_400_000;
			if (col.type === 'json' || col.type === 'list')
				return typeof value === 'string' ? value : JSON.stringify(value);
			return value;
		});
		return vectorFromArray(column as never[], schema.fields[i].type).data[0];
	});
	return new RecordBatch(
		schema,
		makeData({ type: new Struct(schema.fields), children, length, nullCount: 0 })
	);
}

/** A whole table as Arrow IPC (file format) bytes. */
export function arrowIpcOf<T>(
	columns: (ArrowColumn & { value: (row: T) => unknown })[],
	rows: T[],
	metadata: Record<string, string> = {}
): Uint8Array {
	const schema = arrowSchemaOf(columns, metadata);
	const values = columns.map((c) => rows.map((r) => c.value(r)));
	return tableToIPC(new Table([recordBatchOf(schema, columns, values, rows.length)]), 'file');
}
