import { describe, expect, it } from 'vitest';
import { conformance } from './conformance.ts';

describe('conformance', () => {
	it('meets when nothing is missing, and lists what is, in order', () => {
		expect(conformance([['a', true]])).toEqual({ meets: true, missing: [] });
		expect(
			conformance([
				['a', false],
				['b', true],
				['c', false]
			])
		).toEqual({ meets: false, missing: ['a', 'c'] });
	});
});
