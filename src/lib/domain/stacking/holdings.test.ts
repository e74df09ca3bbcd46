import { describe, expect, it } from 'vitest';
import { indexCatalogue, type CatalogueIndex } from './catalogue.ts';
import { makeCredential, makeGroup } from './defaults.ts';
import { expandHoldings, type Holdings } from './holdings.ts';
import { evaluateTarget } from './requirements.ts';

/** The definition, evaluated the slow way: every target, every pass, until nothing changes. */
function expandEveryTarget(index: CatalogueIndex, held: string[]) {
	const out = new Set(held);
	const recognisedFrom = new Map<string, string[]>();
	const achieved = new Set<string>();
	const recognise = (from: string) => {
		const stack = [from];
		while (stack.length)
			for (const y of index.recognisedAs.get(stack.pop()!) ?? []) {
				if (out.has(y)) continue;
				out.add(y);
				recognisedFrom.set(y, [...(recognisedFrom.get(y) ?? []), from]);
				stack.push(y);
			}
	};
	[...out].forEach(recognise);
	for (let changed = true; changed;) {
		changed = false;
		for (const target of index.targets)
			if (!out.has(target) && evaluateTarget({ index, target, held: out }).achieved) {
				out.add(target);
				achieved.add(target);
				recognise(target);
				changed = true;
			}
	}
	return { held: out, recognisedFrom, achieved };
}

// A catalogue that exercises the shortcuts: targets listing one another (stacking in both catalogue
// orders), nested groups, credit rules, recognitions into a member and out of a target, and a target
// that asks for nothing.
const units = Array.from({ length: 12 }, (_, i) => makeCredential({ id: `u${i}`, credits: 5 + i }));
const index = indexCatalogue({
	credentials: [...units, ...['qa', 'qb', 'qc', 'qfree'].map((id) => makeCredential({ id, kind: 'macro' }))],
	groups: [
		makeGroup({ id: 'a1', targetCredentialId: 'qa', rule: 'n_of', n: 2, members: ['u0', 'u1', 'u2'] }),
		makeGroup({
			id: 'a2',
			targetCredentialId: 'qa',
			rule: 'min_credits',
			minCredits: 15,
			members: ['u3', 'u4']
		}),
		makeGroup({ id: 'b1', targetCredentialId: 'qb', rule: 'all', members: ['qc', 'u5'] }),
		makeGroup({ id: 'c1', targetCredentialId: 'qc', rule: 'n_of', n: 1, members: ['u6'] }),
		makeGroup({ id: 'c2', targetCredentialId: 'qc', rule: 'all', members: [] }),
		makeGroup({
			id: 'c2x',
			targetCredentialId: 'qc',
			parentGroupId: 'c2',
			rule: 'n_of',
			n: 1,
			members: ['u7', 'qa']
		}),
		makeGroup({ id: 'f1', targetCredentialId: 'qfree', rule: 'n_of', n: 0, members: ['u8'] })
	],
	prerequisites: [],
	recognitions: [
		{ credentialId: 'u9', recognisedAsId: 'u6' },
		{ credentialId: 'qc', recognisedAsId: 'u10' },
		{ credentialId: 'u10', recognisedAsId: 'u1' }
	]
});

describe('expandHoldings', () => {
	it('gives what evaluating every target until nothing changes gives, for every holding of up to 5 credentials', () => {
		const ids = [...units.map((u) => u.id), 'qa', 'qc'];
		let seed = 7;
		const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
		const normal = (h: Pick<Holdings, 'held' | 'recognisedFrom' | 'achieved'>) => ({
			held: [...h.held].sort(),
			recognisedFrom: [...h.recognisedFrom].sort(),
			achieved: [...h.achieved].sort()
		});
		let stacked = 0;
		for (let i = 0; i < 2000; i++) {
			const held = Array.from(
				{ length: 1 + Math.floor(random() * 5) },
				() => ids[Math.floor(random() * ids.length)]
			);
			const expected = normal(expandEveryTarget(index, held));
			expect(normal(expandHoldings({ index, held }))).toEqual(expected);
			if (expected.achieved.includes('qb')) stacked++;
		}
		// The sample reaches the deepest stack (qc, then qb), not only the easy cases.
		expect(stacked).toBeGreaterThan(10);
	});

	it('achieves a target that asks for nothing without any member held', () => {
		expect(expandHoldings({ index, held: [] }).achieved).toEqual(new Set(['qfree']));
	});
});
