// The `profile` import: one wide delimited file read through a mapping profile (profile.ts). One
// data row is one unit: its learner, credential, provider, enrolment and award are stored together
// or the row is rejected whole, naming file, line, field and value; the import is one transaction.
import { parseCsv, type CsvRecord } from '../csv.ts';
import type { ImportJob } from '../loader.ts';
import { ImportRefusal, type ParsedUnit } from '../records.ts';
import { textChunks, textLayout, type SourceFile } from '../source.ts';
import { bindProfile, mapWideRow, type BoundProfile } from './map-row.ts';
import type { Profile } from './profile.ts';
import type { TextLayout } from '../text-layout.ts';

export function profileJob(files: SourceFile[], profile: Profile): ImportJob {
	return {
		format: 'profile',
		files,
		strict: false,
		layout: (file) => textLayout(file, { encoding: profile.encoding }),
		async *parse(onBytes) {
			for (const file of files) yield* parseWideFile(file, profile, onBytes);
		}
	};
}

/** A wide file's header and data records (the header's line refusing the file when unusable). */
export async function* wideRecords(
	file: SourceFile,
	profile: Pick<Profile, 'delimiter' | 'encoding'>,
	onBytes?: (bytes: number) => void
): AsyncGenerator<{ header: string[]; record: CsvRecord; rowNumber: number }> {
	let header: string[] | undefined;
	let rowNumber = 0;
	for await (const record of parseCsv(textChunks(file, onBytes, profile.encoding), {
		file: file.path,
		separator: profile.delimiter
	})) {
		if (!header) {
			header = record.fields;
			continue;
		}
		yield { header, record, rowNumber: ++rowNumber };
	}
	if (!header) throw new ImportRefusal([{ file: file.path, message: 'the file is empty (no header line)' }]);
}

async function* parseWideFile(
	file: SourceFile,
	profile: Profile,
	onBytes: (bytes: number) => void
): AsyncGenerator<ParsedUnit> {
	let bound: BoundProfile | undefined;
	for await (const { header, record, rowNumber } of wideRecords(file, profile, onBytes)) {
		bound ??= bindOrRefuse(profile, header, file.path);
		const at = { file: file.path, line: record.line };
		if (record.fields.length !== header.length) {
			yield {
				kind: 'rejected',
				at,
				issues: [{ ...at, message: `expected ${header.length} fields, found ${record.fields.length}` }]
			};
			continue;
		}
		const mapped = mapWideRow(bound, record.fields, rowNumber);
		if ('problems' in mapped)
			yield { kind: 'rejected', at, issues: mapped.problems.map((p) => ({ ...at, ...p })) };
		else yield { kind: 'rows', at, rows: mapped.rows };
	}
}

function bindOrRefuse(profile: Profile, header: string[], file: string): BoundProfile {
	const result = bindProfile(profile, header);
	if ('problems' in result)
		throw new ImportRefusal(result.problems.map((message) => ({ file, line: 1, message })));
	return result.bound;
}

/** What a person maps from: a wide file's layout, header and first rows (the CLI's draft, the web preview). */
export type WideSample = { layout: TextLayout; header: string[]; rows: { line: number; fields: string[] }[] };

export async function readWideSample(
	file: SourceFile,
	{ rows = 20, delimiter, encoding }: { rows?: number } & Pick<Profile, 'delimiter' | 'encoding'> = {}
): Promise<WideSample> {
	const layout = await textLayout(file, { encoding });
	const sample: WideSample = { layout, header: [], rows: [] };
	for await (const { header, record } of wideRecords(file, {
		delimiter: delimiter ?? layout.delimiter,
		encoding
	})) {
		sample.header = header;
		if (sample.rows.length >= rows) break;
		sample.rows.push(record);
	}
	if (sample.header.length === 0) {
		// A header and no rows: wideRecords yields nothing, so read the header line alone.
		for await (const record of parseCsv(textChunks(file, undefined, encoding), {
			file: file.path,
			separator: delimiter ?? layout.delimiter
		})) {
			sample.header = record.fields;
			break;
		}
	}
	return sample;
}
