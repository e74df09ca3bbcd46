// A streaming CSV reader (RFC 4180 plus what real files do): quoted fields with doubled quotes and
// embedded newlines, CRLF, LF or CR, a byte-order mark, `,` `;` tab or `|` as separator (detected
// from the header line: text-layout.ts), blank lines skipped. Every record carries the line it starts on, so errors can
// name it. A file that ends inside a quoted field is truncated and refused as a whole.
import { ImportRefusal, type ImportIssue } from './records.ts';
import { textChunks, type SourceFile } from './source.ts';
import { detectDelimiter } from './text-layout.ts';

export type CsvRecord = { line: number; fields: string[] };

/** The file ends inside a quoted field: cut off mid-record. */
export class TruncatedCsv extends ImportRefusal {
	constructor(
		file: string,
		line: number,
		readonly fieldIndex: number,
		field?: string
	) {
		super([
			{ file, line, ...(field ? { field } : {}), message: 'the file ends inside a quoted field (truncated?)' }
		]);
	}
}

/** Splits text chunks into records. `separator` undefined: detect from the first line. */
export async function* parseCsv(
	chunks: AsyncIterable<string>,
	{ file, separator }: { file: string; separator?: string }
): AsyncGenerator<CsvRecord> {
	let sep = separator;
	let fields: string[] = [];
	let field = '';
	// 'quoted': inside quotes; 'quote': just read a quote inside quotes (a doubled quote, or the
	// closing one: the next character decides, even across chunks); 'plain': anywhere else.
	let state: 'plain' | 'quoted' | 'quote' = 'plain';
	let line = 1;
	let recordLine = 1;
	let afterCR = false;
	let recordStarted = false;

	for await (const chunk of chunks) {
		if (sep === undefined) sep = detectDelimiter(chunk);
		for (let i = 0; i < chunk.length; i++) {
			const c = chunk[i];
			// The LF of a CRLF pair ends nothing new.
			if (afterCR) {
				afterCR = false;
				if (c === '\n') continue;
			}
			if (state === 'quoted') {
				if (c === '"') state = 'quote';
				else {
					if (c === '\n') line++;
					field += c;
				}
				continue;
			}
			if (state === 'quote') {
				if (c === '"') {
					field += '"';
					state = 'quoted';
					continue;
				}
				state = 'plain';
			}
			if (c === '"' && field === '') {
				state = 'quoted';
				recordStarted = true;
			} else if (c === sep) {
				fields.push(field);
				field = '';
				recordStarted = true;
			} else if (c === '\n' || c === '\r') {
				afterCR = c === '\r';
				if (recordStarted || field !== '') {
					fields.push(field);
					yield { line: recordLine, fields };
				}
				fields = [];
				field = '';
				recordStarted = false;
				line++;
				recordLine = line;
			} else {
				field += c;
				recordStarted = true;
			}
		}
	}
	if (state === 'quoted') throw new TruncatedCsv(file, recordLine, fields.length);
	if (recordStarted || field !== '') {
		fields.push(field);
		yield { line: recordLine, fields };
	}
}

export type CsvRow = { line: number; values: Record<string, string> };

/**
 * Reads a CSV file with a header line into rows keyed by column name.
 * Refuses the file when a `required` column is missing; a row with the wrong number of fields
 * is returned as an issue so the caller decides whether it rejects the row or the file.
 */
export async function* readCsvFile(
	file: SourceFile,
	{
		required = [],
		separator,
		onBytes,
		rename
	}: {
		required?: readonly string[];
		separator?: string;
		onBytes?: (bytes: number) => void;
		/** `--map column=field`: source column name → field name. */
		rename?: Record<string, string>;
	} = {}
): AsyncGenerator<CsvRow | { line: number; issue: ImportIssue }> {
	let header: string[] | undefined;
	const records = parseCsv(textChunks(file, onBytes), { file: file.path, separator });
	for await (const record of withFieldNames(records, () => header)) {
		if (!header) {
			header = record.fields.map((name) => {
				const trimmed = name.trim();
				return rename?.[trimmed] ?? trimmed;
			});
			const missing = required.filter((name) => !header!.includes(name));
			if (missing.length > 0) {
				throw new ImportRefusal(
					missing.map((name) => ({
						file: file.path,
						line: record.line,
						field: name,
						message: `required column "${name}" is missing from the header`
					}))
				);
			}
			continue;
		}
		if (record.fields.length !== header.length) {
			yield {
				line: record.line,
				issue: {
					file: file.path,
					line: record.line,
					field: header[Math.min(record.fields.length, header.length - 1)],
					message: `expected ${header.length} fields, found ${record.fields.length}`
				}
			};
			continue;
		}
		const values: Record<string, string> = {};
		for (let i = 0; i < header.length; i++) values[header[i]] = record.fields[i];
		yield { line: record.line, values };
	}
	if (!header) throw new ImportRefusal([{ file: file.path, message: 'the file is empty (no header line)' }]);
}

/** Names the column in a truncation error once the header is known. */
async function* withFieldNames(records: AsyncGenerator<CsvRecord>, header: () => string[] | undefined) {
	try {
		yield* records;
	} catch (error) {
		const columns = header();
		if (error instanceof TruncatedCsv && columns) {
			const issue = error.issues[0];
			throw new TruncatedCsv(
				issue.file,
				issue.line!,
				error.fieldIndex,
				columns[Math.min(error.fieldIndex, columns.length - 1)]
			);
		}
		throw error;
	}
}
