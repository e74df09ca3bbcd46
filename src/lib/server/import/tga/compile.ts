// Turns packaging-rule facts into requirement groups (all | n_of, nested via parentGroupId).
//
// How the groups model a packaging rule
// -------------------------------------
// A qualification is achieved when every top-level group is satisfied, and every group is a
// condition on the set of units a learner holds: 'all' = every member held (and every child group
// satisfied), 'n_of' = at least n of its members held, a satisfied child group counting as one
// member. Conditions are independent, so one held unit counts toward every group that lists it —
// that is what "12 units: 5 core + 7 electives, of which at least 4 from Group A" means: an A unit
// counts toward the 7 and toward the 4.
//
//   "5 core units"                     → core: all of the listed core units
//   "7 elective units"                 → electives: n_of 7 over every listed elective
//   "at least 4 from Group A"          → n_of 4 over Group A ("1 must be from" reads as exactly 1)
//   "… of which at least 2 coded RIIERR" → n_of 2 over the group's RIIERR units
//   "all units of Group A"             → all of Group A
//   "no more than m from Group C"      → not expressible as "at least": rewritten as "at least
//                                        E − m from the listed electives outside Group C", and for
//                                        several maximums, every combination K of them: at least
//                                        E − Σ_K m outside ∪K (Hall's condition; exact when the
//                                        groups are disjoint). Dropped when already implied.
//   alternatives (OR, occupational outcomes, specialisations that must be met)
//                                      → n_of 1 over one 'all' child group per option, each holding
//                                        that option's own groups
//   "up to N from any training package" → recorded in `imports`, not as a group: such units are not
//                                        in the catalogue, so the groups describe completion from
//                                        the listed units (always a valid way to complete).
//   optional specialisations (named on the testamur, not needed for the award) → `specialisations`.
//
// Totals: core + electives must equal the stated total, and the listed core must match the stated
// core count; otherwise the sentence is reported in `unparsed` rather than trusted.
import type { RequirementGroup } from '../../../domain/types.ts';
import type { Constraint, RuleFacts, Scope } from './rules.ts';
import type { Section } from './listing.ts';

export type Compiled = {
	groups: RequirementGroup[];
	unparsed: Array<{ sentence: string; reason: string }>;
	specialisations: Array<{
		name: string;
		sentence: string;
		rule: 'all' | 'n_of';
		n: number;
		members: string[];
	}>;
};

type Draft = Omit<RequirementGroup, 'position' | 'targetCredentialId'>;

/** What every compiling step reads: the qualification, its unit lists and the elective count. */
type Compiler = {
	code: string;
	sections: Section[];
	byKey: Map<string, Section>;
	/** Every listed elective, once. */
	listed: string[];
	/** Elective units required (0 when unknown). */
	E: number;
	/** Section keys a "remaining … from" statement lets take more than their stated count. */
	open: Set<string>;
	unparsed: Compiled['unparsed'];
};

type Minimum = { members: string[]; n: number };
type Maximum = { scope: Scope; n: number; sentence: string };

export function compileRules({
	code,
	facts,
	sections
}: {
	code: string;
	facts: RuleFacts;
	sections: Section[];
}): Compiled {
	const unparsed = [...facts.unparsed];
	const byKey = new Map(sections.map((s) => [s.key, s]));
	const core = byKey.get('core')?.units ?? [];
	const listed = unique(sections.filter((s) => s.key !== 'core').flatMap((s) => s.units));
	const E = electiveCount(facts, core, unparsed) ?? 0;
	const cx: Compiler = { code, sections, byKey, listed, E, open: new Set(), unparsed };

	const drafts: Draft[] = [];
	if (core.length)
		drafts.push(draft({ id: `${code}/core`, rule: 'all', n: null, label: 'Core units', members: core }));
	if (E > 0) {
		if (listed.length < E)
			unparsed.push({
				sentence: `${E} elective units`,
				reason: `only ${listed.length} electives are listed`
			});
		drafts.push(
			draft({
				id: `${code}/electives`,
				rule: 'n_of',
				n: E,
				label: `${E} electives from the listed units`,
				members: listed
			})
		);
	}
	cx.open = openKeys(cx, [...facts.constraints, ...facts.branches.flatMap((b) => b.constraints)]);
	drafts.push(...emit(cx, facts.constraints, null, code), ...pathwayDrafts(cx, facts));
	const specialisations = specialisationsOf(cx, facts);
	return { groups: numberGroups(code, drafts), unparsed, specialisations };
}

/** The elective count, stated or derived from the total; inconsistent counts go to `unparsed`. */
function electiveCount(facts: RuleFacts, core: string[], unparsed: Compiled['unparsed']): number | null {
	const total = facts.total;
	let electives = facts.electives;
	if (facts.core !== null && facts.core !== core.length)
		unparsed.push({
			sentence: `${facts.core} core units`,
			reason: `the rules state ${facts.core} core units but list ${core.length}`
		});
	const coreCount = facts.core ?? core.length;
	if (electives === null && total !== null) electives = total - coreCount;
	if (total !== null && electives !== null && coreCount + electives !== total)
		unparsed.push({
			sentence: `${total} units`,
			reason: `core ${coreCount} + electives ${electives} ≠ total ${total}`
		});
	if (total === null) unparsed.push({ sentence: '', reason: 'no total number of units found' });
	return electives;
}

/**
 * A "remaining … from Groups X, Y" statement lets those groups take more than their stated count.
 * A statement limiting electives to some groups is reported, not modelled.
 */
function openKeys(cx: Compiler, allConstraints: Constraint[]): Set<string> {
	const open = new Set(
		allConstraints.flatMap((c) =>
			c.kind === 'scope' || (c.kind === 'min' && c.remaining) ? keysOf(c.scope, cx.sections) : []
		)
	);
	for (const c of allConstraints)
		if (c.kind === 'scope') {
			const covered = membersOf(cx, c.scope);
			if (cx.listed.some((u) => !covered.includes(u)))
				cx.unparsed.push({
					sentence: c.sentence,
					reason: `limits electives to ${nameOf(c.scope)}; not modelled`
				});
		}
	return open;
}

/** One option's (or the main rules') constraints as groups under `parentGroupId`. */
function emit(
	cx: Compiler,
	constraints: Constraint[],
	parentGroupId: string | null,
	prefix: string
): Draft[] {
	const mins: Minimum[] = [{ members: cx.listed, n: cx.E }];
	const maxes: Maximum[] = [];
	const out: Draft[] = [];
	const at = { parentGroupId, prefix };
	for (const c of constraints) {
		if (c.kind === 'min') out.push(...minimumDrafts(cx, c, constraints, mins, maxes, at));
		else if (c.kind === 'prefix') {
			const members = membersOf(cx, c.scope).filter((u) => u.startsWith(c.prefix));
			mins.push({ members, n: c.n });
			out.push(
				draft({
					id: `${prefix}/min-${slug(c.prefix)}`,
					parentGroupId,
					rule: 'n_of',
					n: c.n,
					label: `At least ${c.n} ${c.prefix} units from ${nameOf(c.scope)}`,
					members
				})
			);
		} else if (c.kind === 'allOf') {
			const members = membersOf(cx, c.scope);
			mins.push({ members, n: members.length });
			out.push(
				draft({
					id: `${prefix}/all-${slug(nameOf(c.scope))}`,
					parentGroupId,
					rule: 'all',
					n: null,
					label: `All of ${nameOf(c.scope)}`,
					members
				})
			);
		} else if (c.kind === 'oneOfAll') out.push(...oneOfAllDrafts(cx, c.scope, at));
		else if (c.kind === 'max') maxes.push({ scope: c.scope, n: c.n, sentence: c.sentence });
	}
	out.push(...maximumDrafts(cx, mins, maxes, at));
	return out;
}

type Place = { parentGroupId: string | null; prefix: string };

function minimumDrafts(
	cx: Compiler,
	c: Extract<Constraint, { kind: 'min' }>,
	constraints: Constraint[],
	mins: Minimum[],
	maxes: Maximum[],
	{ parentGroupId, prefix }: Place
): Draft[] {
	let n = c.n;
	// "at least 4 from the remaining Group A or Group B": on top of what those groups already gave.
	if (c.remaining)
		for (const prior of constraints)
			if (prior === c) break;
			else if (prior.kind === 'min' && subset(membersOf(cx, prior.scope), membersOf(cx, c.scope)))
				n += prior.n;
	const members = membersOf(cx, c.scope);
	if (c.exact && !keysOf(c.scope, cx.sections).some((k) => cx.open.has(k)))
		maxes.push({ scope: c.scope, n: c.n, sentence: c.sentence });
	if (implied(mins, members, n)) return [];
	mins.push({ members, n });
	return [
		draft({
			id: `${prefix}/min-${slug(nameOf(c.scope))}`,
			parentGroupId,
			rule: 'n_of',
			n,
			label: `At least ${n} from ${nameOf(c.scope)}`,
			members
		})
	];
}

/** "All units in one of Groups A to C": n_of 1 over one 'all' child group per listed group. */
function oneOfAllDrafts(cx: Compiler, scope: string[], { parentGroupId, prefix }: Place): Draft[] {
	const id = `${prefix}/one-of-${slug(scope.join('-'))}`;
	return [
		draft({
			id,
			parentGroupId,
			rule: 'n_of',
			n: 1,
			label: `All units of one of ${nameOf(scope)}`,
			members: []
		}),
		...scope.map((k) =>
			draft({
				id: `${id}/${slug(k)}`,
				parentGroupId: id,
				rule: 'all',
				n: null,
				label: `All of ${nameOf([k])}`,
				members: membersOf(cx, [k])
			})
		)
	];
}

/** Maximums as "at least … outside": every non-empty combination of them (Hall's condition). */
function maximumDrafts(
	cx: Compiler,
	mins: Minimum[],
	maxes: Maximum[],
	{ parentGroupId, prefix }: Place
): Draft[] {
	const out: Draft[] = [];
	for (let mask = 1; mask < 1 << maxes.length; mask++) {
		const chosen = maxes.filter((_, i) => mask & (1 << i));
		const excluded = new Set(chosen.flatMap((m) => membersOf(cx, m.scope)));
		const members = cx.listed.filter((u) => !excluded.has(u));
		const n = cx.E - chosen.reduce((s, m) => s + m.n, 0);
		if (n <= 0 || implied(mins, members, n)) continue;
		if (members.length < n) {
			for (const m of chosen)
				cx.unparsed.push({
					sentence: m.sentence,
					reason: 'these maximums leave too few listed electives to reach the total'
				});
			continue;
		}
		mins.push({ members, n });
		const names = chosen.map((m) => `${m.n} from ${nameOf(m.scope)}`).join(', ');
		out.push(
			draft({
				id: `${prefix}/outside-${chosen.map((m) => slug(nameOf(m.scope))).join('-')}`,
				parentGroupId,
				rule: 'n_of',
				n,
				label: `At most ${names}: at least ${n} from the other listed electives`,
				members
			})
		);
	}
	return out;
}

/** Alternatives: n_of 1 over one 'all' child group per option, each holding that option's groups. */
function pathwayDrafts(cx: Compiler, facts: RuleFacts): Draft[] {
	if (!facts.branches.length) return [];
	const id = `${cx.code}/pathway`;
	const out = [
		draft({
			id,
			rule: 'n_of',
			n: 1,
			label: `One of: ${facts.branches.map((b) => b.name).join(', ')}`,
			members: []
		})
	];
	for (const b of facts.branches) {
		const bid = `${id}/${slug(b.name)}`;
		out.push(draft({ id: bid, parentGroupId: id, rule: 'all', n: null, label: b.name, members: [] }));
		out.push(...emit(cx, b.constraints, bid, bid));
	}
	return out;
}

/** Optional specialisations, informational. */
function specialisationsOf(cx: Compiler, facts: RuleFacts): Compiled['specialisations'] {
	const specialisations: Compiled['specialisations'] = [];
	for (const s of facts.specialisations) {
		for (const c of s.constraints) {
			if (c.kind === 'allOf')
				specialisations.push({
					name: s.name,
					sentence: c.sentence,
					rule: 'all',
					n: membersOf(cx, c.scope).length,
					members: membersOf(cx, c.scope)
				});
			else if (c.kind === 'min')
				specialisations.push({
					name: s.name,
					sentence: c.sentence,
					rule: 'n_of',
					n: c.n,
					members: membersOf(cx, c.scope)
				});
			else cx.unparsed.push({ sentence: c.sentence, reason: `specialisation ${s.name}: rule not modelled` });
		}
	}
	return specialisations;
}

/** Positions, and a numeric suffix for an id already taken. */
function numberGroups(code: string, drafts: Draft[]): RequirementGroup[] {
	const ids = new Set<string>();
	const groups = drafts.map((d, position) => {
		let id = d.id;
		for (let i = 2; ids.has(id); i++) id = `${d.id}-${i}`;
		ids.add(id);
		return { ...d, id, targetCredentialId: code, position };
	});
	// Child ids follow their parent's possible renaming only when the parent was unique, which the
	// slugs above guarantee for parents (pathway, one-of); assert it rather than trust it.
	for (const g of groups)
		if (g.parentGroupId && !ids.has(g.parentGroupId))
			throw new Error(`tga: group ${g.id} lost its parent ${g.parentGroupId}`);
	return groups;
}

function draft(d: Omit<Draft, 'minCredits' | 'parentGroupId'> & { parentGroupId?: string | null }): Draft {
	return {
		id: d.id,
		parentGroupId: d.parentGroupId ?? null,
		rule: d.rule,
		n: d.n,
		minCredits: null,
		label: d.label,
		members: d.members
	};
}

function slug(s: string): string {
	return s
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
}

function membersOf(cx: Compiler, scope: Scope): string[] {
	return scope === 'listed' ? cx.listed : unique(scope.flatMap((k) => cx.byKey.get(k)?.units ?? []));
}

function nameOf(scope: Scope): string {
	return scope === 'listed'
		? 'the listed electives'
		: scope.map((k) => (k.length === 1 ? `Group ${k}` : `${k} electives`)).join(' or ');
}

function unique<T>(xs: T[]): T[] {
	return [...new Set(xs)];
}
function subset(a: string[], b: string[]): boolean {
	const set = new Set(b);
	return a.every((x) => set.has(x));
}
function keysOf(scope: Scope, sections: Section[]): string[] {
	return scope === 'listed' ? sections.filter((s) => s.key !== 'core').map((s) => s.key) : scope;
}
/**
 * Whether "at least n of `members`" already follows from the known minimums: one of them over a
 * subset of `members` asks as much, or pairwise-disjoint ones inside `members` add up to n.
 */
function implied(mins: Array<{ members: string[]; n: number }>, members: string[], n: number): boolean {
	const inside = mins.filter((m) => subset(m.members, members));
	if (inside.some((m) => m.n >= n)) return true;
	const used = new Set<string>();
	let sum = 0;
	for (const m of [...inside].sort((a, b) => b.n - a.n)) {
		if (m.members.some((u) => used.has(u))) continue;
		m.members.forEach((u) => used.add(u));
		sum += m.n;
	}
	return sum >= n;
}
