// The unit lists of a packaging-rules topic: which units are core, which elective group each
// elective sits in, the prerequisites the document names, and the units it flags with an asterisk
// without naming the prerequisite. Rule sentences (the prose around the lists) are returned
// untouched for rules.ts.
//
// Lists come in two layouts: table rows "CODE | Title" and paragraphs "CODE Title". A heading
// ("Core units", "Group A - Specialist Electives", "General elective units") opens a section; a
// prose line closes it, so specialisation lists further down never leak into an elective group.
import type { Line } from './xml.ts';

/** A national unit code: 3-letter package, area letters, digits, optional version letter. */
export const UNIT_CODE = /^[A-Z]{3}[A-Z]{0,6}\d{2,6}[A-Z]?$/;

export type Section = {
	/** 'core', a group letter ('A'…), or a lower-case name ('general', 'driver awareness', 'electives'). */
	key: string;
	heading: string;
	units: string[];
};

export type Listing = {
	sections: Section[];
	titles: Map<string, string>;
	prerequisites: Array<{ credentialId: string; requiredId: string }>;
	/** Units marked as having a prerequisite that the document does not name. */
	flagged: string[];
	/** Rule prose, in order, with the unit lines and headings taken out. */
	prose: Line[];
	/** Units listed after "Select the following N elective units:" (specialisation lists), by that line. */
	selections: Array<{ line: string; name: string; units: string[] }>;
	/** "X OR Y" alternatives inside a list: a rule the groups cannot express. */
	alternatives: string[];
};

type UnitLine = {
	code: string;
	title: string;
	stars: number;
	prerequisite?: { code: string; title: string };
};

function unitLine(line: Line, ownCode: string): UnitLine | null {
	if (line.cells) {
		const [first, second = '', third = ''] = line.cells;
		const m = first.match(/^([A-Z0-9]+)\s*(\**)$/);
		if (!m || !UNIT_CODE.test(m[1]) || m[1] === ownCode) return null;
		// TLI marks prerequisites inside the title cell: "Title ∟CODE Prerequisite title".
		const [title, prereq] = second.split('∟');
		const p = prereq?.trim().match(/^([A-Z0-9]+)\s+(.*)$/);
		const stars = m[2].length || (third.includes('*') ? 1 : 0) || (/\*$/.test(title.trim()) ? 1 : 0);
		return {
			code: m[1],
			title: title.replace(/\*+$/, '').trim(),
			stars,
			prerequisite: p && UNIT_CODE.test(p[1]) ? { code: p[1], title: p[2].trim() } : undefined
		};
	}
	const m = line.text.match(/^([A-Z0-9]+)(\**)\s+(.+?)(\**)$/);
	if (!m || !UNIT_CODE.test(m[1]) || m[1] === ownCode) return null;
	return { code: m[1], title: m[3].trim(), stars: m[2].length || m[4].length };
}

/** A section heading, or null when the line is not one. */
function headingKey(text: string): string | null {
	const t = text.replace(/\bu nits\b/gi, 'units').trim();
	if (t.length > 80 || /\d/.test(t)) return null;
	// Rule prose names groups too ("All Group A elective units", "up to two … from Group B").
	if (
		/\b(must|may|can|select|chosen|following|all|up to|from|of which|remaining|at least|no more|one|two|three|four|five)\b/i.test(
			t
		)
	)
		return null;
	const group = t.match(/\bGroup\s+([A-Z])\b/);
	if (group) return group[1];
	if (/^core\b/i.test(t)) return 'core';
	const named = t.match(/^(.*?)\s*electives?(?: units?)?$/i);
	if (named) return named[1].trim().toLowerCase() || 'electives';
	return null;
}

const PREREQ_HEADER = /prerequisite/i;

/** The listing being read, and where the reader stands in it. */
type ListingReader = {
	code: string;
	sections: Section[];
	titles: Map<string, string>;
	prerequisites: Listing['prerequisites'];
	starred: Map<string, number>;
	prose: Line[];
	selections: Listing['selections'];
	alternatives: string[];
	current: Section | null;
	inPrereqTable: boolean;
	selection: { line: string; name: string; units: string[] } | null;
	pendingOr: string | null;
	lastUnit: UnitLine | null;
};

/** Splits the packaging topic's lines into unit sections, prerequisites and rule prose. */
export function readListing({ lines, code }: { lines: Line[]; code: string }): Listing {
	const r: ListingReader = {
		code,
		sections: [],
		titles: new Map(),
		prerequisites: [],
		starred: new Map(),
		prose: [],
		selections: [],
		alternatives: [],
		current: null,
		inPrereqTable: false,
		selection: null,
		pendingOr: null,
		lastUnit: null
	};
	for (const line of lines) {
		if (readPrerequisiteTable(r, line)) continue;
		if (!line.cells) r.inPrereqTable = false;
		const unit = unitLine(line, code);
		if (unit) readUnit(r, unit);
		else readOtherLine(r, line);
	}
	readFootnotePrerequisites(r);
	const named = new Set(r.prerequisites.map((p) => p.credentialId));
	const flagged = [...r.starred.keys()].filter((c) => !named.has(c)).sort();
	return {
		sections: mergeSections(r.sections.filter((s) => s.units.length > 0)),
		titles: r.titles,
		prerequisites: r.prerequisites,
		flagged,
		prose: r.prose,
		selections: r.selections,
		alternatives: [...new Set(r.alternatives)]
	};
}

function addPrereq(r: ListingReader, credentialId: string, requiredId: string): void {
	if (!r.prerequisites.some((p) => p.credentialId === credentialId && p.requiredId === requiredId))
		r.prerequisites.push({ credentialId, requiredId });
}

function titleIfNew(r: ListingReader, code: string, title: string): void {
	if (!r.titles.has(code)) r.titles.set(code, title);
}

/**
 * A prerequisite table: "UNIT IN THIS QUALIFICATION | PREREQUISITE UNIT" then rows of codes.
 * True when the line was the table's header or one of its rows.
 */
function readPrerequisiteTable(r: ListingReader, line: Line): boolean {
	if (line.cells && PREREQ_HEADER.test(line.cells[1] ?? '') && !UNIT_CODE.test(line.cells[0])) {
		r.inPrereqTable = true;
		r.current = null;
		return true;
	}
	if (!r.inPrereqTable || !line.cells) return false;
	const [unitCell, requiredCell = ''] = line.cells;
	const unit = unitCell.match(/^([A-Z0-9]+)\s+(.*)$/);
	if (!unit || !UNIT_CODE.test(unit[1])) return false;
	// Several prerequisites share one cell: "CODE Title CODE Title".
	const parts = requiredCell.split(/\s(?=[A-Z]{3}[A-Z]{0,6}\d{2,6}[A-Z]?\s)/);
	for (const part of parts) {
		const req = part.trim().match(/^([A-Z0-9]+)\s+(.*)$/);
		if (req && UNIT_CODE.test(req[1])) {
			addPrereq(r, unit[1], req[1]);
			titleIfNew(r, req[1], req[2].replace(/\.$/, '').trim());
		}
	}
	titleIfNew(r, unit[1], unit[2].replace(/\.$/, '').trim());
	return true;
}

function readUnit(r: ListingReader, unit: UnitLine): void {
	if (!r.titles.has(unit.code) || r.titles.get(unit.code) === '') r.titles.set(unit.code, unit.title);
	if (unit.stars) r.starred.set(unit.code, Math.max(r.starred.get(unit.code) ?? 0, unit.stars));
	if (unit.prerequisite) {
		addPrereq(r, unit.code, unit.prerequisite.code);
		titleIfNew(r, unit.prerequisite.code, unit.prerequisite.title);
	}
	if (r.pendingOr && r.lastUnit) {
		r.alternatives.push(`${r.lastUnit.code} ${r.lastUnit.title} OR ${unit.code} ${unit.title}`);
		r.pendingOr = null;
	}
	if (r.current) {
		if (!r.current.units.includes(unit.code)) r.current.units.push(unit.code);
	} else if (r.selection) r.selection.units.push(unit.code);
	r.lastUnit = unit;
}

/** A line that is not a unit: "OR" inside a list, a heading opening a section, or prose. */
function readOtherLine(r: ListingReader, line: Line): void {
	const text = line.text;
	if (/^(or)$/i.test(text) && (r.current || r.selection) && r.lastUnit) {
		// "X OR Y" inside a list, or between the lines of a specialisation list.
		r.pendingOr = text;
		return;
	}
	if (/^plus$/i.test(text) && r.selection) return;
	if (line.cells && /^unit code$/i.test(line.cells[0])) return;
	const key = line.cells ? null : headingKey(text);
	if (key) {
		r.selection = null;
		// "Specialist Elective Units" above "Group A: …": an umbrella heading with no units of its own.
		r.current = { key, heading: text.replace(/\s*\|\s*$/, ''), units: [] };
		r.sections.push(r.current);
		return;
	}
	// Prose ends a list.
	r.current = null;
	const select = text.match(/^select the following (\w+) elective units?:?$/i);
	// The specialisation's name is the heading just above "Select the following N elective units:".
	const name = r.prose.at(-1)?.text ?? text;
	r.selection = select ? { line: text, name, units: [] } : null;
	if (r.selection && select) r.selections.push(r.selection);
	r.prose.push(line);
}

/** CPP-style footnote: "*Prerequisite unit X … **Prerequisite unit Y …" keyed by the number of stars. */
function readFootnotePrerequisites(r: ListingReader): void {
	for (const line of r.prose) {
		for (const m of line.text.matchAll(/(\*+)\s*Prerequisite unit\s+([A-Z0-9]+)\s+([^*]*)/g)) {
			const stars = m[1].length;
			const required = m[2];
			if (!UNIT_CODE.test(required)) continue;
			titleIfNew(r, required, m[3].replace(/\.\s*$/, '').trim());
			for (const [unitCode, s] of r.starred) if (s === stars) addPrereq(r, unitCode, required);
		}
	}
}

/** A heading repeated further down (a group split across two tables) continues its section. */
function mergeSections(sections: Section[]): Section[] {
	const out: Section[] = [];
	for (const s of sections) {
		const same = out.find((o) => o.key === s.key);
		if (!same) out.push(s);
		else for (const u of s.units) if (!same.units.includes(u)) same.units.push(u);
	}
	return out;
}
