// Each table's columns once: their SQL name, type and domain field. The loader writes with it, the
// CSV and Arrow formats read and write with it, so one list says what a table holds.
import type { ImportIssue, ImportRow, ImportTable } from './records.ts';
import { isIsoDate } from '../../domain/dates.ts';

/** list: string[] (jsonb in the database, `|`-separated in CSV); json: any JSON value. */
export type ColumnType = 'text' | 'boolean' | 'real' | 'integer' | 'date' | 'list' | 'json';

export type ColumnSpec = {
	name: string;
	type: ColumnType;
	field: string;
	required?: boolean;
	/** Not a column of the table itself (requirement group members live in requirement_members). */
	virtual?: boolean;
};

export type TableSpec = { table: ImportTable; key: string[]; columns: ColumnSpec[] };

const c = (name: string, type: ColumnType, field: string, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
	name,
	type,
	field,
	...extra
});
const req = { required: true };

export const TABLES: { [T in ImportTable]: TableSpec } = {
	providers: {
		table: 'providers',
		key: ['id'],
		columns: [
			c('id', 'text', 'id', req),
			c('name', 'text', 'name', req),
			c('kind', 'text', 'kind'),
			c('country', 'text', 'country'),
			c('qa_approach', 'text', 'qaApproach'),
			c('accredited', 'boolean', 'accredited'),
			c('origin', 'text', 'origin')
		]
	},
	credentials: {
		table: 'credentials',
		key: ['id'],
		columns: [
			c('id', 'text', 'id', req),
			c('provider_id', 'text', 'providerId'),
			c('title', 'text', 'title', req),
			c('kind', 'text', 'kind', req),
			c('level_framework', 'text', 'levelFramework'),
			c('level', 'text', 'level'),
			c('workload_hours', 'real', 'workloadHours'),
			c('credits', 'real', 'credits'),
			c('credit_system', 'text', 'creditSystem'),
			c('assessed', 'boolean', 'assessed'),
			c('assessment_type', 'text', 'assessmentType'),
			c('participation_mode', 'text', 'participationMode'),
			c('quality_assured', 'boolean', 'qualityAssured'),
			c('description', 'text', 'description'),
			c('learning_outcomes', 'list', 'learningOutcomes'),
			c('valid_from', 'date', 'validFrom'),
			c('valid_to', 'date', 'validTo'),
			c('unparsed', 'list', 'unparsed'),
			c('origin', 'text', 'origin')
		]
	},
	credential_skills: {
		table: 'credential_skills',
		key: ['credential_id', 'skill_uri'],
		columns: [
			c('credential_id', 'text', 'credentialId', req),
			c('skill_uri', 'text', 'skillUri', req),
			c('label', 'text', 'label')
		]
	},
	requirement_groups: {
		table: 'requirement_groups',
		key: ['id'],
		columns: [
			c('id', 'text', 'id', req),
			c('target_credential_id', 'text', 'targetCredentialId', req),
			c('parent_group_id', 'text', 'parentGroupId'),
			c('rule', 'text', 'rule', req),
			c('n', 'integer', 'n'),
			c('min_credits', 'real', 'minCredits'),
			c('label', 'text', 'label'),
			c('position', 'integer', 'position'),
			c('members', 'list', 'members', { virtual: true })
		]
	},
	prerequisites: {
		table: 'prerequisites',
		key: ['credential_id', 'required_id'],
		columns: [c('credential_id', 'text', 'credentialId', req), c('required_id', 'text', 'requiredId', req)]
	},
	recognitions: {
		table: 'recognitions',
		key: ['credential_id', 'recognised_as_id'],
		columns: [
			c('credential_id', 'text', 'credentialId', req),
			c('recognised_as_id', 'text', 'recognisedAsId', req)
		]
	},
	learners: {
		table: 'learners',
		key: ['id'],
		columns: [
			c('id', 'text', 'id', req),
			c('gender', 'text', 'gender'),
			c('age_band', 'text', 'ageBand'),
			c('disability', 'text', 'disability'),
			c('deprivation_band', 'text', 'deprivationBand'),
			c('region', 'text', 'region'),
			c('prior_education', 'text', 'priorEducation'),
			c('analytics_consent', 'boolean', 'analyticsConsent'),
			c('identity_hash', 'text', 'identityHash'),
			c('origin', 'text', 'origin')
		]
	},
	enrolments: {
		table: 'enrolments',
		key: ['learner_id', 'id'],
		columns: [
			c('learner_id', 'text', 'learnerId', req),
			c('id', 'text', 'id', req),
			c('credential_id', 'text', 'credentialId', req),
			c('cohort', 'text', 'cohort'),
			c('provider_id', 'text', 'providerId'),
			c('started_on', 'date', 'startedOn', req),
			c('ended_on', 'date', 'endedOn'),
			c('status', 'text', 'status', req),
			c('result', 'text', 'result')
		]
	},
	awards: {
		table: 'awards',
		key: ['learner_id', 'id'],
		columns: [
			c('learner_id', 'text', 'learnerId', req),
			c('id', 'text', 'id', req),
			c('credential_id', 'text', 'credentialId', req),
			c('enrolment_id', 'text', 'enrolmentId'),
			c('provider_id', 'text', 'providerId'),
			c('issued_on', 'date', 'issuedOn', req),
			c('expires_on', 'date', 'expiresOn'),
			c('verification', 'text', 'verification'),
			c('verification_reason', 'text', 'verificationReason'),
			c('source', 'json', 'source')
		]
	}
};

/** Defaults for fields a flat file may leave blank (DESIGN.md: unknown is "not stated"). */
const DEFAULTS: Partial<Record<ImportTable, Record<string, unknown>>> = {
	providers: { origin: 'real' },
	credentials: { origin: 'real' },
	requirement_groups: { position: 0, members: [] },
	learners: {
		gender: 'not stated',
		ageBand: 'not stated',
		disability: 'not stated',
		deprivationBand: 'not stated',
		region: 'not stated',
		priorEducation: 'not stated',
		analyticsConsent: true,
		origin: 'real'
	},
	awards: { verification: 'unsigned' }
};

export const LIST_SEPARATOR = '|';

const TRUE = new Set(['true', 't', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'f', 'no', 'n', '0']);

export type FlatProblem = { field: string; message: string };

/** A domain row from flat values keyed by column name (CSV cells, Arrow values). */
export function rowFromFlat(
	table: ImportTable,
	values: Record<string, unknown>
): { row: ImportRow['row'] } | { problems: FlatProblem[] } {
	const spec = TABLES[table];
	const row: Record<string, unknown> = {};
	const problems: FlatProblem[] = [];
	for (const column of spec.columns) {
		const raw = values[column.name];
		const blank = raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
		if (blank) {
			row[column.field] = DEFAULTS[table]?.[column.field] ?? null;
			continue;
		}
		const parsed = parseValue(column.type, raw);
		if (parsed.problem) problems.push({ field: column.name, message: parsed.problem });
		else row[column.field] = parsed.value;
	}
	if (problems.length > 0) return { problems };
	return { row: row as ImportRow['row'] };
}

function parseValue(type: ColumnType, raw: unknown): { value?: unknown; problem?: string } {
	if (typeof raw !== 'string') {
		// Arrow hands typed values; accept them when they already have the right type.
		if (type === 'boolean' && typeof raw === 'boolean') return { value: raw };
		if ((type === 'real' || type === 'integer') && (typeof raw === 'number' || typeof raw === 'bigint'))
			return parseValue(type, String(raw));
		if (type === 'json') return { value: raw };
		if (type === 'list' && Array.isArray(raw)) return { value: raw.map(String) };
		if (type === 'date' && raw instanceof Date) return { value: raw.toISOString().slice(0, 10) };
		raw = String(raw);
	}
	const text = (raw as string).trim();
	switch (type) {
		case 'text':
			return { value: text };
		case 'boolean':
			if (TRUE.has(text.toLowerCase())) return { value: true };
			if (FALSE.has(text.toLowerCase())) return { value: false };
			return { problem: `"${text}" is not true or false` };
		case 'real': {
			const n = Number(text.replace(',', '.'));
			return Number.isFinite(n) && /^[-+]?(\d+([.,]\d*)?|[.,]\d+)([eE][-+]?\d+)?$/.test(text)
				? { value: n }
				: { problem: `"${text}" is not a number` };
		}
		case 'integer':
			return /^[-+]?\d+$/.test(text)
				? { value: Number(text) }
				: { problem: `"${text}" is not a whole number` };
		case 'date':
			return isIsoDate(text) ? { value: text } : { problem: `"${text}" is not a date (YYYY-MM-DD)` };
		case 'list':
			return {
				value: text
					.split(LIST_SEPARATOR)
					.map((s) => s.trim())
					.filter(Boolean)
			};
		case 'json':
			try {
				return { value: JSON.parse(text) };
			} catch {
				return { problem: 'is not valid JSON' };
			}
	}
}

/** Flat values of a domain row, keyed by column name, for CSV and Arrow exports. */
export function rowToFlat(
	table: ImportTable,
	row: Record<string, unknown>
): Record<string, string | number | boolean | null> {
	const out: Record<string, string | number | boolean | null> = {};
	for (const column of TABLES[table].columns) {
		const value = row[column.field];
		if (value === null || value === undefined) out[column.name] = null;
		else if (column.type === 'list') out[column.name] = (value as string[]).join(LIST_SEPARATOR);
		else if (column.type === 'json') out[column.name] = JSON.stringify(value);
		else out[column.name] = value as string | number | boolean;
	}
	return out;
}

/** Which table a header describes: the one whose required columns are all present, most columns matched. */
/**
 * One issue per column that is not a field of `table` (after any renaming): such a file is refused
 * whole, as PostgreSQL's COPY refuses a column its table does not have, rather than stored with
 * the field the column meant left empty.
 */
export function unknownColumnIssues(
	{ table, columns }: { table: string; columns: readonly string[] },
	names: readonly string[],
	at: { file: string; line?: number }
): ImportIssue[] {
	return names
		.filter((name) => !columns.includes(name))
		.map((name) => ({
			...at,
			field: name,
			message: `column "${name}" is not a field of ${table} (its fields: ${columns.join(', ')}); rename it with --map column=field or leave it out`
		}));
}

export function tableForColumns(columns: string[]): ImportTable | undefined {
	const present = new Set(columns);
	let best: { table: ImportTable; score: number } | undefined;
	for (const spec of Object.values(TABLES)) {
		if (!spec.columns.filter((col) => col.required).every((col) => present.has(col.name))) continue;
		const matched = spec.columns.filter((col) => present.has(col.name)).length;
		const extra = columns.filter((name) => !spec.columns.some((col) => col.name === name)).length;
		const score = matched - extra;
		if (!best || score > best.score) best = { table: spec.table, score };
	}
	return best?.table;
}
