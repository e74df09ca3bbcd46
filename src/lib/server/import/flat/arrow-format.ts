// Apache Arrow IPC, file and stream formats: the bulk exchange format. Record batches stream
// through, so memory stays flat however large the file. The table comes from the schema's
// `stackwise.table` metadata (our exports) or, failing that, from the column names.
import { RecordBatchReader, Type, type Field } from 'apache-arrow';
import { dayNumberToIso } from '../../../domain/dates.ts';
import type { ImportJob } from '../loader.ts';
import { stackingCycleIssues } from '../stacking-check.ts';
import { ImportRefusal, TABLE_ORDER, type ImportTable, type ParsedUnit } from '../records.ts';
import type { SourceFile } from '../source.ts';
import { rowFromFlat, tableForColumns, TABLES, unknownColumnIssues } from '../tables.ts';
import { TABLE_METADATA_KEY } from './arrow-types.ts';
import { FIELD_LIMIT_CHARS, tooLong } from '../limits.ts';

const FILE_MAGIC = 'ARROW1';

/** True when the file starts like Arrow IPC (file magic, or a stream's first message). */
export async function isArrow(file: SourceFile): Promise<boolean> {
	for await (const chunk of file.bytes()) {
		const head = Buffer.from(chunk.subarray(0, 8));
		if (head.subarray(0, 6).toString('latin1') === FILE_MAGIC) return true;
		// Stream format: a 0xFFFFFFFF continuation marker before the schema message.
		return /\.(arrow|arrows|ipc|feather)$/i.test(file.name) && head.readUInt32LE(0) === 0xffffffff;
	}
	return false;
}

function tableOf(file: SourceFile, fields: Field[], metadata: Map<string, string>): ImportTable {
	const named = metadata.get(TABLE_METADATA_KEY);
	if (named && (TABLE_ORDER as readonly string[]).includes(named)) return named as ImportTable;
	const guessed = tableForColumns(fields.map((f) => f.name));
	if (!guessed)
		throw new ImportRefusal([
			{
				file: file.path,
				message: `its columns (${fields.map((f) => f.name).join(', ')}) match no Stackwise table`
			}
		]);
	return guessed;
}

/** Arrow values to the flat values tables.ts parses: dates as ISO strings, the rest as they are. */
function converters(fields: Field[]): ((value: unknown) => unknown)[] {
	return fields.map((field) => {
		if (field.typeId === Type.Date || field.type.typeId === Type.Date)
			return (value) =>
				value === null || value === undefined ? null : dayNumberToIso(Math.floor(Number(value) / 86_400_000));
		if (field.type.typeId === Type.Timestamp)
			return (value) =>
				value === null || value === undefined ? null : new Date(Number(value)).toISOString().slice(0, 10);
		return (value) => (typeof value === 'bigint' ? Number(value) : value);
	});
}

/** The table an Arrow file holds, from its schema, or undefined when it names none we know. */
export async function arrowTable(file: SourceFile): Promise<ImportTable | undefined> {
	try {
		const reader = await RecordBatchReader.from(file.bytes() as AsyncIterable<Uint8Array>);
		await reader.open();
		const table = tableOf(file, reader.schema.fields, reader.schema.metadata);
		await reader.cancel();
		return table;
	} catch {
		return undefined;
	}
}

export function arrowJob(files: { file: SourceFile; table?: ImportTable }[]): ImportJob {
	// Parents before children, so references resolve within one import; unknown tables last (refused).
	const rank = (t?: ImportTable) => (t ? TABLE_ORDER.indexOf(t) : TABLE_ORDER.length);
	const ordered = [...files].sort((a, b) => rank(a.table) - rank(b.table));
	return {
		format: 'arrow',
		files: ordered.map((f) => f.file),
		strict: false,
		// Stacking rules (groups, prerequisites) may arrive here too: no cycles.
		afterLoad: (tx) => stackingCycleIssues(tx, ordered[0]?.file.path ?? 'arrow'),
		async *parse(onBytes) {
			for (const { file } of ordered) yield* parseArrow(file, onBytes);
		}
	};
}

async function* parseArrow(file: SourceFile, onBytes: (bytes: number) => void): AsyncGenerator<ParsedUnit> {
	let reader: RecordBatchReader;
	try {
		reader = await RecordBatchReader.from(file.bytes(onBytes) as AsyncIterable<Uint8Array>);
		await reader.open();
	} catch (error) {
		throw new ImportRefusal([
			{ file: file.path, message: `is not readable Arrow IPC: ${(error as Error).message}` }
		]);
	}
	const fields = reader.schema.fields;
	const table = tableOf(file, fields, reader.schema.metadata);
	const mismatch = unknownColumnIssues(
		{ table, columns: TABLES[table].columns.map((c) => c.name) },
		fields.map((f) => f.name),
		{ file: file.path }
	);
	if (mismatch.length > 0) throw new ImportRefusal(mismatch);
	const convert = converters(fields);
	let row = 0;
	try {
		for await (const batch of reader) {
			const columns = fields.map((_, i) => batch.getChildAt(i)!);
			for (let r = 0; r < batch.numRows; r++) {
				row++;
				const values: Record<string, unknown> = {};
				const at = { file: file.path, line: row };
				for (let c = 0; c < fields.length; c++) {
					const value = convert[c](columns[c].get(r));
					if (typeof value === 'string' && value.length > FIELD_LIMIT_CHARS)
						throw new ImportRefusal([
							{
								...at,
								field: fields[c].name,
								message: tooLong(`column "${fields[c].name}"`, FIELD_LIMIT_CHARS)
							}
						]);
					values[fields[c].name] = value;
				}
				const result = rowFromFlat(table, values);
				if ('problems' in result)
					yield { kind: 'rejected', at, issues: result.problems.map((p) => ({ ...at, ...p })) };
				else yield { kind: 'rows', at, rows: [{ table, row: result.row } as never] };
			}
		}
	} catch (error) {
		if (error instanceof ImportRefusal) throw error;
		throw new ImportRefusal([
			{
				file: file.path,
				line: row + 1,
				message: `Arrow data is damaged after row ${row}: ${(error as Error).message}`
			}
		]);
	}
}
