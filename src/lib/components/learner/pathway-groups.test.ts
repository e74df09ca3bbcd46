import { describe, expect, it } from 'vitest';
import type { GroupState } from '$lib/domain/stacking/index.ts';
import { describeGroup } from './pathway-groups.ts';

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

describe('describeGroup', () => {
	it('describes all, n-of and min-credit groups with what is held', () => {
		expect(describeGroup(group({ have: 3 }))).toBe('Core units (all 8): 3 of 8 held');
		expect(
			describeGroup(group({ label: 'Electives', rule: 'n_of', n: 4, need: 4, have: 4, satisfied: true }))
		).toBe('Electives (4 of the options): 4 of 4 held, satisfied');
		expect(
			describeGroup(group({ label: null, rule: 'min_credits', minCredits: 30, need: 30, have: 10 }))
		).toBe('Requirement (at least 30 credits): 10 credits held');
	});
});
