import { describe, expect, it } from 'vitest';
import { importOutcome } from './import-outcome.ts';

describe('importOutcome', () => {
	it('colours an import by what it stored', () => {
		expect(importOutcome({ status: 'succeeded', stored: 0, rejected: 1 })).toEqual({
			tone: 'nothing',
			words: 'nothing stored (1 of 1 rows rejected)'
		});
		expect(importOutcome({ status: 'succeeded', stored: 9, rejected: 1 }).tone).toBe('partial');
		expect(importOutcome({ status: 'succeeded', stored: 10, rejected: 0 })).toEqual({
			tone: 'stored',
			words: 'stored: all 10 rows'
		});
		expect(importOutcome({ status: 'refused', stored: 0, rejected: 3 }).tone).toBe('failed');
		expect(importOutcome({ status: 'running', stored: 0, rejected: 0 }).tone).toBe('running');
	});
});
