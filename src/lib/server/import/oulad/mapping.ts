// How the Open University Learning Analytics Dataset maps onto Stackwise (the figures are
// checked against an independent reference, so this follows the stated mapping exactly):
// - one provider, `open-university`; each `code_module` is a credential (kind unit, assessed, online);
// - each studentInfo row is an enrolment `<code_module>-<code_presentation>-<id_student>` of learner
//   `oulad-<id_student>`, cohort = code_presentation, starting on the presentation's start
//   (B = 1 February, J = 1 October of the year);
// - Pass/Distinction → completed, Fail → failed, Withdrawn → withdrawn; completed and failed end
//   `module_presentation_length` days after the start, withdrawn max(date_unregistration, 0) days
//   after it (0 when blank); each completed enrolment gets an award issued on its end, unsigned.
import { addDays } from '../../../domain/dates.ts';
import { makeCredential } from '../../../domain/stacking/index.ts';
import {
	NOT_STATED,
	type Award,
	type Credential,
	type Enrolment,
	type Learner,
	type Provider
} from '../../../domain/types.ts';
import type { FieldProblem } from '../validate.ts';

export const OULAD_PROVIDER: Provider = {
	id: 'open-university',
	name: 'The Open University',
	kind: 'higher_education',
	country: 'GB',
	qaApproach: 'regulatory',
	accredited: true,
	origin: 'real'
};

export function moduleCredential(codeModule: string): Credential {
	return makeCredential({
		id: codeModule,
		providerId: OULAD_PROVIDER.id,
		title: `Open University module ${codeModule}`,
		participationMode: 'online',
		description:
			'A module presentation of the Open University Learning Analytics Dataset (anonymised module code).',
		origin: 'real'
	});
}

/** The start of a presentation: `2013B` → 2013-02-01, `2014J` → 2014-10-01; undefined if malformed. */
export function presentationStart(code: string): string | undefined {
	const m = /^(\d{4})([BJ])$/.exec(code);
	if (!m) return undefined;
	return `${m[1]}-${m[2] === 'B' ? '02' : '10'}-01`;
}

/** Sort key for "latest presentation": the start date. */
export const presentationOrder = (code: string) => presentationStart(code) ?? '';

const OUTCOMES: Record<string, { status: Enrolment['status']; result: string | null }> = {
	Pass: { status: 'completed', result: 'pass' },
	Distinction: { status: 'completed', result: 'distinction' },
	Fail: { status: 'failed', result: 'fail' },
	Withdrawn: { status: 'withdrawn', result: null }
};

export function outcomeOf(finalResult: string) {
	return OUTCOMES[finalResult];
}

/** imd_band as a deprivation band: `10-20` is the band `10-20%`; blank is "not stated". */
export function deprivationBand(imdBand: string): string {
	const value = imdBand.trim();
	if (value === '') return NOT_STATED;
	if (value === '10-20') return '10-20%';
	return value;
}

const stated = (value: string) => (value.trim() === '' ? NOT_STATED : value.trim());

/** A day offset: a whole number, possibly negative; blank → null. */
export function parseDay(value: string): number | null | 'invalid' {
	const v = value.trim();
	if (v === '') return null;
	return /^-?\d+$/.test(v) ? Number(v) : 'invalid';
}

export type StudentInfoRow = Record<
	| 'code_module'
	| 'code_presentation'
	| 'id_student'
	| 'gender'
	| 'region'
	| 'highest_education'
	| 'imd_band'
	| 'age_band'
	| 'disability'
	| 'final_result',
	string
>;

export function learnerOf(row: StudentInfoRow): Learner {
	return {
		id: `oulad-${row.id_student.trim()}`,
		gender: stated(row.gender),
		ageBand: stated(row.age_band),
		disability: stated(row.disability),
		deprivationBand: deprivationBand(row.imd_band),
		region: stated(row.region),
		priorEducation: stated(row.highest_education),
		analyticsConsent: true,
		identityHash: null,
		origin: 'real'
	};
}

export type MappedRegistration = {
	enrolment: Enrolment;
	award: Award | null;
};

/**
 * The enrolment (and award) of one studentInfo row, given the presentation length and the
 * row's date_unregistration (null when blank); problems name the offending field.
 */
export function mapRegistration(
	row: StudentInfoRow,
	presentationLength: number | undefined,
	unregistrationDay: number | null
): MappedRegistration | FieldProblem[] {
	const problems: FieldProblem[] = [];
	const start = presentationStart(row.code_presentation.trim());
	if (!start)
		problems.push({
			field: 'code_presentation',
			message: `"${row.code_presentation}" is not a presentation code like 2013J or 2014B`
		});
	if (!/^\d+$/.test(row.id_student.trim()))
		problems.push({ field: 'id_student', message: `"${row.id_student}" is not a student number` });
	if (row.code_module.trim() === '') problems.push({ field: 'code_module', message: 'is required' });
	const outcome = outcomeOf(row.final_result.trim());
	if (!outcome)
		problems.push({
			field: 'final_result',
			message: `"${row.final_result}" is not Pass, Distinction, Fail or Withdrawn`
		});
	if (outcome && outcome.status !== 'withdrawn' && presentationLength === undefined)
		problems.push({
			field: 'code_presentation',
			message: `courses.csv has no module_presentation_length for ${row.code_module} ${row.code_presentation}`
		});
	if (problems.length > 0 || !start || !outcome) return problems;

	const learnerId = `oulad-${row.id_student.trim()}`;
	const id = `${row.code_module.trim()}-${row.code_presentation.trim()}-${row.id_student.trim()}`;
	const endedOn =
		outcome.status === 'withdrawn'
			? addDays(start, Math.max(unregistrationDay ?? 0, 0))
			: addDays(start, presentationLength!);
	const enrolment: Enrolment = {
		id,
		learnerId,
		credentialId: row.code_module.trim(),
		cohort: row.code_presentation.trim(),
		startedOn: start,
		endedOn,
		status: outcome.status,
		result: outcome.result
	};
	const award: Award | null =
		outcome.status === 'completed'
			? {
					id,
					learnerId,
					credentialId: enrolment.credentialId,
					enrolmentId: id,
					issuedOn: endedOn,
					expiresOn: null,
					verification: 'unsigned',
					verificationReason: 'OULAD records carry no signature'
				}
			: null;
	return { enrolment, award };
}
