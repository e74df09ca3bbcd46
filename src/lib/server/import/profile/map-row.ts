// One wide row → the records it stands for: the learner, the credential and its provider (made
// when new, never overwriting what the catalogue says), the enrolment and, for a completed one,
// the award. Pure, so the import, the mapping step's live count and the tests share it.
import type { ImportRow, ImportTable } from '../records.ts';
import { rowFromFlat, type FlatProblem } from '../tables.ts';
import { validateRow } from '../validate.ts';
import {
	headerName,
	PROFILE_FIELD_NAMES,
	PROFILE_FIELDS,
	ROW_NUMBER,
	type FieldSource,
	type Profile,
	type ProfileField
} from './profile.ts';

/** How each field of a profile reads a row of one file, its header resolved. */
export type BoundProfile = {
	profile: Profile;
	read: { field: ProfileField; source: FieldSource; index?: number; column?: string }[];
};

/**
 * Resolves the profile's columns against a header (after trimming whitespace, tabs and a BOM; a
 * column differing only in case matches too). Missing columns are named with what the header has.
 */
export function bindProfile(
	profile: Profile,
	header: string[]
): { bound: BoundProfile } | { problems: string[] } {
	const names = header.map(headerName);
	const problems: string[] = [];
	const read: BoundProfile['read'] = [];
	for (const field of PROFILE_FIELD_NAMES) {
		const source = profile.fields[field];
		if (!source) continue;
		if (!('column' in source) || source.column === ROW_NUMBER) {
			read.push({ field, source });
			continue;
		}
		const wanted = headerName(source.column);
		let index = names.indexOf(wanted);
		if (index < 0) index = names.findIndex((n) => n.toLowerCase() === wanted.toLowerCase());
		if (index < 0) problems.push(`fields.${field}: no column "${source.column}" in the header`);
		else read.push({ field, source, index, column: names[index] });
	}
	if (problems.length > 0)
		problems.push(`the header's columns are: ${names.map((n) => `"${n}"`).join(', ')}`);
	return problems.length > 0 ? { problems } : { bound: { profile, read } };
}

export type MappedRow = { rows: ImportRow[] } | { problems: FlatProblem[] };

/**
 * The records of one data row (`rowNumber` counts data rows from 1). Every problem names the
 * profile field and the cell's value; rows are also checked by the loader's own rules here, so a
 * preview's count of rejected rows is the import's.
 */
export function mapWideRow(bound: BoundProfile, cells: string[], rowNumber: number): MappedRow {
	const problems: FlatProblem[] = [];
	const value: Partial<Record<ProfileField, string>> = {};
	for (const { field, source, index, column } of bound.read) {
		if ('value' in source) {
			value[field] = source.value;
			continue;
		}
		const cell = (index === undefined ? String(rowNumber) : (cells[index] ?? '')).trim();
		if (source.map) {
			if (Object.hasOwn(source.map, cell)) value[field] = source.map[cell];
			else if (cell !== '')
				problems.push({
					field,
					message: `"${cell}" (column "${column ?? source.column}") is not in the profile's map (${Object.keys(
						source.map
					)
						.map((k) => `"${k}"`)
						.join(', ')})`
				});
			continue;
		}
		if (cell !== '') value[field] = (source.prefix ?? '') + cell;
	}
	if (problems.length > 0) return { problems };

	// Defaults a wide row leaves to the profile's other fields.
	value.title ??= value.credential_id;
	value.credential_kind ??= 'macro';
	if (value.provider_id) value.provider_name ??= value.provider_id;
	value.enrolment_id ??= value.cohort ? `${value.credential_id}/${value.cohort}` : value.credential_id;
	// An enrolment in progress has not ended, whatever a constant end date says.
	if (value.status === 'in_progress') delete value.ended_on;
	value.award_id ??= value.enrolment_id;
	value.issued_on ??= value.ended_on;

	const flat: Partial<Record<ImportTable, Record<string, string>>> = {};
	for (const field of PROFILE_FIELD_NAMES) {
		const v = value[field];
		if (v === undefined) continue;
		for (const [table, column] of PROFILE_FIELDS[field].targets as [ImportTable, string][])
			(flat[table] ??= {})[column] = v;
	}
	const tables: ImportTable[] = ['learners', 'enrolments'];
	if (value.provider_id) tables.unshift('providers');
	tables.splice(tables.indexOf('learners'), 0, 'credentials');
	if (value.status === 'completed') tables.push('awards');
	const rows: ImportRow[] = [];
	for (const table of tables) {
		const result = rowFromFlat(table, flat[table] ?? {});
		if ('problems' in result) {
			problems.push(...result.problems.map((p) => ({ ...p, field: fieldOf(table, p.field) })));
			continue;
		}
		const item = { table, row: result.row } as ImportRow;
		// The catalogue's own sources say what a credential or provider is: a row only adds a new one.
		if (table === 'providers' || table === 'credentials') item.mentioned = true;
		for (const p of validateRow(item)) problems.push({ field: fieldOf(table, p.field), message: p.message });
		rows.push(item);
	}
	return problems.length > 0 ? { problems } : { rows };
}

/** The profile field that fills a template column (for messages), else the column itself. */
function fieldOf(table: ImportTable, column: string): string {
	for (const field of PROFILE_FIELD_NAMES)
		if (
			(PROFILE_FIELDS[field].targets as [ImportTable, string][]).some(([t, c]) => t === table && c === column)
		)
			return field;
	return `${table}.${column}`;
}
