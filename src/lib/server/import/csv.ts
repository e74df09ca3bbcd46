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
	let splitter: RecordSplitter | undefined;
	for await (const chunk of chunks) {
		splitter ??= new RecordSplitter(file, separator ?? detectDelimiter(chunk));
		yield* splitter.push(chunk);
	}
	const last = splitter?.finish();
	if (last) yield last;
}

/**
 * The reader's state between chunks, read one character at a time, so a quote, a CRLF pair or a
 * field may straddle two chunks. Hand-written because it is the import's innermost loop: csv-parse
 * reads the same file several times slower once it reports each record's line
 * (docs/decisions/0017-hand-written-csv-reader.md; `npm run bench:csv` measures both).
 */
class RecordSplitter {
	private fields: string[] = [];
	private field = '';
	// 'quoted': inside quotes; 'quote': just read a quote inside quotes (a doubled quote, or the
	// closing one: the next character decides, even across chunks); 'plain': anywhere else.
	private state: 'plain' | 'quoted' | 'quote' = 'plain';
	private line = 1;
	private recordLine = 1;
	private afterCR = false;
	private recordStarted = false;
	/** Characters of the record's fields before the current one: the row limit. */
	private rowChars = 0;

	constructor(
		private readonly file: string,
		private readonly separator: string
	) {}

	/** The records that end in this chunk. */
	*push(chunk: string): Generator<CsvRecord> {
		for (let i = 0; i < chunk.length; i++) {
			const c = chunk[i];
			// The LF of a CRLF pair ends nothing new.
			if (this.afterCR) {
				this.afterCR = false;
				if (c === '\n') continue;
			}
			if (this.state === 'quoted') {
				if (c === '"') this.state = 'quote';
				else {
					if (c === '\n') this.line++;
					this.append(c);
				}
				continue;
			}
			if (this.state === 'quote') {
				if (c === '"') {
					this.field += '"';
					this.state = 'quoted';
					continue;
				}
				this.state = 'plain';
			}
			if (c === '"' && this.field === '') {
				this.state = 'quoted';
				this.recordStarted = true;
			} else if (c === this.separator) {
				this.endField();
				this.recordStarted = true;
			} else if (c === '\n' || c === '\r') {
				this.afterCR = c === '\r';
				const record = this.endLine();
				if (record) yield record;
			} else {
				this.append(c);
				this.recordStarted = true;
			}
		}
	}

	/** The last record when no line end closes it; refuses a file that ends inside quotes. */
	finish(): CsvRecord | undefined {
		if (this.state === 'quoted') throw new TruncatedCsv(this.file, this.recordLine, this.fields.length);
		if (!this.recordStarted && this.field === '') return undefined;
		this.endField();
		return { line: this.recordLine, fields: this.fields, unterminated: true };
	}

	private append(c: string) {
		this.field += c;
		if (this.field.length > FIELD_LIMIT_CHARS)
			throw new CsvFieldRefusal(this.file, this.recordLine, this.fields.length, (f) =>
				tooLong(f, FIELD_LIMIT_CHARS)
			);
	}

	private endField() {
		this.rowChars += this.field.length;
		if (this.rowChars > ROW_LIMIT_CHARS)
			throw new CsvFieldRefusal(this.file, this.recordLine, this.fields.length, () =>
				tooLong('the row', ROW_LIMIT_CHARS)
			);
		this.fields.push(cellText(this.field));
		this.field = '';
	}

	/** A line end outside quotes: the record, unless the line was blank. */
	private endLine(): CsvRecord | undefined {
		let record: CsvRecord | undefined;
		if (this.recordStarted || this.field !== '') {
			this.endField();
			record = { line: this.recordLine, fields: this.fields };
		}
		this.fields = [];
		this.field = '';
		this.rowChars = 0;
		this.recordStarted = false;
		this.line++;
		this.recordLine = this.line;
		return record;
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
