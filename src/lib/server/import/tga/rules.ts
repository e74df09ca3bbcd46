// Reads the prose of a training.gov.au packaging-rules topic into facts: the unit total, the core
// and elective counts, minimums and maximums per elective group, allowances for units imported from
// outside the listed ones, and alternative pathways (specialisations, "OR" options).
//
// The prose varies between training packages, so each clause is matched against a small set of
// phrasings seen in real releases ("at least three (3) must be chosen from Group A", "a minimum of
// five units must be selected from Group A", "no more than 2 may be from Group C", "the remaining
// can be selected from Group A or Group B"). A clause that carries a count or names a group but
// matches none of them is returned in `unparsed` with the reason, never guessed at: a wrong count is
// worse than an honest "not parsed".

/** Which listed units a clause talks about: section keys ('A', 'general', …) or every listed elective. */
export type Scope = string[] | 'listed';

export type Constraint =
	| { kind: 'min'; n: number; scope: Scope; sentence: string; remaining: boolean; exact: boolean }
	| { kind: 'max'; n: number; scope: Scope; sentence: string }
	| { kind: 'prefix'; n: number; scope: Scope; prefix: string; sentence: string }
	| { kind: 'allOf'; scope: Scope; sentence: string }
	| { kind: 'oneOfAll'; scope: string[]; sentence: string }
	| { kind: 'scope'; scope: Scope; sentence: string };

export type Branch = { name: string; constraints: Constraint[] };

export type Specialisation = { name: string; sentence: string; constraints: Constraint[] };

export type RuleFacts = {
	total: number | null;
	core: number | null;
	electives: number | null;
	/** Constraints every completion must meet. */
	constraints: Constraint[];
	/** Mandatory alternatives: exactly one branch's constraints must be met. */
	branches: Branch[];
	/** Optional specialisations: named on the testamur when met, not needed for the award. */
	specialisations: Specialisation[];
	/** Allowances for units from outside the listed ones ("up to 2 from any training package"). */
	imports: Array<{ max: number; sentence: string }>;
	unparsed: Array<{ sentence: string; reason: string }>;
};

const WORDS: Record<string, number> = {
	one: 1,
	two: 2,
	three: 3,
	four: 4,
	five: 5,
	six: 6,
	seven: 7,
	eight: 8,
	nine: 9,
	ten: 10,
	eleven: 11,
	twelve: 12,
	thirteen: 13,
	fourteen: 14,
	fifteen: 15
};

/** Lower case, number words as digits, "three (3)" and "(2)" as plain digits. */
export function normalise(s: string): string {
	return s
		.toLowerCase()
		.replace(/[–—]/g, '-')
		.replace(
			/\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen)\b/g,
			(w) => String(WORDS[w])
		)
		.replace(/(\d+)\s*\(\1\)/g, '$1')
		.replace(/\((\d+)\)/g, '$1')
		.replace(/\s+/g, ' ')
		.trim();
}

const IMPORTED =
	/training package|accredited course|elsewhere|endorsed|aqf level \d qualification|from a qualification|cpp\d{5}/;
const MODAL = /\b(up to|no more than|maximum|may|can)\b/;
const BOILERPLATE =
	/must (be relevant|reflect|not duplicate|contribute|ensure)|valid.*vocational outcome|vocational outcomes? of the qualification|integrity|as follows:?$|^for the elective units:?$|may consist of:?$|elective bank|any combination of electives|following provides the packaging rules|competen(cy|ce) must be demonstrated in:?$|must demonstrate competency in:?$|make up the unit total:?$|^specialisations$/;
const MATTERS = /\d|\bgroups?\b|\belectives?\b|\bcore\b/;

/** The section keys (or all listed units) a clause refers to. */
export function scopeOf(text: string, keys: string[]): Scope | null {
	const named = keys.filter((k) => k.length > 1 && k !== 'core' && k !== 'electives' && text.includes(k));
	const letters = new Set<string>();
	const range = text.match(/\bgroups? ([a-h]) to ([a-h])\b/);
	if (range)
		for (let c = range[1].charCodeAt(0); c <= range[2].charCodeAt(0); c++)
			letters.add(String.fromCharCode(c).toUpperCase());
	const first = text.search(/\bgroups? [a-h]\b/);
	if (first >= 0) {
		const tail = text.slice(first);
		for (const m of tail.matchAll(/(?:\bgroups?|,|\bor|\band\/or|\band)\s+([a-h])\b(?![\w'])/g))
			letters.add(m[1].toUpperCase());
	}
	// "the Specialist Elective Groups and general elective units listed below": every listed unit.
	if (/\bgroups\b(?! [a-h]\b)/.test(text) && /listed below/.test(text)) return 'listed';
	const found = [...named, ...[...letters].filter((l) => keys.includes(l))];
	// "Group A … listed below": the explicit groups win over "the list below".
	if (found.length) return found;
	if (
		/listed below|the list below|elective units below|electives below|electives listed|any of the groups|list of elective units/.test(
			text
		)
	)
		return 'listed';
	return null;
}

type Context =
	{ kind: 'main' } | { kind: 'branch'; branch: Branch } | { kind: 'specialisation'; name: string };

/** What the reader knows while it walks the sentences: the facts so far and where a clause lands. */
type Reader = {
	facts: RuleFacts;
	context: Context;
	optionalSpecialisations: boolean;
	electiveKeys: string[];
	code: string;
};

/** Interprets rule prose. `keys` are the section keys found in the unit lists. */
export function readRules({
	sentences,
	keys,
	code
}: {
	sentences: string[];
	keys: string[];
	code: string;
}): RuleFacts {
	const reader: Reader = {
		facts: {
			total: null,
			core: null,
			electives: null,
			constraints: [],
			branches: [],
			specialisations: [],
			imports: [],
			unparsed: []
		},
		context: { kind: 'main' },
		optionalSpecialisations: false,
		electiveKeys: keys.filter((k) => k !== 'core'),
		code
	};
	for (const original of sentences) readSentence(reader, original);
	return reader.facts;
}

function unparsed(r: Reader, sentence: string, reason: string): void {
	r.facts.unparsed.push({ sentence, reason });
}

/** Adds a constraint to the branch or specialisation being read, or to the main rules. */
function push(r: Reader, c: Constraint): void {
	const { context, facts } = r;
	if (context.kind === 'branch') context.branch.constraints.push(c);
	else if (context.kind === 'specialisation') {
		const name = context.name;
		const spec = facts.specialisations.find((s) => s.name === name);
		if (spec) spec.constraints.push(c);
		else facts.specialisations.push({ name, sentence: c.sentence, constraints: [c] });
	} else facts.constraints.push(c);
}

function setCount(r: Reader, field: 'total' | 'core' | 'electives', n: number, sentence: string): void {
	const known = r.facts[field];
	if (known !== null && known !== n)
		unparsed(r, sentence, `states ${n} ${field} units where another rule states ${known}`);
	else r.facts[field] = n;
}

function startBranch(r: Reader, name: string): void {
	const branch = { name, constraints: [] };
	r.facts.branches.push(branch);
	r.context = { kind: 'branch', branch };
}

function readSentence(r: Reader, original: string): void {
	const t = normalise(original);
	if (!t) return;
	if (readPathwaySentence(r, t, original)) return;
	// Testamur names ("AUR31220 Certificate III in … (Forklift)") and specialisation prose.
	if (t.startsWith(r.code.toLowerCase()) || /specialisation/.test(t)) return;
	if (/prerequisite|asterisk|∟/.test(t)) return;

	for (const clause of t.split(/,\s*(?=with a maximum|of which at least)/))
		interpretClause(r, clause.replace(/^with /, ''), original);
}

/** Alternative pathways: "OR", named occupational outcomes, specialisations. True when consumed. */
function readPathwaySentence(r: Reader, t: string, original: string): boolean {
	if (t === 'or') {
		if (r.context.kind === 'main' && r.facts.branches.length === 0) {
			// "rules … OR rules": what came before the OR is the first option.
			const first: Branch = {
				name: 'Option 1',
				constraints: r.facts.constraints.filter((c) => c.kind !== 'scope')
			};
			r.facts.constraints = r.facts.constraints.filter((c) => c.kind === 'scope');
			r.facts.branches.push(first);
		}
		startBranch(r, `Option ${r.facts.branches.length + 1}`);
		return true;
	}
	let m =
		t.match(/^to achieve the occupation(?:al)? outcome of (.+?) electives must include/) ??
		t.match(/^for a specialisation in (.+?), electives are to be selected/) ??
		t.match(/^to be awarded the .*\(([^)]+)\) the following packaging rules apply/);
	if (m) {
		startBranch(r, titleCase(m[1]));
		return true;
	}
	if (
		/where relevant, specialisations can be used|electives may be selected to achieve specialisations/.test(t)
	) {
		r.optionalSpecialisations = true;
		r.context = { kind: 'main' };
		if (!/for the award of/.test(t)) return true;
	}
	m = t.match(/^for the award of .*\(([^)]+)\),\s*(.*)$/);
	if (m) {
		const saved: Context = r.context;
		r.context = { kind: 'specialisation', name: titleCase(m[1]) };
		interpretClause(r, m[2], original);
		r.context = saved;
		return true;
	}
	m = t.match(/^(.+) specialisation$/);
	if (m && r.optionalSpecialisations) {
		r.context = { kind: 'specialisation', name: titleCase(m[1]) };
		return true;
	}
	return false;
}

/** One clause's reading; each returns true when it dealt with the clause. Tried in order. */
type ClauseReading = (r: Reader, t: string, original: string) => boolean;

function interpretClause(r: Reader, t: string, original: string): void {
	for (const reading of CLAUSE_READINGS) if (reading(r, t, original)) return;
}

const readImported: ClauseReading = (r, t, original) => {
	if (!IMPORTED.test(t)) return false;
	const count =
		t.match(/\b(?:up to|no more than|a maximum of|maximum of|remaining)\s+(\d+)/) ?? t.match(/^(\d+)\b/);
	if (count && MODAL.test(t)) {
		r.facts.imports.push({ max: Number(count[1]), sentence: original });
		// "the remaining 2 … may be selected from Group A or Group B or from any training package".
		if (/\bremaining\b/.test(t)) {
			const s = scopeOf(t, r.electiveKeys);
			if (s) push(r, { kind: 'scope', scope: s, sentence: original });
		}
	} else if (/\d/.test(t))
		unparsed(
			r,
			original,
			'units from outside the listed ones, but not clearly optional ("up to", "may"): required or allowed?'
		);
	else if (!BOILERPLATE.test(t) && MATTERS.test(t))
		unparsed(r, original, 'units from outside the listed ones without a count');
	return true;
};

const readRemaining: ClauseReading = (r, t, original) => {
	if (!(
		/\b(remaining|further|additional)\b/.test(t) ||
		/^all (\d+ )?(elective )?(units? )?(may|can) be/.test(t) ||
		/can be selected from any of the groups/.test(t) ||
		/^all \d+ (elective )?units from the electives listed/.test(t)
	))
		return false;
	const s = scopeOf(t, r.electiveKeys);
	const m = t.match(/^(?:at least|a minimum of)\s+(\d+)/);
	if (m && s) {
		push(r, minimum(Number(m[1]), s, original, { remaining: /\bremaining\b/.test(t), exact: false }));
		return true;
	}
	if (s) {
		push(r, { kind: 'scope', scope: s, sentence: original });
		if (/,?\s+or$/.test(t))
			unparsed(
				r,
				original,
				'the first of alternative ways to choose electives; the alternative is not modelled'
			);
		return true;
	}
	if (BOILERPLATE.test(t) || !MATTERS.test(t)) return true;
	unparsed(r, original, 'refers to the remaining units without naming where they come from');
	return true;
};

function minimum(
	n: number,
	scope: Scope,
	sentence: string,
	{ remaining, exact }: { remaining: boolean; exact: boolean }
): Constraint {
	return { kind: 'min', n, scope, sentence, remaining, exact };
}

/** "N … from <list>" phrasings: a count and the list it is drawn from. */
function countFrom(
	pattern: RegExp,
	unknownList: string,
	constraint: (n: number, scope: Scope, sentence: string, list: string) => Constraint | string
): ClauseReading {
	return (r, t, original) => {
		const m = t.match(pattern);
		if (!m) return false;
		const s = scopeOf(m[2], r.electiveKeys);
		if (!s) {
			unparsed(r, original, unknownList);
			return true;
		}
		const c = constraint(Number(m[1]), s, original, m[2]);
		if (typeof c === 'string') unparsed(r, original, c);
		else push(r, c);
		return true;
	};
}

const readMinimumFrom = countFrom(
	/^(?:at least|a minimum of|minimum of)\s+(\d+)\b.*?\bfrom\b(.*)$/,
	'a minimum from a list the parser cannot identify',
	(n, scope, sentence) => minimum(n, scope, sentence, { remaining: false, exact: false })
);

const readPrefixed: ClauseReading = (r, t, original) => {
	const m = t.match(/^of which at least (\d+) must be\b/);
	if (!m) return false;
	const prefix = (original.match(/\(([A-Z]{5,7})\)|coded ([A-Z]{5,7})/) ?? []).slice(1).find(Boolean);
	const previous = [...(r.context.kind === 'branch' ? r.context.branch.constraints : r.facts.constraints)]
		.reverse()
		.find((c) => c.kind === 'min');
	if (!prefix || !previous)
		unparsed(r, original, 'a minimum of units with a code prefix the parser cannot identify');
	else push(r, { kind: 'prefix', n: Number(m[1]), prefix, scope: previous.scope, sentence: original });
	return true;
};

const readRequiredFrom = countFrom(
	/^(\d+)(?: units?| elective units?)? must be (?:selected |chosen )?from\b(.*)$/,
	'a required count from a list the parser cannot identify',
	(n, scope, sentence) => minimum(n, scope, sentence, { remaining: false, exact: true })
);

const readMaximumFrom = countFrom(
	/^(?:no more than|up to|a maximum of|maximum of)\s+(\d+)\b.*?\bfrom\b(.*)$/,
	'a maximum from a list the parser cannot identify',
	(n, scope, sentence, list) =>
		/, or .*and\/or/.test(list)
			? '"or" and "and/or" mixed: unclear whether these groups may be combined'
			: { kind: 'max', n, scope, sentence }
);

const readWholeGroups: ClauseReading = (r, t, original) => {
	if (/^all units in 1 of the .*groups? ([a-h]) to ([a-h]) must be chosen/.test(t)) {
		const s = scopeOf(t, r.electiveKeys);
		if (Array.isArray(s)) {
			push(r, { kind: 'oneOfAll', scope: s, sentence: original });
			return true;
		}
	}
	if (/^(select )?all (units listed in .*)?group [a-h]\b/.test(t) || /^all group [a-h] elective/.test(t)) {
		const s = scopeOf(t, r.electiveKeys);
		if (Array.isArray(s) && s.length === 1) {
			push(r, { kind: 'allOf', scope: s, sentence: original });
			return true;
		}
	}
	return false;
};

/** Counts: total, core, electives, and named elective parts ("4 gas elective units from Group A"). */
const readCounts: ClauseReading = (r, t, original) => {
	let counted = false;
	const count = (field: 'total' | 'core' | 'electives', m: RegExpMatchArray | null) => {
		if (!m) return;
		setCount(r, field, Number(m[1]), original);
		counted = true;
	};
	count(
		'total',
		t.match(/total number of units\s*=\s*(\d+)/) ??
			t.match(/\b(\d+) units of competency\b/) ??
			t.match(/a total of (\d+) units/)
	);
	count('core', t.match(/\b(\d+) core\b/));
	count('electives', t.match(/\b(\d+) (?:elective units?|electives)\b/));
	if (counted) return true;
	const m = t.match(/^(\d+) ([a-z][a-z ]*?) elective units?\b(.*)$/);
	if (!m) return false;
	const s = scopeOf(`${m[2]} ${m[3]}`, r.electiveKeys);
	if (!s) unparsed(r, original, `${m[1]} "${m[2]}" elective units from a list the parser cannot identify`);
	else push(r, minimum(Number(m[1]), s, original, { remaining: false, exact: true }));
	return true;
};

const readUnrecognised: ClauseReading = (r, t, original) => {
	if (!BOILERPLATE.test(t) && MATTERS.test(t)) unparsed(r, original, 'not a phrasing the parser recognises');
	return true;
};

const CLAUSE_READINGS: ClauseReading[] = [
	readImported,
	readRemaining,
	readMinimumFrom,
	readPrefixed,
	readRequiredFrom,
	readMaximumFrom,
	readWholeGroups,
	readCounts,
	readUnrecognised
];

function titleCase(s: string): string {
	return s.replace(/\b\w/g, (c) => c.toUpperCase());
}

/** Splits a paragraph into sentences; list items stay whole. */
export function sentencesOf(text: string): string[] {
	return text
		.split(/(?<=[.])\s+(?=[A-Z*])/)
		.map((s) => s.trim())
		.filter(Boolean);
}
