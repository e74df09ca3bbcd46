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

/** Splits the packaging topic's lines into unit sections, prerequisites and rule prose. */
export function readListing({ lines, code }: { lines: Line[]; code: string }): Listing {
	const sections: Section[] = [];
	const titles = new Map<string, string>();
	const prerequisites: Listing['prerequisites'] = [];
	const starred = new Map<string, number>();
	const prose: Line[] = [];
	const selections: Listing['selections'] = [];
	const alternatives: string[] = [];
	let current: Section | null = null;
	let inPrereqTable = false;
	let selection: { line: string; name: string; units: string[] } | null = null;
	let pendingOr: string | null = null;
	let lastUnit: UnitLine | null = null;

	const addPrereq = (credentialId: string, requiredId: string) => {
		if (!prerequisites.some((p) => p.credentialId === credentialId && p.requiredId === requiredId))
			prerequisites.push({ credentialId, requiredId });
	};

	for (const line of lines) {
		// A prerequisite table: "UNIT IN THIS QUALIFICATION | PREREQUISITE UNIT" then rows of codes.
		if (line.cells && PREREQ_HEADER.test(line.cells[1] ?? '') && !UNIT_CODE.test(line.cells[0])) {
			inPrereqTable = true;
			current = null;
			continue;
		}
		if (inPrereqTable && line.cells) {
			const [unitCell, requiredCell = ''] = line.cells;
			const unit = unitCell.match(/^([A-Z0-9]+)\s+(.*)$/);
			if (unit && UNIT_CODE.test(unit[1])) {
				// Several prerequisites share one cell: "CODE Title CODE Title".
				const parts = requiredCell.split(/\s(?=[A-Z]{3}[A-Z]{0,6}\d{2,6}[A-Z]?\s)/);
				for (const part of parts) {
					const r = part.trim().match(/^([A-Z0-9]+)\s+(.*)$/);
					if (r && UNIT_CODE.test(r[1])) {
						addPrereq(unit[1], r[1]);
						if (!titles.has(r[1])) titles.set(r[1], r[2].replace(/\.$/, '').trim());
					}
				}
				if (!titles.has(unit[1])) titles.set(unit[1], unit[2].replace(/\.$/, '').trim());
				continue;
			}
		}
		if (!line.cells) inPrereqTable = false;

		const unit = unitLine(line, code);
		if (unit) {
			if (!titles.has(unit.code) || titles.get(unit.code) === '') titles.set(unit.code, unit.title);
			if (unit.stars) starred.set(unit.code, Math.max(starred.get(unit.code) ?? 0, unit.stars));
			if (unit.prerequisite) {
				addPrereq(unit.code, unit.prerequisite.code);
				if (!titles.has(unit.prerequisite.code)) titles.set(unit.prerequisite.code, unit.prerequisite.title);
			}
			if (pendingOr && lastUnit) {
				alternatives.push(`${lastUnit.code} ${lastUnit.title} OR ${unit.code} ${unit.title}`);
				pendingOr = null;
			}
			if (current) {
				if (!current.units.includes(unit.code)) current.units.push(unit.code);
			} else if (selection) selection.units.push(unit.code);
			lastUnit = unit;
			continue;
		}
		const text = line.text;
		if (/^(or)$/i.test(text) && (current || selection) && lastUnit) {
			// "X OR Y" inside a list, or between the lines of a specialisation list.
			pendingOr = text;
			continue;
		}
		if (/^plus$/i.test(text) && selection) continue;
		if (line.cells && /^unit code$/i.test(line.cells[0])) continue;
		const key = line.cells ? null : headingKey(text);
		if (key) {
			selection = null;
			// "Specialist Elective Units" above "Group A: …": an umbrella heading with no units of its own.
			current = { key, heading: text.replace(/\s*\|\s*$/, ''), units: [] };
			sections.push(current);
			continue;
		}
		// Prose ends a list.
		current = null;
		const select = text.match(/^select the following (\w+) elective units?:?$/i);
		// The specialisation's name is the heading just above "Select the following N elective units:".
		const name = prose.at(-1)?.text ?? text;
		selection = select ? { line: text, name, units: [] } : null;
		if (selection && select) selections.push(selection);
		prose.push(line);
	}

	// CPP-style footnote: "*Prerequisite unit X … **Prerequisite unit Y …" keyed by the number of stars.
	for (const line of prose) {
		for (const m of line.text.matchAll(/(\*+)\s*Prerequisite unit\s+([A-Z0-9]+)\s+([^*]*)/g)) {
			const stars = m[1].length;
			const required = m[2];
			if (!UNIT_CODE.test(required)) continue;
			if (!titles.has(required)) titles.set(required, m[3].replace(/\.\s*$/, '').trim());
			for (const [unitCode, s] of starred) if (s === stars) addPrereq(unitCode, required);
		}
	}
	const named = new Set(prerequisites.map((p) => p.credentialId));
	const flagged = [...starred.keys()].filter((c) => !named.has(c)).sort();
	return {
		sections: mergeSections(sections.filter((s) => s.units.length > 0)),
		titles,
		prerequisites,
		flagged,
		prose,
		selections,
		alternatives: [...new Set(alternatives)]
	};
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
