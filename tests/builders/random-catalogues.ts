// Small random catalogues for property tests (test support, not app code): one target T whose
// groups, nested up to a few levels, take members from u0…u10 — sometimes the same member in
// several groups — with prerequisites, workload hours, credits, and a few credentials held.
import fc from 'fast-check';
import type { Catalogue } from '../../src/lib/domain/stacking/catalogue.ts';
import { makeCredential as cred, makeGroup as group } from '../../src/lib/domain/stacking/defaults.ts';

type Random = {
	credentials: number;
	groups: Array<{
		rule: 'all' | 'n_of' | 'min_credits';
		members: number[];
		n: number;
		parent: number | null;
	}>;
	prereqs: Array<[number, number]>;
	held: number[];
	costs: number[];
	credits: number[];
};

export const randomCatalogue = fc
	.record({
		credentials: fc.integer({ min: 4, max: 11 }),
		groups: fc.array(
			fc.record({
				rule: fc.constantFrom<'all' | 'n_of' | 'min_credits'>('all', 'n_of', 'n_of', 'min_credits'),
				members: fc.uniqueArray(fc.integer({ min: 0, max: 10 }), { minLength: 0, maxLength: 6 }),
				n: fc.integer({ min: 0, max: 5 }),
				parent: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null })
			}),
			{ minLength: 1, maxLength: 5 }
		),
		prereqs: fc.array(fc.tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 })), {
			maxLength: 5
		}),
		held: fc.uniqueArray(fc.integer({ min: 0, max: 10 }), { maxLength: 3 }),
		costs: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 11, maxLength: 11 }),
		credits: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 11, maxLength: 11 })
	})
	.map((r: Random) => toCatalogue(r));

function toCatalogue(r: Random) {
	const ids = Array.from({ length: r.credentials }, (_, i) => `u${i}`);
	const catalogue: Catalogue = {
		credentials: [
			cred({ id: 'T', kind: 'macro' }),
			...ids.map((id, i) => cred({ id, workloadHours: r.costs[i], credits: r.credits[i] }))
		],
		groups: r.groups.map((g, i) => {
			const members = g.members.filter((m) => m < r.credentials).map((m) => ids[m]);
			// Parents only point to earlier groups, so nesting is a tree.
			const parent = g.parent !== null && g.parent < i ? `g${g.parent}` : null;
			return group({
				id: `g${i}`,
				targetCredentialId: 'T',
				parentGroupId: parent,
				rule: g.rule,
				n: g.rule === 'n_of' ? g.n : null,
				minCredits: g.rule === 'min_credits' ? g.n * 2 : null,
				members,
				position: i
			});
		}),
		// Prerequisites point from higher to lower index: no cycles.
		prerequisites: r.prereqs
			.filter(([a, b]) => a < r.credentials && b < r.credentials && a > b)
			.map(([a, b]) => ({ credentialId: ids[a], requiredId: ids[b] })),
		recognitions: []
	};
	return { catalogue, held: r.held.filter((h) => h < r.credentials).map((h) => ids[h]) };
}

/**
 * The same shapes with no credential in two groups (each member kept in its first group only) and
 * credits counted as n_of: catalogues whose groups never compete for a credential.
 */
export const separatedCatalogue = randomCatalogue.map(({ catalogue, held }) => {
	const used = new Set<string>();
	const groups = catalogue.groups.map((g) => {
		const members = g.members.filter((m) => !used.has(m) && used.add(m));
		return g.rule === 'min_credits'
			? { ...g, rule: 'n_of' as const, n: Math.round((g.minCredits ?? 0) / 4), minCredits: null, members }
			: { ...g, members };
	});
	return { catalogue: { ...catalogue, groups }, held };
});
