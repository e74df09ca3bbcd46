// A streaming CSV reader (RFC 4180 plus what real files do): quoted fields with doubled quotes and
// embedded newlines, CRLF, LF or CR, a byte-order mark, `,` `;` tab or `|` as separator (detected
// from the header line: text-layout.ts), blank lines skipped. Every record carries the line it
// starts on, so errors can name it. A file that ends inside a quoted field is truncated and refused
// as a whole. A cell our own CSV writer neutralised (a leading ' before a would-be formula) reads
// back as it was.
import { restoreCsvText } from '../../csv.ts';
import { FIELD_LIMIT_CHARS, ROW_LIMIT_CHARS, tooLong } from './limits.ts';
import { ImportRefusal, type ImportIssue } from './records.ts';
import { unknownColumnIssues } from './tables.ts';
import { textChunks, type SourceFile } from './source.ts';
import { detectDelimiter } from './text-layout.ts';

/** `unterminated`: the file's last record, which no line end closes (perhaps cut off). */
export type CsvRecord = { line: number; fields: string[]; unterminated?: true };

/** A refusal about one field of a record, named by position until the header names it. */
export class CsvFieldRefusal extends ImportRefusal {
	constructor(
		readonly file: string,
		readonly line: number,
		readonly fieldIndex: number,
		/** The message, given the field as `field 2` or `column "region"`. */
		readonly describe: (field: string) => string,
		field?: string
	) {
		const label = field ? `column "${field}"` : `field ${fieldIndex + 1}`;
		super([{ file, line, ...(field ? { field } : {}), message: describe(label) }]);
	}

	/** The same refusal naming the column. */
	named(field: string): CsvFieldRefusal {
		return new CsvFieldRefusal(this.file, this.line, this.fieldIndex, this.describe, field);
	}
}

/** The file ends inside a quoted field: cut off mid-record. */
export class TruncatedCsv extends CsvFieldRefusal {
	constructor(file: string, line: number, fieldIndex: number) {
		super(file, line, fieldIndex, () => 'the file ends inside a quoted field (truncated?)');
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
	// Characters of the record's fields before the current one: the row limit.
	let rowChars = 0;
	const fieldTooLong = () => {
		throw new CsvFieldRefusal(file, recordLine, fields.length, (f) => tooLong(f, FIELD_LIMIT_CHARS));
	};
	const endField = () => {
		rowChars += field.length;
		if (rowChars > ROW_LIMIT_CHARS)
			throw new CsvFieldRefusal(file, recordLine, fields.length, () => tooLong('the row', ROW_LIMIT_CHARS));
		fields.push(cellText(field));
		field = '';
	};

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
					if (field.length > FIELD_LIMIT_CHARS) fieldTooLong();
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
				endField();
				recordStarted = true;
			} else if (c === '\n' || c === '\r') {
				afterCR = c === '\r';
				if (recordStarted || field !== '') {
					endField();
					yield { line: recordLine, fields };
				}
				fields = [];
				field = '';
				rowChars = 0;
				recordStarted = false;
				line++;
				recordLine = line;
			} else {
				field += c;
				if (field.length > FIELD_LIMIT_CHARS) fieldTooLong();
				recordStarted = true;
			}
		}
	}
	if (state === 'quoted') throw new TruncatedCsv(file, recordLine, fields.length);
	if (recordStarted || field !== '') {
		endField();
		yield { line: recordLine, fields, unterminated: true };
	}
}

const cellText = (field: string) => (field.charCodeAt(0) === 39 /* ' */ ? restoreCsvText(field) : field);

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
		known,
		separator,
		onBytes,
		rename
	}: {
		required?: readonly string[];
		/** The table the file is read into: a column that is none of its fields refuses the file. */
		known?: { table: string; columns: readonly string[] };
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
			if (known) {
				const issues = unknownColumnIssues(known, header, { file: file.path, line: record.line });
				if (issues.length > 0) throw new ImportRefusal(issues);
			}
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
		// The file stops before its last row does: cut off in transfer, so none of it is taken.
		if (record.unterminated && record.fields.length < header.length)
			throw new ImportRefusal([
				{
					file: file.path,
					line: record.line,
					field: header[Math.min(record.fields.length, header.length - 1)],
					message: `the file ends in the middle of a row (expected ${header.length} fields, found ${record.fields.length}, and no line end): cut off? Nothing from it was stored`
				}
			]);
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
		if (error instanceof CsvFieldRefusal && columns)
			throw error.named(columns[Math.min(error.fieldIndex, columns.length - 1)]);
		throw error;
	}
}
