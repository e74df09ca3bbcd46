import fc from 'fast-check';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readTgaCatalogue } from '../../server/import/tga/vendored.ts';
import type { Catalogue } from './catalogue.ts';
import { indexCatalogue } from './catalogue.ts';
import { makeCredential as cred, makeGroup as group } from './defaults.ts';
import { randomCatalogue, separatedCatalogue } from '../../../../tests/builders/random-catalogues.ts';
import { expandHoldings } from './holdings.ts';
import { PlanError, planCompletion, type Objective } from './plan.ts';
import { evaluateTarget } from './requirements.ts';

const small = (): Catalogue => ({
	credentials: [
		cred({ id: 'Q', kind: 'macro' }),
		cred({ id: 'C1', workloadHours: 10 }),
		cred({ id: 'A1', workloadHours: 40 }),
		cred({ id: 'A2', workloadHours: 5 }),
		cred({ id: 'B1', workloadHours: 1 }),
		cred({ id: 'B2', workloadHours: 1 }),
		cred({ id: 'P', workloadHours: 3 })
	],
	groups: [
		group({ id: 'core', targetCredentialId: 'Q', rule: 'all', members: ['C1'] }),
		group({
			id: 'el',
			targetCredentialId: 'Q',
			rule: 'n_of',
			n: 2,
			members: ['A1', 'A2', 'B1', 'B2'],
			position: 1
		}),
		group({ id: 'a', targetCredentialId: 'Q', rule: 'n_of', n: 1, members: ['A1', 'A2'], position: 2 })
	],
	prerequisites: [{ credentialId: 'A2', requiredId: 'P' }],
	recognitions: []
});

describe('planCompletion', () => {
	it('takes the core, and lets one elective count toward two groups', () => {
		const plan = planCompletion({ catalogue: small(), target: 'Q', objective: 'count' });
		// Core + one A (counts toward "2 electives" and "1 from A") + one more elective.
		expect(plan.total.count).toBe(3);
		expect(plan.credentials).toContain('C1');
		expect(plan.exact).toBe(true);
	});
	it('adds prerequisites to the cost: by hours A2 (5) + its prerequisite P (3) beats A1 (40)', () => {
		const plan = planCompletion({ catalogue: small(), target: 'Q', objective: 'hours' });
		expect(plan.credentials).toEqual(['B1', 'C1', 'P', 'A2']);
		expect(plan.total).toEqual({ count: 4, hours: 19, days: null });
	});
	it('plans by expected time from median days', () => {
		const medianDays = { C1: 30, A1: 10, A2: 5, B1: 50, B2: 60, P: 100 };
		const plan = planCompletion({ catalogue: small(), target: 'Q', objective: 'time', medianDays });
		// A2 is quick but needs P (100): C1 30 + A1 10 + B1 50 = 90 beats C1 + A2 + P + B1 = 185.
		expect([...plan.credentials].sort()).toEqual(['A1', 'B1', 'C1']);
		expect(plan.total.days).toBe(90);
	});
	it('counts holdings, recognitions included', () => {
		const c = small();
		c.credentials.push(cred({ id: 'X', providerId: 'elsewhere' }));
		c.recognitions.push({ credentialId: 'X', recognisedAsId: 'A1' });
		const plan = planCompletion({ catalogue: c, target: 'Q', held: ['X', 'C1'] });
		expect(plan.total.count).toBe(1);
		expect(planCompletion({ catalogue: c, target: 'Q', held: ['X', 'C1', 'B1'] }).credentials).toEqual([]);
	});
	it('explains a prerequisite that blocks the only way to complete', () => {
		const c = small();
		c.groups[2].members = ['A2'];
		c.prerequisites.push({ credentialId: 'P', requiredId: 'GONE' });
		expect(() => planCompletion({ catalogue: c, target: 'Q' })).toThrow(PlanError);
		try {
			planCompletion({ catalogue: c, target: 'Q' });
		} catch (e) {
			expect((e as PlanError).reasons.join('\n')).toMatch(/P needs GONE, which is not in the catalogue/);
			expect((e as PlanError).message).toMatch(/^stacking\/plan: no plan completes Q/);
		}
	});
	it('explains a group that cannot be satisfied', () => {
		const c = small();
		c.groups[1].n = 9;
		expect(() => planCompletion({ catalogue: c, target: 'Q' })).toThrow(
			/needs 9 but only 0 held \+ 4 plannable/
		);
	});
	it('asks for the figures an objective needs', () => {
		const c = small();
		c.credentials[3].workloadHours = null;
		expect(() => planCompletion({ catalogue: c, target: 'Q', objective: 'hours' })).toThrow(
			/needs workload hours for 1 candidate credential\(s\): A2/
		);
	});
	it('handles min_credits and nested alternatives', () => {
		const c: Catalogue = {
			credentials: [
				cred({ id: 'T', kind: 'macro' }),
				...['a', 'b', 'c', 'd', 'e'].map((id, i) => cred({ id, credits: [5, 5, 10, 15, 5][i] }))
			],
			groups: [
				group({
					id: 'cr',
					targetCredentialId: 'T',
					rule: 'min_credits',
					minCredits: 15,
					members: ['a', 'b', 'c', 'd']
				}),
				group({ id: 'alt', targetCredentialId: 'T', rule: 'n_of', n: 1, members: [], position: 1 }),
				group({
					id: 'alt/1',
					targetCredentialId: 'T',
					parentGroupId: 'alt',
					rule: 'all',
					members: ['a', 'b']
				}),
				group({ id: 'alt/2', targetCredentialId: 'T', parentGroupId: 'alt', rule: 'all', members: ['e'] })
			],
			prerequisites: [],
			recognitions: []
		};
		expect(planCompletion({ catalogue: c, target: 'T' }).credentials.sort()).toEqual(['d', 'e']);
	});
	it('plans a credential without groups as itself after its prerequisites', () => {
		expect(planCompletion({ catalogue: small(), target: 'A2' }).credentials).toEqual(['P', 'A2']);
	});
});

// Exactness: against brute force over every subset, on seeded random catalogues.
function bruteForce(catalogue: Catalogue, held: string[], objective: Objective): number | null {
	const index = indexCatalogue(catalogue);
	const H = expandHoldings({ index, held }).held;
	if (H.has('T')) return 0;
	const free = catalogue.credentials.map((c) => c.id).filter((id) => id !== 'T' && !H.has(id));
	let best: number | null = null;
	for (let mask = 0; mask < 1 << free.length; mask++) {
		const S = free.filter((_, i) => mask & (1 << i));
		const all = new Set([...H, ...S]);
		if (!S.every((s) => (index.requires.get(s) ?? []).every((r) => all.has(r)))) continue;
		if (!evaluateTarget({ index, target: 'T', held: expandHoldings({ index, held: all }).held }).achieved)
			continue;
		const cost =
			objective === 'count'
				? S.length
				: S.reduce((t, s) => t + (index.credentials.get(s)!.workloadHours ?? 0), 0);
		if (best === null || cost < best) best = cost;
	}
	return best;
}

describe('planCompletion is exact', () => {
	const shapes = [
		['random catalogues', randomCatalogue],
		// Groups that never share a credential: their bounds add up, a tighter cut to get wrong.
		['random catalogues whose groups share no credential', separatedCatalogue]
	] as const;
	for (const [shape, catalogues] of shapes)
		for (const objective of ['count', 'hours'] as const) {
			it(`matches brute force on ${shape} (objective ${objective})`, () => {
				fc.assert(
					fc.property(catalogues, ({ catalogue, held }) => {
						const want = bruteForce(catalogue, held, objective);
						let got: number | null;
						try {
							const plan = planCompletion({ catalogue, target: 'T', held, objective });
							expect(plan.exact).toBe(true);
							got = objective === 'count' ? plan.total.count : (plan.total.hours ?? NaN);
							// The plan itself is valid: prerequisites closed, target achieved.
							const index = indexCatalogue(catalogue);
							const all = new Set([...expandHoldings({ index, held }).held, ...plan.credentials]);
							for (const s of plan.credentials)
								for (const r of index.requires.get(s) ?? []) expect(all.has(r)).toBe(true);
							if (!all.has('T'))
								expect(
									evaluateTarget({ index, target: 'T', held: expandHoldings({ index, held: all }).held })
										.achieved
								).toBe(true);
						} catch (e) {
							if (!(e instanceof PlanError)) throw e;
							got = null;
						}
						expect(got).toBe(want);
					}),
					// Fixed seed; SEED / RUNS override it for a longer hunt (3 × 3,000 runs passed when written).
					{ seed: Number(process.env.SEED ?? 20261122), numRuns: Number(process.env.RUNS ?? 1000) }
				);
			});
		}
});

describe('planCompletion on the vendored training.gov.au qualifications', () => {
	// Test data only: the domain code itself never reads files.
	const { catalogue: tga, releases } = readTgaCatalogue({
		dir: fileURLToPath(new URL('../../../../data/tga/xml/', import.meta.url))
	});
	const catalogue = indexCatalogue(tga);
	for (const r of releases) {
		it(`${r.qualification.id}: the fewest credentials from nothing is at least core + electives`, () => {
			const plan = planCompletion({ catalogue, target: r.qualification.id });
			expect(plan.exact).toBe(true);
			expect(plan.total.count).toBeGreaterThanOrEqual(r.counts.total!);
			// Without prerequisites the minimum is exactly the stated total (every rule is "from the listed units").
			const bare = planCompletion({ catalogue, target: r.qualification.id, ignorePrerequisites: true });
			expect(bare.total.count).toBe(r.counts.total);
		});
	}
});
