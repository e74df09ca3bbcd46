import { describe, expect, it } from 'vitest';
import {
	flattenTree,
	requirementTree,
	ruleSentence,
	ruleText,
	type RequirementInput
} from './requirement-tree.ts';

const group = (g: Partial<RequirementInput> & { id: string }): RequirementInput => ({
	parent: null,
	rule: 'all',
	n: null,
	minCredits: null,
	label: null,
	members: [],
	...g
});

describe('ruleText', () => {
	it('reads each rule', () => {
		expect(ruleText('all', null, null, 27)).toBe('all 27');
		expect(ruleText('n_of', 4, null, 37)).toBe('4 of 37');
		expect(ruleText('min_credits', null, 20, 12)).toBe('at least 20 credits from 12');
	});
});

describe('ruleSentence', () => {
	it('reads a nested listing: members counted, groups named as groups', () => {
		const [pathway] = requirementTree([
			group({ id: 'skill', rule: 'n_of', n: 3 }),
			group({ id: 'skill/a', parent: 'skill', rule: 'n_of', n: 2, members: ['b1', 'b2', 'b3', 'b4'] }),
			group({ id: 'skill/b', parent: 'skill', members: ['b5', 'b6'] }),
			group({ id: 'skill/c', parent: 'skill', rule: 'min_credits', minCredits: 6, members: ['c1', 'c2'] }),
			group({ id: 'skill/d', parent: 'skill', rule: 'n_of', n: 1, members: ['d1'] })
		]);
		expect(ruleSentence(pathway)).toBe('3 of these groups');
		expect(pathway.children.map(ruleSentence)).toEqual([
			'2 of these 4',
			'all of these 2',
			'at least 6 credits from these 2',
			'1 of these 1'
		]);
		const [mixed] = requirementTree([
			group({ id: 'q', members: ['u1'] }),
			group({ id: 'q/g', parent: 'q', members: ['u2'] })
		]);
		expect(ruleSentence(mixed)).toBe('all of these 2');
	});
});

describe('requirementTree', () => {
	it('is empty for a credential without groups', () => {
		expect(requirementTree([])).toEqual([]);
	});

	it('nests groups under their parent and counts a nested group as one member', () => {
		// Shaped like AUR31220: core, an elective pool, and "one of Group A, B or C".
		const tree = requirementTree([
			group({ id: 'Q/core', label: 'Core units', members: ['u1', 'u2', 'u3'] }),
			group({ id: 'Q/electives', rule: 'n_of', n: 2, members: ['e1', 'e2', 'e3', 'e4'] }),
			group({ id: 'Q/one-of', rule: 'n_of', n: 1 }),
			group({ id: 'Q/one-of/a', parent: 'Q/one-of', members: ['a1', 'a2'] }),
			group({ id: 'Q/one-of/b', parent: 'Q/one-of', members: ['b1'] }),
			group({ id: 'Q/credits', rule: 'min_credits', minCredits: 20, members: ['c1', 'c2'] })
		]);
		expect(tree.map((g) => [g.id, g.rule_text, g.depth])).toEqual([
			['Q/core', 'all 3', 0],
			['Q/electives', '2 of 4', 0],
			['Q/one-of', '1 of 2', 0],
			['Q/credits', 'at least 20 credits from 2', 0]
		]);
		expect(tree[2].children.map((g) => [g.id, g.rule_text, g.depth])).toEqual([
			['Q/one-of/a', 'all 2', 1],
			['Q/one-of/b', 'all 1', 1]
		]);
		expect(flattenTree(tree).map((g) => g.id)).toEqual([
			'Q/core',
			'Q/electives',
			'Q/one-of',
			'Q/one-of/a',
			'Q/one-of/b',
			'Q/credits'
		]);
	});

	it('keeps a group whose parent is missing, at the top', () => {
		const tree = requirementTree([group({ id: 'orphan', parent: 'gone', members: ['x'] })]);
		expect(tree.map((g) => g.id)).toEqual(['orphan']);
	});
});
