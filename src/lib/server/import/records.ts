// The contract between format parsers and the loader.
//
// A parser reads one source file and yields, for each unit it reads (a CSV line, a JSON document,
// an XML release), either the rows that unit contributes or the reasons it cannot be read.
// The loader counts units: read = stored + rejected, per file.
import type {
	Award,
	Credential,
	CredentialSkill,
	Enrolment,
	Learner,
	Prerequisite,
	Provider,
	Recognition,
	RequirementGroup
} from '../../domain/types.ts';
import type { DocumentCheck } from '../../domain/document-check.ts';
import { makeCredential } from '../../domain/stacking/index.ts';

/** Where a unit or a problem is: a line of a text file or a JSON path inside a document. */
export type SourceLocation = { file: string; line?: number; path?: string };

/** One problem, named as precisely as the source allows. */
export type ImportIssue = SourceLocation & { field?: string; message: string };

/** A row for one table. Awards may keep the document they came from. */
export type ImportRow = (
	| { table: 'providers'; row: Provider }
	| { table: 'credentials'; row: Credential }
	| { table: 'credential_skills'; row: CredentialSkill }
	| { table: 'requirement_groups'; row: RequirementGroup }
	| { table: 'prerequisites'; row: Prerequisite }
	| { table: 'recognitions'; row: Recognition }
	| { table: 'learners'; row: Learner }
	| { table: 'enrolments'; row: Enrolment }
	| { table: 'awards'; row: Award & { source?: unknown } }
) & {
	/**
	 * The document only mentions this record (a unit listed in a qualification's release): stored
	 * when missing, never overwriting what the record's own source said — so sources that spell a
	 * title differently cannot undo each other on every import.
	 */
	mentioned?: true;
};

export type ImportTable = ImportRow['table'];

/**
 * The `unparsed` note that marks a credential stub made for a badge whose own record was not
 * supplied (an Open Badges 2.0 BadgeClass): the record's own source, arriving later, replaces it.
 */
export const UNRESOLVED_BADGE = 'unresolved badge:';

/** A credential row with only what a source says filled in; everything it does not say unknown. */
export function credentialRow(
	known: Pick<Credential, 'id' | 'title' | 'kind'> & Partial<Credential>
): Credential {
	// An import knows nothing it was not told, not even whether the credential is assessed.
	return makeCredential({ assessed: null, origin: 'real', ...known });
}

/** Tables in the order their rows must be written so foreign keys hold. */
export const TABLE_ORDER: readonly ImportTable[] = [
	'providers',
	'credentials',
	'credential_skills',
	'requirement_groups',
	'prerequisites',
	'recognitions',
	'learners',
	'enrolments',
	'awards'
];

/**
 * What a parser yields per unit read. `warnings` are problems that did not stop the unit from
 * loading (a dangling reference a rule could do without, an association that is not a stacking
 * rule); the loader may report them next to the errors. `documents`: the VC 2.0 verdict and proof
 * of the verifiable credentials (and presentation) the unit was read from, reported beside it.
 */
export type ParsedUnit = (
	| { kind: 'rows'; at: SourceLocation; rows: ImportRow[]; warnings?: ImportIssue[] }
	| { kind: 'rejected'; at: SourceLocation; issues: ImportIssue[] }
) & { documents?: DocumentCheck[] };

/** A whole-file failure (unreadable, wrong format, missing column, truncated): nothing is loaded. */
export class ImportRefusal extends Error {
	readonly issues: ImportIssue[];
	constructor(issues: ImportIssue[]) {
		super(issues.map(formatIssue).join('\n'));
		this.name = 'ImportRefusal';
		this.issues = issues;
	}
}

export function formatIssue(issue: ImportIssue): string {
	const where = [issue.file, issue.line !== undefined ? `line ${issue.line}` : issue.path]
		.filter(Boolean)
		.join(', ');
	return `${where}${issue.field ? `, field ${issue.field}` : ''}: ${issue.message}`;
}

/** Progress of a long import, reported by the loader to the CLI bar and the /imports page. */
export type ImportProgress = {
	file: string;
	/** 'stored': the rows are committed; the dashboards' sums are being counted after them. */
	phase: 'reading' | 'writing' | 'summarising' | 'stored' | 'done';
	done: number;
	total: number;
};
