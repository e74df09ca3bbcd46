import { describe, expect, it } from 'vitest';
import type { Credential, RequirementGroup } from '../types.ts';
import { makeCredential } from './defaults.ts';
import { progressBin, stackingOutcomes } from './stacking-rate.ts';

const credential = (id: string, kind: Credential['kind'] = 'unit'): Credential =>
	makeCredential({ id, kind, origin: 'real' });
const group = (
	id: string,
	target: string,
	rule: RequirementGroup['rule'],
	members: string[],
	n: number | null = null
): RequirementGroup => ({
	id,
	targetCredentialId: target,
	parentGroupId: null,
	rule,
	n,
	minCredits: null,
	label: id,
	position: 0,
	members
});
// Q: core {A, B} all + electives 1 of {C, D}. R: all of {X}. X is recognised as A.
const catalogue = {
	credentials: ['A', 'B', 'C', 'D', 'X']
		.map((id) => credential(id))
		.concat([credential('Q', 'macro'), credential('R', 'macro')]),
	groups: [
		group('Q#core', 'Q', 'all', ['A', 'B']),
		group('Q#el', 'Q', 'n_of', ['C', 'D'], 1),
		group('R#core', 'R', 'all', ['X'])
	],
	prerequisites: [],
	recognitions: [{ credentialId: 'X', recognisedAsId: 'A' }]
};

describe('stackingOutcomes', () => {
	it('counts holders of a counting credential, achievers, and progress by groups satisfied', () => {
		const cells = stackingOutcomes({
			catalogue,
			learners: [
				{ held: ['A'], groups: ['F'] }, // Q: 0 of 2 groups (core needs B too)
				{ held: ['A', 'B'], groups: ['F'] }, // Q: 1 of 2
				{ held: ['A', 'B', 'C'], groups: ['M'] }, // Q achieved by its rules
				{ held: ['Q'], groups: ['M'] }, // holds the award only: not a holder of a counting credential
				{ held: ['D', 'Q'], groups: ['M'] }, // a holder with the award
				{ held: ['X'], groups: ['F'] } // X counts toward R, and toward Q by recognition as A
			]
		});
		const q = (g: string) => cells.find((c) => c.qualification === 'Q' && c.groups[0] === g)!;
		expect(q('F')).toMatchObject({ holders: 3, achieved: 0, progress: [2, 0, 1, 0, 0, 0] });
		expect(q('M')).toMatchObject({ holders: 2, achieved: 2, progress: [0, 0, 0, 0, 0, 2] });
		const r = cells.find((c) => c.qualification === 'R' && c.groups[0] === 'F')!;
		expect(r).toMatchObject({ holders: 1, achieved: 1 });
		const all = cells.find((c) => c.qualification === null && c.groups[0] === 'F')!;
		expect(all).toMatchObject({ holders: 4, achieved: 1 });
	});
	it('bins progress so that only complete is 100% and nothing is 0%', () => {
		expect([0, 0.01, 0.25, 0.26, 0.5, 0.75, 0.99, 1].map(progressBin)).toEqual([0, 1, 1, 2, 2, 3, 4, 5]);
	});
	it('is empty without holders', () => {
		expect(stackingOutcomes({ catalogue, learners: [] })).toEqual([]);
	});
});
