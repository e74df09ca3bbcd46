import { describe, expect, it } from 'vitest';
import type { Catalogue } from './catalogue.ts';
import { makeCredential as cred, makeGroup as group } from './fixtures.ts';
import { learnerProgress } from './progress.ts';

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
