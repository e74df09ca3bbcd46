import fc from 'fast-check';
import { randomLcg } from 'd3-random';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readTgaCatalogue } from '../../server/import/tga/vendored.ts';
import { generateCatalogue } from '../demo/catalogue.ts';
import { indexCatalogue, type Catalogue, type CatalogueIndex } from './catalogue.ts';
import { makeCredential as cred, makeGroup as group } from './defaults.ts';
import { PlanError, planCompletion } from './plan.ts';
import { hoursStillNeeded, learnerProgress, separable } from './progress.ts';
import { randomCatalogue, separatedCatalogue } from '../../../../tests/builders/random-catalogues.ts';

// Two qualifications sharing unit S; Q2 stacks into a higher award H; X (another provider) is
// recognised as A.
const catalogue = (): Catalogue => ({
	credentials: [
		...['A', 'B', 'C', 'S', 'D', 'E'].map((id) => cred({ id, credits: 10 })),
		cred({ id: 'X', providerId: 'other' }),
		cred({ id: 'Q1', kind: 'macro' }),
		cred({ id: 'Q2', kind: 'macro' }),
		cred({ id: 'H', kind: 'macro' })
	],
	groups: [
		group({ id: 'Q1/core', targetCredentialId: 'Q1', rule: 'all', members: ['A', 'S'] }),
		group({ id: 'Q1/el', targetCredentialId: 'Q1', rule: 'n_of', n: 1, members: ['B', 'C'], position: 1 }),
		group({
			id: 'Q2/cr',
			targetCredentialId: 'Q2',
			rule: 'min_credits',
			minCredits: 20,
			members: ['S', 'D', 'E']
		}),
		group({ id: 'H/all', targetCredentialId: 'H', rule: 'all', members: ['Q2'] }),
		group({ id: 'H/alt', targetCredentialId: 'H', rule: 'n_of', n: 1, members: [], position: 1 }),
		group({ id: 'H/alt/1', targetCredentialId: 'H', parentGroupId: 'H/alt', rule: 'all', members: ['A'] }),
		group({
			id: 'H/alt/2',
			targetCredentialId: 'H',
			parentGroupId: 'H/alt',
			rule: 'n_of',
			n: 2,
			members: ['B', 'C', 'D']
		})
	],
	prerequisites: [],
	recognitions: [{ credentialId: 'X', recognisedAsId: 'A' }]
});

describe('learnerProgress', () => {
	it('reports each group, what counts, and what is still needed', () => {
		const { qualifications } = learnerProgress({ catalogue: catalogue(), held: ['S', 'B'] });
		const q1 = qualifications.find((q) => q.target === 'Q1')!;
		expect(q1.groups.map((g) => [g.id, g.satisfied, g.have, g.need])).toEqual([
			['Q1/core', false, 1, 2],
			['Q1/el', true, 1, 1]
		]);
		expect(q1).toMatchObject({ achieved: false, counted: ['B', 'S'], stillNeeded: 1, neededFromScratch: 3 });
		expect(q1.share).toBeCloseTo(2 / 3);
		const q2 = qualifications.find((q) => q.target === 'Q2')!;
		expect(q2).toMatchObject({ stillNeeded: 1, creditsStillNeeded: 10, counted: ['S'] });
	});
	it('says when one credential counts toward several qualifications', () => {
		const { holdings } = learnerProgress({ catalogue: catalogue(), held: ['S'] });
		expect(holdings.find((h) => h.id === 'S')).toEqual({
			id: 'S',
			recognisedFrom: null,
			countsToward: ['Q1', 'Q2'],
			sharedAcross: true
		});
	});
	it('applies recognitions: X held counts as A', () => {
		const { qualifications, holdings } = learnerProgress({ catalogue: catalogue(), held: ['X', 'S', 'C'] });
		expect(qualifications.find((q) => q.target === 'Q1')!.achieved).toBe(true);
		expect(holdings.find((h) => h.id === 'A')).toMatchObject({
			recognisedFrom: ['X'],
			countsToward: expect.arrayContaining(['Q1', 'H'])
		});
	});
	it('stacks: a completed qualification counts toward a higher one, with nested alternatives', () => {
		const { qualifications } = learnerProgress({ catalogue: catalogue(), held: ['S', 'D', 'B'] });
		const h = qualifications.find((q) => q.target === 'H')!;
		expect(qualifications.find((q) => q.target === 'Q2')).toMatchObject({
			achieved: true,
			achievedByStacking: true,
			share: 1
		});
		expect(h.achieved).toBe(true); // Q2 by stacking, and B + D satisfy the second alternative
		expect(h.groups[1].children.map((c) => c.satisfied)).toEqual([false, true]);
	});
	it('can leave out qualifications nothing held counts toward', () => {
		const { qualifications } = learnerProgress({ catalogue: catalogue(), held: ['E'], onlyReachable: true });
		expect(qualifications.map((q) => q.target)).toEqual(['Q2']);
	});
});

// "Still needed" is summed group by group when the target's groups share no credential
// (`separable`) and searched by the planner otherwise: either way it is the planner's answer.
describe('stillNeeded is the planner’s fewest credentials', () => {
	const plannerFewest = (index: CatalogueIndex, target: string, held: string[]) => {
		try {
			return planCompletion({ catalogue: index, target, held, objective: 'count', ignorePrerequisites: true })
				.total.count;
		} catch (e) {
			if (e instanceof PlanError) return null;
			throw e;
		}
	};
	const expectPlannerAnswers = (index: CatalogueIndex, held: string[]) => {
		for (const q of learnerProgress({ catalogue: index, held }).qualifications) {
			expect({ target: q.target, stillNeeded: q.stillNeeded }).toEqual({
				target: q.target,
				stillNeeded: plannerFewest(index, q.target, held)
			});
			expect(q.neededFromScratch).toBe(plannerFewest(index, q.target, []));
		}
	};

	it('on random catalogues, separable or not', () => {
		const seen = { separable: 0, other: 0 };
		fc.assert(
			fc.property(randomCatalogue, ({ catalogue, held }) => {
				const index = indexCatalogue(catalogue);
				seen[separable(index, 'T') ? 'separable' : 'other']++;
				expectPlannerAnswers(index, held);
			}),
			{ seed: 20261202, numRuns: 600 }
		);
		// Both ways of counting were exercised.
		expect(seen.separable).toBeGreaterThan(100);
		expect(seen.other).toBeGreaterThan(100);
	});

	it('on random catalogues made separable: nested groups, members and children to choose between', () => {
		fc.assert(
			fc.property(separatedCatalogue, ({ catalogue, held }) => {
				const index = indexCatalogue(catalogue);
				expect(separable(index, 'T')).toBe(true);
				expectPlannerAnswers(index, held);
			}),
			{ seed: 20261203, numRuns: 600 }
		);
	});

	it('hoursStillNeeded is the planner’s fewest hours, on random catalogues separable or not', () => {
		const plannerHours = (index: CatalogueIndex, target: string, held: string[]) => {
			try {
				return planCompletion({
					catalogue: index,
					target,
					held,
					objective: 'hours',
					ignorePrerequisites: true
				}).total.hours;
			} catch (e) {
				if (e instanceof PlanError) return null;
				throw e;
			}
		};
		const seen = { separable: 0, other: 0 };
		for (const [arbitrary, seed] of [
			[randomCatalogue, 20261206],
			[separatedCatalogue, 20261207]
		] as const)
			fc.assert(
				fc.property(arbitrary, ({ catalogue, held }) => {
					const index = indexCatalogue(catalogue);
					seen[separable(index, 'T') ? 'separable' : 'other']++;
					expect(hoursStillNeeded({ catalogue: index, held, target: 'T' })).toBe(
						plannerHours(index, 'T', held)
					);
				}),
				{ seed, numRuns: 400 }
			);
		expect(seen.separable).toBeGreaterThan(100);
		expect(seen.other).toBeGreaterThan(100);
	});

	it('hoursStillNeeded is unknown when a credential that could complete it states no hours', () => {
		const index = indexCatalogue({
			credentials: [cred({ id: 'T' }), cred({ id: 'A', workloadHours: 30 }), cred({ id: 'B' })],
			groups: [group({ id: 'g', targetCredentialId: 'T', rule: 'n_of', n: 1, members: ['A', 'B'] })],
			prerequisites: [],
			recognitions: []
		});
		expect(hoursStillNeeded({ catalogue: index, held: [], target: 'T' })).toBeNull();
		expect(hoursStillNeeded({ catalogue: index, held: ['B'], target: 'T' })).toBe(0);
	});

	it('takes open members before a child group that needs more than one', () => {
		// T: 2 of {A, B, the group "C and D"}: A and B (2), not A + C + D (3).
		const index = indexCatalogue({
			credentials: ['T', 'A', 'B', 'C', 'D'].map((id) => cred({ id })),
			groups: [
				group({ id: 'g', targetCredentialId: 'T', rule: 'n_of', n: 2, members: ['A', 'B'] }),
				group({ id: 'g/cd', targetCredentialId: 'T', parentGroupId: 'g', rule: 'all', members: ['C', 'D'] })
			],
			prerequisites: [],
			recognitions: []
		});
		const stillNeeded = (held: string[]) =>
			learnerProgress({ catalogue: index, held, targets: ['T'] }).qualifications[0].stillNeeded;
		expect(stillNeeded([])).toBe(2);
		expect(stillNeeded(['C'])).toBe(2); // D completes the child group: as cheap as A + B
		expect(stillNeeded(['C', 'D'])).toBe(1); // the child counts as one held
		expect(stillNeeded(['A', 'C', 'D'])).toBe(0);
	});

	const randomHoldings = (index: CatalogueIndex, seed: number, learners: number) => {
		const random = randomLcg(seed);
		const ids = [...index.credentials.keys()];
		return Array.from({ length: learners }, () =>
			Array.from({ length: 1 + Math.floor(random() * 25) }, () => ids[Math.floor(random() * ids.length)])
		);
	};

	it('on a generated catalogue (every qualification separable) and random holdings', () => {
		const index = indexCatalogue(generateCatalogue({ seed: 4, credentials: 600 }));
		expect(index.targets.every((t) => separable(index, t))).toBe(true);
		for (const held of randomHoldings(index, 5, 60)) expectPlannerAnswers(index, held);
	});

	it('on the vendored training.gov.au qualifications (some separable) and random holdings', () => {
		const { catalogue } = readTgaCatalogue({
			dir: fileURLToPath(new URL('../../../../data/tga/xml/', import.meta.url))
		});
		const index = indexCatalogue(catalogue);
		const kinds = new Set(index.targets.map((t) => separable(index, t)));
		expect(kinds).toEqual(new Set([true, false]));
		for (const held of randomHoldings(index, 6, 40)) expectPlannerAnswers(index, held);
	});

	it('onlyReachable leaves out exactly the qualifications nothing held counts toward', () => {
		const index = indexCatalogue(generateCatalogue({ seed: 7, credentials: 600 }));
		for (const held of randomHoldings(index, 8, 60)) {
			const all = learnerProgress({ catalogue: index, held }).qualifications;
			const reachable = learnerProgress({ catalogue: index, held, onlyReachable: true }).qualifications;
			expect(reachable).toEqual(all.filter((q) => q.counted.length > 0 || q.achieved));
		}
	});
});
