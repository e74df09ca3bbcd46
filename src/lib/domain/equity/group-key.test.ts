import { describe, expect, it } from 'vitest';
import { groupName } from './group-key.ts';

describe('groupName', () => {
	it('keeps one value, and null for everyone', () => {
		expect(groupName('not stated')).toEqual({ group: 'not stated' });
		expect(groupName(null)).toEqual({ group: null });
	});
	it('joins a pair with " × " and returns its parts', () => {
		expect(groupName(['F', 'Y'])).toEqual({ group: 'F × Y', groups: ['F', 'Y'] });
	});
	it('refuses anything else', () => {
		expect(() => groupName(['F'] as unknown as [string, string])).toThrow(/^groupName/);
	});
});
