import { randomLcg } from 'd3-random';
import { describe, expect, it } from 'vitest';
import { indexCatalogue } from '../stacking/catalogue.ts';
import { makeCredential, makeGroup } from '../stacking/defaults.ts';
import { stackingOutcomes } from '../stacking/stacking-rate.ts';
import { PanelSums, type PanelLearner } from './learner-panels.ts';

const units = Array.from({ length: 8 }, (_, i) => makeCredential({ id: `u${i}`, credits: 10 }));
const index = indexCatalogue({
	credentials: [
		...units,
		makeCredential({ id: 'qa', kind: 'macro' }),
		makeCredential({ id: 'qb', kind: 'macro' })
	],
	groups: [
		makeGroup({ id: 'a1', targetCredentialId: 'qa', rule: 'n_of', n: 2, members: ['u0', 'u1', 'u2'] }),
		makeGroup({ id: 'a2', targetCredentialId: 'qa', rule: 'all', members: ['u3'] }),
		makeGroup({ id: 'b1', targetCredentialId: 'qb', rule: 'n_of', n: 1, members: ['qa', 'u4'] })
	],
	prerequisites: [],
	recognitions: [{ credentialId: 'u7', recognisedAsId: 'u2' }]
});
const ids = [...units.map((u) => u.id), 'qa', 'qb'];
const GENDERS = ['F', 'M', 'not stated'];

/** Learners with random holdings (deterministic). */
function randomLearners(count: number): PanelLearner[] {
	const random = randomLcg(11);
	const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
	return Array.from({ length: count }, () => ({
		origin: 'generated',
		groups: [pick(GENDERS), 'a', 'b', 'c', 'd', 'e'],
		awards: Array.from({ length: Math.floor(random() * 5) }, () => ({
			credentialId: pick(ids),
			providerId: pick(['p1', 'p2', null])
		}))
	}));
}

/** The cells of one panel, provider and dimension: keys after the dimension → counts. */
function cellsOf(sums: PanelSums, panel: string, provider: string, dimension: string) {
	const out = new Map<string, number[]>();
	for (const [key, counts] of sums.entries())
		if (key[0] === panel && key[2] === provider && key[3] === dimension)
			out.set(key.slice(4).join('|'), counts);
	return out;
}

describe('PanelSums', () => {
	const learners = randomLearners(400);
	const sums = new PanelSums();
	for (const learner of learners) sums.add(learner, index);

	it('sums stacking as stackingOutcomes counts it, overall and per group', () => {
		for (const dimension of ['all', 'gender'] as const) {
			const expected = stackingOutcomes({
				catalogue: index,
				learners: learners.map((learner) => ({
					held: learner.awards.map((a) => a.credentialId),
					groups: dimension === 'all' ? [] : [learner.groups[0]]
				}))
			});
			const cells = cellsOf(sums, 'stacking', '', dimension);
			expect(expected.length).toBeGreaterThan(2);
			expect(cells.size).toBe(expected.length);
			for (const c of expected) {
				const value = dimension === 'all' ? 'all' : c.groups[0];
				expect(cells.get([value, c.qualification ?? '', '', ''].join('|'))).toEqual([
					c.holders,
					c.achieved,
					...c.progress
				]);
			}
		}
	});

	it('takes a learner out exactly as it put them in', () => {
		const both = new PanelSums();
		for (const learner of learners.slice(0, 50)) both.add(learner, index);
		for (const learner of learners.slice(0, 50)) both.add(learner, index, -1);
		expect(both.size).toBeGreaterThan(0);
		for (const [, counts] of both.entries()) expect(counts.every((n) => n === 0)).toBe(true);
	});
});
