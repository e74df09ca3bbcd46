import { describe, expect, it } from 'vitest';
import type { GroupState } from '$lib/domain/stacking/index.ts';
import { groupViews } from './pathway-groups.ts';

const group = (over: Partial<GroupState>): GroupState => ({
	id: 'g',
	label: 'Core units',
	rule: 'all',
	n: null,
	minCredits: null,
	satisfied: false,
	counted: [],
	have: 0,
	need: 8,
	children: [],
	...over
});

describe('groupViews', () => {
	const titles = { A: 'Unit A', B: 'Unit B', C: 'Unit C', D: 'Unit D', E: 'Unit E' };

	it('says what is held, planned and left in each group', () => {
		const [core] = groupViews([group({ id: 'Q/core', need: 3, have: 1, counted: ['A'] })], {
			members: { 'Q/core': ['A', 'B', 'C'] },
			planned: new Set(['B']),
			titles
		});
		expect(core).toMatchObject({
			kind: 'requirement',
			held: [{ id: 'A', title: 'Unit A' }],
			planned: [{ id: 'B', title: 'Unit B' }],
			left: [{ id: 'C', title: 'Unit C' }],
			status: 'all needed; 2 more needed'
		});
	});

	it('renders a pathway (one of several sub-groups) as a choice, each option with its own state', () => {
		const pathway = group({
			id: 'Q/pathway',
			label: 'One of: Mining, Quarrying',
			rule: 'n_of',
			n: 1,
			need: 1,
			children: [
				group({ id: 'Q/pathway/mining', label: 'Mining', need: 2, have: 1, counted: ['D'] }),
				group({ id: 'Q/pathway/quarrying', label: 'Quarrying', need: 1 })
			]
		});
		const [view] = groupViews([pathway], {
			members: { 'Q/pathway': [], 'Q/pathway/mining': ['D', 'E'], 'Q/pathway/quarrying': ['C'] },
			planned: new Set(['E']),
			titles
		});
		expect(view.kind).toBe('choice');
		if (view.kind !== 'choice') return;
		expect(view.choose).toBe('Choose one of');
		expect(view.options.map((o) => o.heading)).toEqual(['Mining', 'Quarrying']);
		expect(view.options[0]).toMatchObject({ held: [{ id: 'D' }], planned: [{ id: 'E' }], left: [] });
	});

	it('gathers the electives\' "at most" limits into one line instead of one requirement each', () => {
		const limit = (id: string, label: string, satisfied: boolean) =>
			group({ id: `Q/outside-${id}`, label, rule: 'n_of', n: 9, need: 9, satisfied });
		const views = groupViews(
			[
				group({ id: 'Q/electives', label: 'Electives', rule: 'n_of', need: 10 }),
				limit('group-a', 'At most 1 from Group A: at least 9 from the other listed electives', true),
				limit('group-b', 'At most 1 from Group B: at least 9 from the other listed electives', true),
				limit(
					'group-a-group-b',
					'At most 1 from Group A, 1 from Group B: at least 8 from the other listed electives',
					false
				)
			],
			{ members: {}, planned: new Set(), titles }
		);
		expect(views.map((v) => v.kind)).toEqual(['requirement', 'limits']);
		expect(views[1]).toMatchObject({
			limits: ['at most 1 from Group A', 'at most 1 from Group B'],
			satisfied: false
		});
	});
});
