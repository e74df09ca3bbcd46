// Field checks for every row a parser produces, whatever the format, so one set of rules guards
// the database. Each problem names the field; the loader adds file and line.
import * as vocabulary from '../../domain/types.ts';
import { isIsoDate } from '../../domain/dates.ts';
import type { ImportRow, ImportTable } from './records.ts';

export type FieldProblem = { field: string; message: string };

type Check = (problems: FieldProblem[]) => void;

function text(field: string, value: unknown, required: boolean): Check {
	return (problems) => {
		if (value === null || value === undefined || value === '') {
			if (required) problems.push({ field, message: 'is required' });
		} else if (typeof value !== 'string') problems.push({ field, message: 'must be text' });
	};
}
function oneOf(field: string, value: unknown, allowed: readonly string[], required = false): Check {
	return (problems) => {
		if (value === null || value === undefined) {
			if (required) problems.push({ field, message: 'is required' });
		} else if (!allowed.includes(value as string))
			problems.push({ field, message: `"${value}" is not one of ${allowed.join(', ')}` });
	};
}
function dateField(field: string, value: unknown, required: boolean): Check {
	return (problems) => {
		if (value === null || value === undefined || value === '') {
			if (required) problems.push({ field, message: 'is required' });
		} else if (!isIsoDate(value)) problems.push({ field, message: `"${value}" is not a date (YYYY-MM-DD)` });
	};
}
function numberField(field: string, value: unknown, { min = -Infinity, integer = false } = {}): Check {
	return (problems) => {
		if (value === null || value === undefined) return;
		if (typeof value !== 'number' || !Number.isFinite(value))
			problems.push({ field, message: `"${value}" is not a number` });
		else if (value < min) problems.push({ field, message: `${value} is below ${min}` });
		else if (integer && !Number.isInteger(value))
			problems.push({ field, message: `${value} is not a whole number` });
	};
}
function boolField(field: string, value: unknown): Check {
	return (problems) => {
		if (value !== null && value !== undefined && typeof value !== 'boolean')
			problems.push({ field, message: `"${value}" is not true or false` });
	};
}

/** A problem between fields: `message` on `field` when `broken` holds. */
function rule(field: string, broken: boolean, message: string): Check {
	return (problems) => {
		if (broken) problems.push({ field, message });
	};
}

const absent = (value: unknown) => value === null || value === undefined;

type RowOf<T extends ImportTable> = Extract<ImportRow, { table: T }>['row'];

/** Each table's checks, in the order its problems are listed. */
const CHECKS: { [T in ImportTable]: (r: RowOf<T>) => Check[] } = {
	providers: (r) => [
		text('id', r.id, true),
		text('name', r.name, true),
		oneOf('kind', r.kind, vocabulary.PROVIDER_KINDS),
		text('country', r.country, false),
		oneOf('qa_approach', r.qaApproach, vocabulary.QA_APPROACHES),
		boolField('accredited', r.accredited),
		oneOf('origin', r.origin, vocabulary.ORIGINS, true)
	],
	credentials: (r) => [
		text('id', r.id, true),
		text('title', r.title, true),
		oneOf('kind', r.kind, vocabulary.CREDENTIAL_KINDS, true),
		numberField('workload_hours', r.workloadHours, { min: 0 }),
		numberField('credits', r.credits, { min: 0 }),
		boolField('assessed', r.assessed),
		oneOf('participation_mode', r.participationMode, vocabulary.PARTICIPATION_MODES),
		boolField('quality_assured', r.qualityAssured),
		dateField('valid_from', r.validFrom, false),
		dateField('valid_to', r.validTo, false),
		oneOf('origin', r.origin, vocabulary.ORIGINS, true)
	],
	credential_skills: (r) => [
		text('credential_id', r.credentialId, true),
		text('skill_uri', r.skillUri, true)
	],
	requirement_groups: (r) => [
		text('id', r.id, true),
		text('target_credential_id', r.targetCredentialId, true),
		oneOf('rule', r.rule, vocabulary.REQUIREMENT_RULES, true),
		numberField('n', r.n, { min: 0, integer: true }),
		numberField('min_credits', r.minCredits, { min: 0 }),
		rule('n', r.rule === 'n_of' && absent(r.n), 'is required when the rule is n_of'),
		rule(
			'min_credits',
			r.rule === 'min_credits' && absent(r.minCredits),
			'is required when the rule is min_credits'
		)
	],
	prerequisites: (r) => [
		text('credential_id', r.credentialId, true),
		text('required_id', r.requiredId, true)
	],
	recognitions: (r) => [
		text('credential_id', r.credentialId, true),
		text('recognised_as_id', r.recognisedAsId, true)
	],
	learners: (r) => [
		text('id', r.id, true),
		...(['gender', 'ageBand', 'disability', 'deprivationBand', 'region', 'priorEducation'] as const).map(
			(k) =>
				text(
					k.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase()),
					r[k],
					true
				)
		),
		boolField('analytics_consent', r.analyticsConsent),
		oneOf('origin', r.origin, vocabulary.ORIGINS, true)
	],
	enrolments: (r) => [
		text('id', r.id, true),
		text('learner_id', r.learnerId, true),
		text('credential_id', r.credentialId, true),
		dateField('started_on', r.startedOn, true),
		dateField('ended_on', r.endedOn, r.status !== 'in_progress'),
		oneOf('status', r.status, vocabulary.ENROLMENT_STATUSES, true),
		rule(
			'ended_on',
			isIsoDate(r.startedOn) && isIsoDate(r.endedOn) && r.endedOn < r.startedOn,
			`${r.endedOn} is before started_on ${r.startedOn}`
		)
	],
	awards: (r) => [
		text('id', r.id, true),
		text('learner_id', r.learnerId, true),
		text('credential_id', r.credentialId, true),
		dateField('issued_on', r.issuedOn, true),
		dateField('expires_on', r.expiresOn, false),
		oneOf('verification', r.verification, vocabulary.VERIFICATIONS, true)
	]
};

/** The field problems of one row; empty when the row may be stored. */
export function validateRow(item: ImportRow): FieldProblem[] {
	// The table names the row's type; TypeScript cannot pair the two across the union.
	const checks = CHECKS[item.table] as (r: ImportRow['row']) => Check[];
	const problems: FieldProblem[] = [];
	for (const check of checks(item.row)) check(problems);
	return problems;
}
