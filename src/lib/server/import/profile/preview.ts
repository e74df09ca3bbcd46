// What a mapping would do to a whole file, without storing anything: the /imports mapping step's
// live count of rows that would be rejected, and why. The rows go through the import's own
// mapping and checks (map-row.ts), so the count is the import's.
import type { SourceFile } from '../source.ts';
import { bindProfile, mapWideRow, type BoundProfile } from './map-row.ts';
import { wideRecords } from './profile-format.ts';
import type { Profile } from './profile.ts';

export type RejectionReason = { field: string | null; message: string; rows: number; firstLine: number };
export type MappingPreview = {
	read: number;
	rejected: number;
	/** The commonest reasons first (at most 10). */
	reasons: RejectionReason[];
	/** Why the profile cannot read this file at all (a column the header lacks). */
	problems: string[];
};

export async function previewMapping(file: SourceFile, profile: Profile): Promise<MappingPreview> {
	const preview: MappingPreview = { read: 0, rejected: 0, reasons: [], problems: [] };
	const reasons = new Map<string, RejectionReason>();
	const reject = (line: number, field: string | null, message: string) => {
		const key = `${field}\n${message}`;
		const reason =
			reasons.get(key) ?? reasons.set(key, { field, message, rows: 0, firstLine: line }).get(key)!;
		reason.rows++;
	};
	let bound: BoundProfile | undefined;
	for await (const { header, record, rowNumber } of wideRecords(file, profile)) {
		if (!bound) {
			const result = bindProfile(profile, header);
			if ('problems' in result) return { ...preview, problems: result.problems };
			bound = result.bound;
		}
		preview.read++;
		if (record.fields.length !== header.length) {
			preview.rejected++;
			reject(record.line, null, `expected ${header.length} fields, found ${record.fields.length}`);
			continue;
		}
		const mapped = mapWideRow(bound, record.fields, rowNumber);
		if ('problems' in mapped) {
			preview.rejected++;
			for (const p of mapped.problems) reject(record.line, p.field, p.message);
		}
	}
	preview.reasons = [...reasons.values()]
		.sort((a, b) => b.rows - a.rows || a.firstLine - b.firstLine)
		.slice(0, 10);
	return preview;
}

/** Each column's distinct values in a sample, when it has few (a coded column to give a value map). */
export function codedValues(header: string[], rows: string[][], max = 24): (string[] | null)[] {
	return header.map((_, i) => {
		const values = new Set<string>();
		for (const row of rows) {
			const v = (row[i] ?? '').trim();
			if (v === '') continue;
			values.add(v);
			if (values.size > max) return null;
		}
		return [...values].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
	});
}
