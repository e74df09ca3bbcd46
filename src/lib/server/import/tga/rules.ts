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
	const facts: RuleFacts = {
		total: null,
		core: null,
		electives: null,
		constraints: [],
		branches: [],
		specialisations: [],
		imports: [],
		unparsed: []
	};
	let context: Context = { kind: 'main' };
	let optionalSpecialisations = false;
	const electiveKeys = keys.filter((k) => k !== 'core');
	const unparsed = (sentence: string, reason: string) => facts.unparsed.push({ sentence, reason });
	const push = (c: Constraint) => {
		if (context.kind === 'branch') context.branch.constraints.push(c);
		else if (context.kind === 'specialisation') {
			const name = context.name;
			const spec = facts.specialisations.find((s) => s.name === name);
			if (spec) spec.constraints.push(c);
			else facts.specialisations.push({ name, sentence: c.sentence, constraints: [c] });
		} else facts.constraints.push(c);
	};
	const setCount = (field: 'total' | 'core' | 'electives', n: number, sentence: string) => {
		const known = facts[field];
		if (known !== null && known !== n)
			unparsed(sentence, `states ${n} ${field} units where another rule states ${known}`);
		else facts[field] = n;
	};
	const startBranch = (name: string) => {
		const branch = { name, constraints: [] };
		facts.branches.push(branch);
		context = { kind: 'branch', branch };
	};

	for (const original of sentences) {
		const t = normalise(original);
		if (!t) continue;

		// Alternative pathways.
		if (t === 'or') {
			if (context.kind === 'main' && facts.branches.length === 0) {
				// "rules … OR rules": what came before the OR is the first option.
				const first: Branch = {
					name: 'Option 1',
					constraints: facts.constraints.filter((c) => c.kind !== 'scope')
				};
				facts.constraints = facts.constraints.filter((c) => c.kind === 'scope');
				facts.branches.push(first);
			}
			startBranch(`Option ${facts.branches.length + 1}`);
			continue;
		}
		let m =
			t.match(/^to achieve the occupation(?:al)? outcome of (.+?) electives must include/) ??
			t.match(/^for a specialisation in (.+?), electives are to be selected/) ??
			t.match(/^to be awarded the .*\(([^)]+)\) the following packaging rules apply/);
		if (m) {
			startBranch(titleCase(m[1]));
			continue;
		}
		if (
			/where relevant, specialisations can be used|electives may be selected to achieve specialisations/.test(
				t
			)
		) {
			optionalSpecialisations = true;
			context = { kind: 'main' };
			if (!/for the award of/.test(t)) continue;
		}
		m = t.match(/^for the award of .*\(([^)]+)\),\s*(.*)$/);
		if (m) {
			const saved: Context = context;
			context = { kind: 'specialisation', name: titleCase(m[1]) };
			interpretClause(m[2], original);
			context = saved;
			continue;
		}
		m = t.match(/^(.+) specialisation$/);
		if (m && optionalSpecialisations) {
			context = { kind: 'specialisation', name: titleCase(m[1]) };
			continue;
		}
		// Testamur names ("AUR31220 Certificate III in … (Forklift)") and specialisation prose.
		if (t.startsWith(code.toLowerCase()) || /specialisation/.test(t)) continue;
		if (/prerequisite|asterisk|∟/.test(t)) continue;

		for (const clause of t.split(/,\s*(?=with a maximum|of which at least)/))
			interpretClause(clause.replace(/^with /, ''), original);
	}
	return facts;

	function interpretClause(t: string, original: string) {
		let m: RegExpMatchArray | null;
		const scope = () => scopeOf(t, electiveKeys);

		if (IMPORTED.test(t)) {
			const count =
				t.match(/\b(?:up to|no more than|a maximum of|maximum of|remaining)\s+(\d+)/) ?? t.match(/^(\d+)\b/);
			if (count && MODAL.test(t)) {
				facts.imports.push({ max: Number(count[1]), sentence: original });
				// "the remaining 2 … may be selected from Group A or Group B or from any training package".
				if (/\bremaining\b/.test(t)) {
					const s = scope();
					if (s) push({ kind: 'scope', scope: s, sentence: original });
				}
			} else if (/\d/.test(t))
				unparsed(
					original,
					'units from outside the listed ones, but not clearly optional ("up to", "may"): required or allowed?'
				);
			else if (!BOILERPLATE.test(t) && MATTERS.test(t))
				unparsed(original, 'units from outside the listed ones without a count');
			return;
		}
		if (
			/\b(remaining|further|additional)\b/.test(t) ||
			/^all (\d+ )?(elective )?(units? )?(may|can) be/.test(t) ||
			/can be selected from any of the groups/.test(t) ||
			/^all \d+ (elective )?units from the electives listed/.test(t)
		) {
			const s = scope();
			m = t.match(/^(?:at least|a minimum of)\s+(\d+)/);
			if (m && s) {
				push({
					kind: 'min',
					n: Number(m[1]),
					scope: s,
					sentence: original,
					remaining: /\bremaining\b/.test(t),
					exact: false
				});
				return;
			}
			if (s) {
				push({ kind: 'scope', scope: s, sentence: original });
				if (/,?\s+or$/.test(t))
					unparsed(
						original,
						'the first of alternative ways to choose electives; the alternative is not modelled'
					);
				return;
			}
			if (BOILERPLATE.test(t) || !MATTERS.test(t)) return;
			unparsed(original, 'refers to the remaining units without naming where they come from');
			return;
		}
		m = t.match(/^(?:at least|a minimum of|minimum of)\s+(\d+)\b.*?\bfrom\b(.*)$/);
		if (m) {
			const s = scopeOf(m[2], electiveKeys);
			if (!s) return unparsed(original, 'a minimum from a list the parser cannot identify');
			return push({
				kind: 'min',
				n: Number(m[1]),
				scope: s,
				sentence: original,
				remaining: false,
				exact: false
			});
		}
		m = t.match(/^of which at least (\d+) must be\b/);
		if (m) {
			const prefix = (original.match(/\(([A-Z]{5,7})\)|coded ([A-Z]{5,7})/) ?? []).slice(1).find(Boolean);
			const previous = [...(context.kind === 'branch' ? context.branch.constraints : facts.constraints)]
				.reverse()
				.find((c) => c.kind === 'min');
			if (!prefix || !previous)
				return unparsed(original, 'a minimum of units with a code prefix the parser cannot identify');
			return push({ kind: 'prefix', n: Number(m[1]), prefix, scope: previous.scope, sentence: original });
		}
		m = t.match(/^(\d+)(?: units?| elective units?)? must be (?:selected |chosen )?from\b(.*)$/);
		if (m) {
			const s = scopeOf(m[2], electiveKeys);
			if (!s) return unparsed(original, 'a required count from a list the parser cannot identify');
			return push({
				kind: 'min',
				n: Number(m[1]),
				scope: s,
				sentence: original,
				remaining: false,
				exact: true
			});
		}
		m = t.match(/^(?:no more than|up to|a maximum of|maximum of)\s+(\d+)\b.*?\bfrom\b(.*)$/);
		if (m) {
			const s = scopeOf(m[2], electiveKeys);
			if (!s) return unparsed(original, 'a maximum from a list the parser cannot identify');
			if (/, or .*and\/or/.test(m[2]))
				return unparsed(original, '"or" and "and/or" mixed: unclear whether these groups may be combined');
			return push({ kind: 'max', n: Number(m[1]), scope: s, sentence: original });
		}
		m = t.match(/^all units in 1 of the .*groups? ([a-h]) to ([a-h]) must be chosen/);
		if (m) {
			const s = scope();
			if (Array.isArray(s)) return push({ kind: 'oneOfAll', scope: s, sentence: original });
		}
		if (/^(select )?all (units listed in .*)?group [a-h]\b/.test(t) || /^all group [a-h] elective/.test(t)) {
			const s = scope();
			if (Array.isArray(s) && s.length === 1) return push({ kind: 'allOf', scope: s, sentence: original });
		}
		// Counts: total, core, electives, and named elective parts ("4 gas elective units from Group A").
		let counted = false;
		m =
			t.match(/total number of units\s*=\s*(\d+)/) ??
			t.match(/\b(\d+) units of competency\b/) ??
			t.match(/a total of (\d+) units/);
		if (m) {
			setCount('total', Number(m[1]), original);
			counted = true;
		}
		m = t.match(/\b(\d+) core\b/);
		if (m) {
			setCount('core', Number(m[1]), original);
			counted = true;
		}
		m = t.match(/\b(\d+) (?:elective units?|electives)\b/);
		if (m) {
			setCount('electives', Number(m[1]), original);
			counted = true;
		}
		m = t.match(/^(\d+) ([a-z][a-z ]*?) elective units?\b(.*)$/);
		if (m && !counted) {
			const s = scopeOf(`${m[2]} ${m[3]}`, electiveKeys);
			if (!s)
				return unparsed(original, `${m[1]} "${m[2]}" elective units from a list the parser cannot identify`);
			return push({
				kind: 'min',
				n: Number(m[1]),
				scope: s,
				sentence: original,
				remaining: false,
				exact: true
			});
		}
		if (counted) return;
		if (BOILERPLATE.test(t) || !MATTERS.test(t)) return;
		unparsed(original, 'not a phrasing the parser recognises');
	}
}

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
