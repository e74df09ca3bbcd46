// training.gov.au qualification release → catalogue rows: the qualification (kind 'macro', AQF
// level), its units (kind 'unit'), requirement groups, and the prerequisites the document names.
// Pure: takes the XML text and a file name for messages, touches no file system.
// How packaging rules become groups: see compile.ts.
import type { Credential, Prerequisite, RequirementGroup } from '../../../domain/types.ts';
import { credentialRow, ImportRefusal, type ImportRow, type ParsedUnit } from '../records.ts';
import { compileRules, type Compiled } from './compile.ts';
import { readListing } from './listing.ts';
import { readRules, sentencesOf } from './rules.ts';
import { readReleaseDocument } from './xml.ts';

export type TgaRelease = {
	file: string;
	release: string | null;
	qualification: Credential;
	units: Credential[];
	groups: RequirementGroup[];
	/** The counts the rules state (electives derived as total − core where not stated). */
	counts: { total: number | null; core: number | null; electives: number | null };
	prerequisites: Prerequisite[];
	/** Exact packaging-rule sentences the parser could not model, with `unparsedReasons[i]` saying why. */
	unparsed: string[];
	unparsedReasons: string[];
	/** Allowances for units from outside the listed ones; not groups (see compile.ts). */
	imports: Array<{ max: number; sentence: string }>;
	/** Optional specialisations (named on the testamur, not needed for the award). */
	specialisations: Compiled['specialisations'];
	/** Units the document marks as having a prerequisite without naming it. */
	unnamedPrerequisites: string[];
};

const AQF_LEVELS: Array<[RegExp, string]> = [
	[/^Graduate Diploma\b/, '8'],
	[/^Graduate Certificate\b/, '8'],
	[/^Advanced Diploma\b/, '6'],
	[/^Diploma\b/, '5'],
	[/^Certificate IV\b/, '4'],
	[/^Certificate III\b/, '3'],
	[/^Certificate II\b/, '2'],
	[/^Certificate I\b/, '1']
];

/** AQF level from the title, checked against the code's level digit (BSB4xxxx is a Certificate IV). */
export function aqfLevel({ code, title }: { code: string; title: string }): string | null {
	const fromTitle = AQF_LEVELS.find(([re]) => re.test(title))?.[1] ?? null;
	const digit = code.match(/^[A-Z]{3}(\d)/)?.[1] ?? null;
	// Code digits 1–4 are certificates I–IV, 5 diploma, 6 advanced diploma; 8 graduate awards.
	const fromCode = digit && ['1', '2', '3', '4', '5', '6', '8'].includes(digit) ? digit : null;
	if (fromTitle && fromCode && fromTitle !== fromCode) return null;
	return fromTitle ?? fromCode;
}

function credential(c: Pick<Credential, 'id' | 'title' | 'kind'> & Partial<Credential>): Credential {
	// Nationally recognised training: every unit of competency is assessed, and delivery is
	// regulated (ASQA / state regulators).
	return credentialRow({ assessed: true, assessmentType: 'competency-based', qualityAssured: true, ...c });
}

/** Parses one release document. Throws ImportRefusal when the file is not a readable release. */
export function parseTgaRelease(xml: string, file: string): TgaRelease {
	let doc;
	try {
		doc = readReleaseDocument(xml);
	} catch (e) {
		throw new ImportRefusal([{ file, message: (e as Error).message }]);
	}
	const { code, title } = doc;
	const listing = readListing({ lines: doc.packaging, code });
	const selectionLines = new Set(listing.selections.map((s) => s.line));
	const sentences = listing.prose
		.filter((l) => !selectionLines.has(l.text))
		.flatMap((l) => sentencesOf(l.text));
	const keys = listing.sections.map((s) => s.key);
	const facts = readRules({ sentences, keys, code });
	const compiled = compileRules({ code, facts, sections: listing.sections });

	const unparsed = [...compiled.unparsed];
	for (const alt of listing.alternatives)
		unparsed.push({
			sentence: alt,
			reason: 'alternative units ("OR"): only one of the pair counts; both are listed as members'
		});
	// "Select the following N elective units:" lists of optional specialisations.
	const specialisations = [...compiled.specialisations];
	for (const s of listing.selections) {
		const n = Number(s.line.match(/(\d+)/)?.[1] ?? NaN);
		const name = s.name;
		if (n === s.units.length)
			specialisations.push({ name, sentence: s.line, rule: 'all', n, members: s.units });
		else
			unparsed.push({
				sentence: s.line,
				reason: `specialisation ${name}: lists ${s.units.length} units for ${n}, with alternatives; not modelled`
			});
	}

	const level = aqfLevel({ code, title });
	const qualification = credential({
		id: code,
		title,
		kind: 'macro',
		levelFramework: 'AQF',
		level,
		description: doc.description.map((l) => l.text).join('\n') || null,
		unparsed: unparsed.length
			? unparsed.map((u) => (u.sentence ? `"${u.sentence}" — ${u.reason}` : u.reason))
			: null
	});
	const unitIds = new Set<string>([
		...listing.sections.flatMap((s) => s.units),
		...listing.prerequisites.flatMap((p) => [p.credentialId, p.requiredId])
	]);
	const units = [...unitIds]
		.sort()
		.map((id) => credential({ id, title: listing.titles.get(id) ?? id, kind: 'unit' }));
	return {
		file,
		release: doc.release,
		qualification,
		units,
		groups: compiled.groups,
		counts: {
			total: facts.total,
			core: facts.core,
			electives:
				facts.electives ?? (facts.total !== null && facts.core !== null ? facts.total - facts.core : null)
		},
		prerequisites: listing.prerequisites,
		unparsed: unparsed.map((u) => u.sentence),
		unparsedReasons: unparsed.map((u) => u.reason),
		imports: facts.imports,
		specialisations,
		unnamedPrerequisites: listing.flagged
	};
}

/** The parser→loader contract: one release document is one unit read. */
export function* tgaUnits({ xml, file }: { xml: string; file: string }): Generator<ParsedUnit> {
	let release: TgaRelease;
	try {
		release = parseTgaRelease(xml, file);
	} catch (e) {
		if (e instanceof ImportRefusal) {
			yield { kind: 'rejected', at: { file }, issues: e.issues };
			return;
		}
		throw e;
	}
	const rows: ImportRow[] = [
		{ table: 'credentials', row: release.qualification },
		// Units are described by their own releases; here they are only listed.
		...release.units.map((row): ImportRow => ({ table: 'credentials', row, mentioned: true })),
		...release.groups.map((row): ImportRow => ({ table: 'requirement_groups', row })),
		...release.prerequisites.map((row): ImportRow => ({ table: 'prerequisites', row }))
	];
	yield { kind: 'rows', at: { file, path: release.qualification.id }, rows };
}
