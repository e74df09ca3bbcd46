import { describe, expect, it } from 'vitest';
import { participationShares, statesNoAssessment } from './participation.ts';

const assessed = { kind: 'micro', assessed: true, assessmentType: null } as const;
const silent = { kind: 'micro', assessed: null, assessmentType: null } as const;

describe('participation vs assessment', () => {
	it('a credential whose record states no assessment counts toward the participation share', () => {
		expect(statesNoAssessment(silent)).toBe(true);
		expect(statesNoAssessment({ kind: 'micro', assessed: false, assessmentType: 'exam' })).toBe(true);
		expect(statesNoAssessment({ kind: 'participation', assessed: true, assessmentType: null })).toBe(true);
		expect(statesNoAssessment(assessed)).toBe(false);
		expect(statesNoAssessment({ kind: 'unit', assessed: null, assessmentType: 'portfolio' })).toBe(false);
	});

	it('weights by awards, per period and group', () => {
		const rows = participationShares([
			{ period: '2014-Q1', group: 'vet', credential: silent, awards: 30 },
			{ period: '2014-Q1', group: 'vet', credential: assessed, awards: 90 },
			{ period: '2014-Q2', group: 'vet', credential: assessed, awards: 5 }
		]);
		expect(rows).toEqual([
			{ period: '2014-Q1', group: 'vet', awards: 120, unassessed: 30, share: 0.25 },
			{ period: '2014-Q2', group: 'vet', awards: 5, unassessed: 0, share: 0 }
		]);
	});
});
