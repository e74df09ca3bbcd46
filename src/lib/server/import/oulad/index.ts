// The OULAD format: recognised by its file names (studentInfo, studentRegistration, courses; plain
// or .gz), read as published (quoted, CRLF or LF, blanks). The dataset's figures are quoted by
// policymakers and checked against references, so it is strict: one bad row refuses the import.
import { readCsvFile } from '../csv.ts';
import {
	ImportRefusal,
	type ImportIssue,
	type ImportRow,
	type ParsedUnit,
	type SourceLocation
} from '../records.ts';
import { textLayout, type SourceFile } from '../source.ts';
import type { ImportJob } from '../loader.ts';
import {
	OULAD_PROVIDER,
	learnerOf,
	mapRegistration,
	moduleCredential,
	parseDay,
	presentationOrder,
	type StudentInfoRow
} from './mapping.ts';

const FILES = {
	info: 'studentInfo.csv',
	registration: 'studentRegistration.csv',
	courses: 'courses.csv'
} as const;

/**
 * The OULAD tables Stackwise does not use (assessment results and the virtual learning
 * environment's clicks): known by name, listed as skipped, never refused.
 */
const UNUSED = ['assessments.csv', 'studentAssessment.csv', 'vle.csv', 'studentVle.csv'] as const;

const COLUMNS = {
	courses: ['code_module', 'code_presentation', 'module_presentation_length'],
	registration: [
		'code_module',
		'code_presentation',
		'id_student',
		'date_registration',
		'date_unregistration'
	],
	info: [
		'code_module',
		'code_presentation',
		'id_student',
		'gender',
		'region',
		'highest_education',
		'imd_band',
		'age_band',
		'disability',
		'final_result'
	]
} as const;

const byName = (files: SourceFile[], name: string) =>
	files.find((f) => f.name.toLowerCase() === name.toLowerCase());

/** Why a known OULAD table among `files` is skipped, for each one there (only beside studentInfo.csv). */
export function ouladUnused(files: SourceFile[]): { file: SourceFile; reason: string }[] {
	if (!byName(files, FILES.info)) return [];
	return UNUSED.map((name) => byName(files, name))
		.filter((f): f is SourceFile => f !== undefined)
		.map((file) => ({
			file,
			reason: 'a known OULAD table Stackwise does not use (assessment results and VLE activity are not read)'
		}));
}

/** The OULAD files among `files`, or undefined when studentInfo.csv is not one of them. */
export function claimOulad(files: SourceFile[]): SourceFile[] | undefined {
	if (!byName(files, FILES.info)) return undefined;
	return Object.values(FILES)
		.map((name) => byName(files, name))
		.filter((f): f is SourceFile => f !== undefined);
}

export function ouladJob(files: SourceFile[]): ImportJob {
	const info = byName(files, FILES.info);
	const registration = byName(files, FILES.registration);
	const courses = byName(files, FILES.courses);
	const missing = [
		[FILES.info, info],
		[FILES.registration, registration],
		[FILES.courses, courses]
	]
		.filter(([, f]) => !f)
		.map(([name]) => name);
	return {
		format: 'oulad',
		files,
		strict: true,
		layout: (file) => textLayout(file),
		async *parse(onBytes) {
			if (missing.length > 0 || !info || !registration || !courses)
				throw new ImportRefusal([
					{
						file: info?.path ?? files[0]?.path ?? 'OULAD',
						message: `OULAD needs ${missing.join(' and ')} beside studentInfo.csv`
					}
				]);
			yield* parseOulad({ info, registration, courses }, onBytes);
		}
	};
}

const key = (codeModule: string, codePresentation: string, idStudent = '') =>
	`${codeModule.trim()}\u0001${codePresentation.trim()}\u0001${idStudent.trim()}`;

async function* parseOulad(
	{ info, registration, courses }: Record<'info' | 'registration' | 'courses', SourceFile>,
	onBytes: (bytes: number) => void
): AsyncGenerator<ParsedUnit> {
	const lengths = new Map<string, number>();
	yield* readCourses(courses, onBytes, lengths);
	const unregistration = new Map<string, number | null>();
	yield* readRegistrations(registration, onBytes, unregistration);
	yield* readStudentInfo({ info, registration, onBytes, lengths, unregistration });
}

type Problem = Omit<ImportIssue, keyof SourceLocation>;

/** A row refused for its problems, each placed at the row. */
const rejected = (at: SourceLocation, problems: Problem[]): ParsedUnit => ({
	kind: 'rejected',
	at,
	issues: problems.map((p) => ({ ...at, ...p }))
});

/**
 * Each row of one of the files, answered by `read`: a rejection, rows, or nothing (a row only
 * remembered). A row the CSV reader itself refused is rejected on the way.
 */
async function* eachRow(
	file: SourceFile,
	required: readonly string[],
	onBytes: (bytes: number) => void,
	read: (values: Record<string, string>, at: { file: string; line: number }) => ParsedUnit | undefined
): AsyncGenerator<ParsedUnit> {
	for await (const row of readCsvFile(file, { required, onBytes })) {
		const at = { file: file.path, line: row.line };
		const unit =
			'issue' in row ? { kind: 'rejected' as const, at, issues: [row.issue] } : read(row.values, at);
		if (unit) yield unit;
	}
}

/** courses.csv: presentation lengths (into `lengths`), and the modules (credentials). */
async function* readCourses(
	courses: SourceFile,
	onBytes: (bytes: number) => void,
	lengths: Map<string, number>
): AsyncGenerator<ParsedUnit> {
	yield* eachRow(courses, COLUMNS.courses, onBytes, (v, at) => {
		const length = parseDay(v.module_presentation_length);
		if (typeof length !== 'number' || length < 0)
			return rejected(at, [
				{
					field: 'module_presentation_length',
					message: `"${v.module_presentation_length}" is not a number of days`
				}
			]);
		if (v.code_module.trim() === '') return rejected(at, [{ field: 'code_module', message: 'is required' }]);
		lengths.set(key(v.code_module, v.code_presentation), length);
		return {
			kind: 'rows',
			at,
			rows: [
				{ table: 'providers', row: OULAD_PROVIDER },
				{ table: 'credentials', row: moduleCredential(v.code_module.trim()) }
			]
		};
	});
}

/** studentRegistration.csv: the withdrawal day of each registration (into `unregistration`). */
async function* readRegistrations(
	registration: SourceFile,
	onBytes: (bytes: number) => void,
	unregistration: Map<string, number | null>
): AsyncGenerator<ParsedUnit> {
	yield* eachRow(registration, COLUMNS.registration, onBytes, (v, at) => {
		const issues: Problem[] = [];
		for (const field of ['date_registration', 'date_unregistration'] as const)
			if (parseDay(v[field]) === 'invalid')
				issues.push({ field, message: `"${v[field]}" is not a whole number of days` });
		if (!/^\d+$/.test(v.id_student.trim()))
			issues.push({ field: 'id_student', message: `"${v.id_student}" is not a student number` });
		if (issues.length > 0) return rejected(at, issues);
		unregistration.set(
			key(v.code_module, v.code_presentation, v.id_student),
			parseDay(v.date_unregistration) as number | null
		);
		// Registrations contribute through studentInfo rows; reading one stores its withdrawal day.
		return { kind: 'rows', at, rows: [] };
	});
}

async function* readStudentInfo({
	info,
	registration,
	onBytes,
	lengths,
	unregistration
}: {
	info: SourceFile;
	registration: SourceFile;
	onBytes: (bytes: number) => void;
	lengths: Map<string, number>;
	unregistration: Map<string, number | null>;
}): AsyncGenerator<ParsedUnit> {
	// studentInfo.csv: read whole first, because a learner's groups come from their latest
	// presentation (age_band changes between presentations for 72 students).
	const rows: { line: number; values: StudentInfoRow }[] = [];
	const latest = new Map<string, { order: string; values: StudentInfoRow }>();
	yield* eachRow(info, COLUMNS.info, onBytes, (v, { line }) => {
		const values = v as StudentInfoRow;
		rows.push({ line, values });
		const student = values.id_student.trim();
		const order = presentationOrder(values.code_presentation.trim());
		const seen = latest.get(student);
		// Ties (two modules in one presentation) go to the later row in the file.
		if (!seen || order >= seen.order) latest.set(student, { order, values });
		return undefined;
	});
	for (const { line, values } of rows) {
		const at = { file: info.path, line };
		const regKey = key(values.code_module, values.code_presentation, values.id_student);
		const length = lengths.get(key(values.code_module, values.code_presentation));
		const mapped = mapRegistration(values, length, unregistration.get(regKey) ?? null);
		if (Array.isArray(mapped)) {
			yield { kind: 'rejected', at, issues: mapped.map((p) => ({ ...at, ...p })) };
			continue;
		}
		if (mapped.enrolment.status === 'withdrawn' && !unregistration.has(regKey)) {
			yield rejected(at, [
				{ field: 'id_student', message: `no row in ${registration.name} for this registration` }
			]);
			continue;
		}
		const learner = learnerOf(latest.get(values.id_student.trim())!.values);
		const out: ImportRow[] = [
			{ table: 'learners', row: learner },
			{ table: 'enrolments', row: mapped.enrolment }
		];
		if (mapped.award) out.push({ table: 'awards', row: mapped.award });
		yield { kind: 'rows', at, rows: out };
	}
}
