// Stackwise's own CSV templates (data/templates/*.csv): one file per table, recognised by its
// header. `--map column=field` renames a file's columns to the template's names first, for files
// whose headers differ. Separators `,` and `;`, BOM and CRLF are handled by the CSV reader.
import { parseCsv, readCsvFile } from '../csv.ts';
import type { ImportJob } from '../loader.ts';
import { stackingCycleIssues } from '../stacking-check.ts';
import { TABLE_ORDER, type ImportTable, type ParsedUnit } from '../records.ts';
import { textChunks, textLayout, type SourceFile } from '../source.ts';
import { rowFromFlat, tableForColumns, TABLES } from '../tables.ts';

export type ColumnMap = Record<string, string>;

/** The table a CSV file's header describes (after renaming), or undefined. */
export async function csvTable(file: SourceFile, rename: ColumnMap = {}): Promise<ImportTable | undefined> {
	if (!/\.(csv|txt)$/i.test(file.name)) return undefined;
	try {
		for await (const record of parseCsv(firstChunk(file), { file: file.path })) {
			return tableForColumns(record.fields.map((name) => rename[name.trim()] ?? name.trim()));
		}
	} catch {
		return undefined;
	}
	return undefined;
}

/** The first 64 KiB of text: enough for a header line. */
async function* firstChunk(file: SourceFile): AsyncGenerator<string> {
	let text = '';
	for await (const chunk of textChunks(file)) {
		text += chunk;
		const newline = text.search(/\r?\n/);
		if (newline >= 0) {
			yield text.slice(0, newline + 1);
			return;
		}
		if (text.length > 65536) break;
	}
	yield text;
}

export function csvJob(files: { file: SourceFile; table: ImportTable }[], rename: ColumnMap = {}): ImportJob {
	// Parents before children, so references resolve within one import.
	const ordered = [...files].sort((a, b) => TABLE_ORDER.indexOf(a.table) - TABLE_ORDER.indexOf(b.table));
	return {
		format: 'csv',
		files: ordered.map((f) => f.file),
		strict: false,
		layout: (file) => textLayout(file),
		// Stacking rules (groups, prerequisites) may arrive here too: no cycles.
		afterLoad: (tx) => stackingCycleIssues(tx, ordered[0]?.file.path ?? 'csv'),
		async *parse(onBytes) {
			for (const { file, table } of ordered) yield* parseTableCsv(file, table, rename, onBytes);
		}
	};
}

async function* parseTableCsv(
	file: SourceFile,
	table: ImportTable,
	rename: ColumnMap,
	onBytes: (bytes: number) => void
): AsyncGenerator<ParsedUnit> {
	const required = TABLES[table].columns.filter((c) => c.required).map((c) => c.name);
	const known = { table, columns: TABLES[table].columns.map((c) => c.name) };
	for await (const row of readCsvFile(file, { required, known, rename, onBytes })) {
		const at = { file: file.path, line: row.line };
		if ('issue' in row) {
			yield { kind: 'rejected', at, issues: [row.issue] };
			continue;
		}
		const result = rowFromFlat(table, row.values);
		if ('problems' in result)
			yield { kind: 'rejected', at, issues: result.problems.map((p) => ({ ...at, ...p })) };
		else yield { kind: 'rows', at, rows: [{ table, row: result.row } as never] };
	}
}
