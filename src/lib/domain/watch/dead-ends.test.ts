import { describe, expect, it } from 'vitest';
import { deadEnds, type StackingFacts } from './dead-ends.ts';

const f = (id: string, over: Partial<StackingFacts> = {}): StackingFacts => ({
	id,
	countsToward: [],
	hasRequirements: false,
	onwardLearners: 0,
	completers: 0,
	...over
});

describe('dead ends and orphans', () => {
	it('finds credentials that count toward nothing and lead few learners on', () => {
		const result = deadEnds([
			f('q1', { hasRequirements: true, completers: 12 }),
			f('q2', { hasRequirements: true }),
			f('u1', { countsToward: ['q1', 'q2'] }),
			f('u2', { countsToward: ['q1'] }),
			f('m1', { onwardLearners: 40 }),
			f('m2', { onwardLearners: 3 })
		]);
		// q1 and q2 count toward nothing and lead nobody on; m2 leads 3 on (< 10); m1 leads 40 on.
		expect(result.deadEnds).toEqual(['m2', 'q1', 'q2']);
		// Only m2 is neither a target nor part of one.
		expect(result.orphans).toEqual(['m2']);
		expect(result.uncompletedQualifications).toEqual(['q2']);
		expect(result.shared).toEqual(['u1']);
	});
});
