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
	const drafts: Draft[] = [];
	const byKey = new Map(sections.map((s) => [s.key, s]));
	const core = byKey.get('core')?.units ?? [];
	const listed = unique(sections.filter((s) => s.key !== 'core').flatMap((s) => s.units));
	const slug = (s: string) =>
		s
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-|-$/g, '');
	const membersOf = (scope: Scope) =>
		scope === 'listed' ? listed : unique(scope.flatMap((k) => byKey.get(k)?.units ?? []));
	const nameOf = (scope: Scope) =>
		scope === 'listed'
			? 'the listed electives'
			: scope.map((k) => (k.length === 1 ? `Group ${k}` : `${k} electives`)).join(' or ');

	// Counts.
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

	if (core.length)
		drafts.push({
			id: `${code}/core`,
			parentGroupId: null,
			rule: 'all',
			n: null,
			minCredits: null,
			label: 'Core units',
			members: core
		});
	const E = electives ?? 0;
	if (E > 0) {
		if (listed.length < E)
			unparsed.push({
				sentence: `${E} elective units`,
				reason: `only ${listed.length} electives are listed`
			});
		drafts.push({
			id: `${code}/electives`,
			parentGroupId: null,
			rule: 'n_of',
			n: E,
			minCredits: null,
			label: `${E} electives from the listed units`,
			members: listed
		});
	}

	// A "remaining … from Groups X, Y" statement lets those groups take more than their stated count.
	const allConstraints = [...facts.constraints, ...facts.branches.flatMap((b) => b.constraints)];
	const open = new Set(
		allConstraints.flatMap((c) =>
			c.kind === 'scope' || (c.kind === 'min' && c.remaining) ? keysOf(c.scope, sections) : []
		)
	);
	for (const c of allConstraints)
		if (c.kind === 'scope') {
			const covered = membersOf(c.scope);
			if (listed.some((u) => !covered.includes(u)))
				unparsed.push({
					sentence: c.sentence,
					reason: `limits electives to ${nameOf(c.scope)}; not modelled`
				});
		}

	const emit = (constraints: Constraint[], parentGroupId: string | null, prefix: string) => {
		const mins: Array<{ members: string[]; n: number }> = [{ members: listed, n: E }];
		const maxes: Array<{ scope: Scope; n: number; sentence: string }> = [];
		const out: Draft[] = [];
		for (const c of constraints) {
			if (c.kind === 'min') {
				let n = c.n;
				// "at least 4 from the remaining Group A or Group B": on top of what those groups already gave.
				if (c.remaining)
					for (const prior of constraints)
						if (prior === c) break;
						else if (prior.kind === 'min' && subset(membersOf(prior.scope), membersOf(c.scope))) n += prior.n;
				const members = membersOf(c.scope);
				if (c.exact && !keysOf(c.scope, sections).some((k) => open.has(k)))
					maxes.push({ scope: c.scope, n: c.n, sentence: c.sentence });
				if (implied(mins, members, n)) continue;
				mins.push({ members, n });
				out.push({
					id: `${prefix}/min-${slug(nameOf(c.scope))}`,
					parentGroupId,
					rule: 'n_of',
					n,
					minCredits: null,
					label: `At least ${n} from ${nameOf(c.scope)}`,
					members
				});
			} else if (c.kind === 'prefix') {
				const members = membersOf(c.scope).filter((u) => u.startsWith(c.prefix));
				mins.push({ members, n: c.n });
				out.push({
					id: `${prefix}/min-${slug(c.prefix)}`,
					parentGroupId,
					rule: 'n_of',
					n: c.n,
					minCredits: null,
					label: `At least ${c.n} ${c.prefix} units from ${nameOf(c.scope)}`,
					members
				});
			} else if (c.kind === 'allOf') {
				const members = membersOf(c.scope);
				mins.push({ members, n: members.length });
				out.push({
					id: `${prefix}/all-${slug(nameOf(c.scope))}`,
					parentGroupId,
					rule: 'all',
					n: null,
					minCredits: null,
					label: `All of ${nameOf(c.scope)}`,
					members
				});
			} else if (c.kind === 'oneOfAll') {
				const id = `${prefix}/one-of-${slug(c.scope.join('-'))}`;
				out.push({
					id,
					parentGroupId,
					rule: 'n_of',
					n: 1,
					minCredits: null,
					label: `All units of one of ${nameOf(c.scope)}`,
					members: []
				});
				for (const k of c.scope)
					out.push({
						id: `${id}/${slug(k)}`,
						parentGroupId: id,
						rule: 'all',
						n: null,
						minCredits: null,
						label: `All of ${nameOf([k])}`,
						members: membersOf([k])
					});
			} else if (c.kind === 'max') maxes.push({ scope: c.scope, n: c.n, sentence: c.sentence });
		}
		// Maximums as "at least … outside": every non-empty combination of them (Hall's condition).
		for (let mask = 1; mask < 1 << maxes.length; mask++) {
			const chosen = maxes.filter((_, i) => mask & (1 << i));
			const excluded = new Set(chosen.flatMap((m) => membersOf(m.scope)));
			const members = listed.filter((u) => !excluded.has(u));
			const n = E - chosen.reduce((s, m) => s + m.n, 0);
			if (n <= 0 || implied(mins, members, n)) continue;
			if (members.length < n) {
				for (const m of chosen)
					unparsed.push({
						sentence: m.sentence,
						reason: 'these maximums leave too few listed electives to reach the total'
					});
				continue;
			}
			mins.push({ members, n });
			const names = chosen.map((m) => `${m.n} from ${nameOf(m.scope)}`).join(', ');
			out.push({
				id: `${prefix}/outside-${chosen.map((m) => slug(nameOf(m.scope))).join('-')}`,
				parentGroupId,
				rule: 'n_of',
				n,
				minCredits: null,
				label: `At most ${names}: at least ${n} from the other listed electives`,
				members
			});
		}
		return out;
	};

	drafts.push(...emit(facts.constraints, null, code));
	if (facts.branches.length) {
		const id = `${code}/pathway`;
		drafts.push({
			id,
			parentGroupId: null,
			rule: 'n_of',
			n: 1,
			minCredits: null,
			label: `One of: ${facts.branches.map((b) => b.name).join(', ')}`,
			members: []
		});
		for (const b of facts.branches) {
			const bid = `${id}/${slug(b.name)}`;
			drafts.push({
				id: bid,
				parentGroupId: id,
				rule: 'all',
				n: null,
				minCredits: null,
				label: b.name,
				members: []
			});
			drafts.push(...emit(b.constraints, bid, bid));
		}
	}

	// Optional specialisations, informational.
	const specialisations: Compiled['specialisations'] = [];
	for (const s of facts.specialisations) {
		for (const c of s.constraints) {
			if (c.kind === 'allOf')
				specialisations.push({
					name: s.name,
					sentence: c.sentence,
					rule: 'all',
					n: membersOf(c.scope).length,
					members: membersOf(c.scope)
				});
			else if (c.kind === 'min')
				specialisations.push({
					name: s.name,
					sentence: c.sentence,
					rule: 'n_of',
					n: c.n,
					members: membersOf(c.scope)
				});
			else unparsed.push({ sentence: c.sentence, reason: `specialisation ${s.name}: rule not modelled` });
		}
	}

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
	return { groups, unparsed, specialisations };
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
