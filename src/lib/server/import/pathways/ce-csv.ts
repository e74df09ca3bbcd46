// Credential Engine's pathway bulk-upload CSV: one row per Pathway, component and
// ComponentCondition, keyed by `External Identifier`:
//   Pathway             hasDestinationComponent → the component the pathway leads to
//   *Component          name, sourceData (the resource it stands for, e.g. a badge URL),
//                       credentialType, hasChild, hasCondition
//   ComponentCondition  requiredNumber of targetComponent
// Multi-valued cells are " | "-separated; header spellings vary ("Has Child", "hasChild"), so
// columns are matched without case or spaces. A component's conditions are what completes it (all
// of them); a component with children and no condition needs all of its children. Structural
// components (Basic, Selection, Multi) are nested groups; the others stand for credentials,
// identified by their sourceData, else their registry URI (a CTID) — so the same badge from
// Badgr and from the CSV is one credential. The destination component is the qualification.
import type { CredentialKind } from '../../../domain/types.ts';
import { parseCsv } from '../csv.ts';
import { kindOfClasses } from '../ctdl/index.ts';
import { decodeText } from '../json/index.ts';
import { ImportRefusal, type ImportIssue, type ParsedUnit } from '../records.ts';
import { pathwayRows, type PathwayCredential, type Requirement, type RequirementMember } from './tree.ts';

const STRUCTURAL = new Set(['BasicComponent', 'SelectionComponent', 'MultiComponent']);
const UNITS = new Set(['CourseComponent', 'AssessmentComponent']);
const COLUMNS = {
	id: 'externalidentifier',
	type: 'pathwaycomponenttype',
	name: 'name',
	description: 'description',
	destination: 'hasdestinationcomponent',
	source: 'sourcedata',
	credentialType: 'credentialtype',
	children: 'haschild',
	conditions: 'hascondition',
	requiredNumber: 'requirednumber',
	targets: 'targetcomponent'
} as const;

const normal = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Whether a file's first line is the bulk-upload header (for detection on a file's head). */
export function looksLikePathwayCsv(head: string): boolean {
	const first = normal(head.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '');
	return first.includes(COLUMNS.id) && first.includes(COLUMNS.type);
}

type Row = {
	line: number;
	get(column: keyof typeof COLUMNS): string;
	header(column: keyof typeof COLUMNS): string;
};

const list = (cell: string) =>
	cell
		.split('|')
		.map((s) => s.trim())
		.filter(Boolean);

class Reader {
	readonly issues: ImportIssue[] = [];
	constructor(
		private readonly file: string,
		private readonly rows: Map<string, Row>
	) {}

	private issue(row: Row, column: keyof typeof COLUMNS, message: string) {
		this.issues.push({ file: this.file, line: row.line, field: row.header(column), message });
	}

	private kind(row: Row): CredentialKind {
		const type = row.get('type');
		if (UNITS.has(type)) return 'unit';
		if (type === 'CredentialComponent') return kindOfClasses(list(row.get('credentialType'))) ?? 'micro';
		return 'participation';
	}

	private credentialId(row: Row, id: string): string {
		const source = list(row.get('source'))[0];
		if (source) return source;
		return /^ce-[0-9a-f-]{36}$/i.test(id)
			? `https://credentialengineregistry.org/resources/${id}`
			: `ce-pathway:${id}`;
	}

	/** What completes a component: each of its conditions, else all of its children. */
	requirements(row: Row, seen: ReadonlySet<string>): Requirement[] {
		const label = row.get('name') || null;
		const conditions = list(row.get('conditions'));
		if (conditions.length === 0) {
			const children = list(row.get('children'));
			return children.length === 0
				? []
				: [{ label, n: null, members: this.members(row, 'children', children, seen) }];
		}
		return conditions.flatMap((id) => {
			const condition = this.rows.get(id);
			if (!condition || condition.get('type') !== 'ComponentCondition') {
				this.issue(row, 'conditions', `${id} is not a ComponentCondition row of this file`);
				return [];
			}
			const raw = condition.get('requiredNumber');
			let n: number | null = null;
			if (raw !== '') {
				n = Number(raw);
				if (!Number.isInteger(n) || n < 0) {
					this.issue(condition, 'requiredNumber', `"${raw}" is not a whole number`);
					return [];
				}
			}
			return [
				{
					label: conditions.length > 1 ? condition.get('name') || label : label,
					n,
					members: this.members(condition, 'targets', list(condition.get('targets')), seen)
				}
			];
		});
	}

	private members(
		from: Row,
		column: 'children' | 'targets',
		ids: string[],
		seen: ReadonlySet<string>
	): RequirementMember[] {
		return ids.flatMap((id): RequirementMember[] => {
			const row = this.rows.get(id);
			if (!row || row.get('type') === 'ComponentCondition' || row.get('type') === 'Pathway') {
				this.issue(from, column, `${id} is not a component row of this file`);
				return [];
			}
			const member = this.component(id, row, seen);
			return member ? [member] : [];
		});
	}

	component(id: string, row: Row, seen: ReadonlySet<string>): RequirementMember | null {
		if (seen.has(id) || seen.size > 32) {
			this.issue(row, 'children', `${id} is part of itself (a cycle of components)`);
			return null;
		}
		const inner = new Set([...seen, id]);
		const requirements = this.requirements(row, inner);
		const name = row.get('name') || null;
		if (STRUCTURAL.has(row.get('type'))) {
			if (requirements.length === 0) return null;
			if (requirements.length === 1) return { group: { ...requirements[0], label: name } };
			return { group: { label: name, n: null, members: requirements.map((r) => ({ group: r })) } };
		}
		const credential: PathwayCredential = {
			id: this.credentialId(row, id),
			title: name,
			kind: this.kind(row),
			description: row.get('description') || null,
			requirements
		};
		return { credential };
	}
}

export type PathwayCsvInput = { file: string; bytes: Uint8Array };

/** One unit per Pathway row: its destination and everything under it. */
export async function* parsePathwayCsv(input: PathwayCsvInput): AsyncGenerator<ParsedUnit> {
	const { rows, pathways } = await readRows(input);
	for (const pathway of pathways) yield pathwayUnit(input.file, rows, pathway);
}

/** Every row by its External Identifier, and the Pathway rows; a refusal when the file is not one. */
async function readRows(input: PathwayCsvInput): Promise<{ rows: Map<string, Row>; pathways: Row[] }> {
	const { file } = input;
	const text = decodeText(input.bytes, file);
	const records = parseCsv(
		(async function* () {
			yield text;
		})(),
		{ file }
	);
	let header: string[] | undefined;
	let index = new Map<string, number>();
	const rows = new Map<string, Row>();
	const pathways: Row[] = [];
	for await (const record of records) {
		if (!header) {
			header = record.fields.map((h) => h.trim());
			index = new Map(header.map((h, i) => [normal(h), i]));
			const missing = ([COLUMNS.id, COLUMNS.type] as string[]).filter((c) => !index.has(c));
			if (missing.length > 0)
				throw new ImportRefusal([
					{
						file,
						line: record.line,
						message:
							'not a pathway bulk-upload CSV: no External Identifier and Pathway Component Type columns'
					}
				]);
			continue;
		}
		const fields = record.fields;
		const h = header;
		const row: Row = {
			line: record.line,
			get: (column) => (fields[index.get(COLUMNS[column]) ?? -1] ?? '').trim(),
			header: (column) => h[index.get(COLUMNS[column]) ?? -1] ?? column
		};
		const id = row.get('id');
		if (!id) continue;
		rows.set(id, row);
		if (row.get('type') === 'Pathway') pathways.push(row);
	}
	if (pathways.length === 0)
		throw new ImportRefusal([
			{ file, message: 'the file has no Pathway row, so no component leads anywhere' }
		]);
	return { rows, pathways };
}

function pathwayUnit(file: string, rows: Map<string, Row>, pathway: Row): ParsedUnit {
	const at = { file, line: pathway.line };
	const reader = new Reader(file, rows);
	const destinationId = pathway.get('destination').split('|')[0]?.trim();
	const destination = destinationId ? rows.get(destinationId) : undefined;
	if (!destinationId || !destination) {
		return {
			kind: 'rejected',
			at,
			issues: [
				{
					file,
					line: pathway.line,
					field: pathway.header('destination'),
					message: destinationId
						? `${destinationId} is not a row of this file`
						: 'the pathway names no destination component'
				}
			]
		};
	}
	const member = reader.component(destinationId, destination, new Set());
	const qualification: PathwayCredential | null =
		member && 'credential' in member
			? { ...member.credential, kind: 'macro' }
			: member
				? {
						id: /^ce-[0-9a-f-]{36}$/i.test(pathway.get('id'))
							? `https://credentialengineregistry.org/resources/${pathway.get('id')}`
							: `ce-pathway:${pathway.get('id')}`,
						title: pathway.get('name') || null,
						kind: 'macro',
						description: pathway.get('description') || null,
						requirements: [member.group]
					}
				: null;
	if (reader.issues.length > 0 || !qualification) {
		return {
			kind: 'rejected',
			at,
			issues: reader.issues.length
				? reader.issues
				: [{ file, line: pathway.line, message: 'the destination component asks for nothing' }]
		};
	}
	const { rows: out, warnings } = pathwayRows({ qualification }, at);
	return { kind: 'rows', at, rows: out, ...(warnings.length ? { warnings } : {}) };
}
