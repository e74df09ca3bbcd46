import { describe, expect, it } from 'vitest';
import { bare, full } from '../../../../tests/fixtures/credentials.ts';
import { australiaConformance } from './australia.ts';

describe('australiaConformance', () => {
	it('passes a complete micro-credential', () => {
		expect(australiaConformance(full)).toEqual({ meets: true, missing: [] });
	});
	it('names every missing element; unknown counts as missing', () => {
		expect(australiaConformance(bare).missing).toEqual(['workloadAtLeastOneHour', 'assessed']);
	});
	it('needs at least one hour of learning', () => {
		expect(australiaConformance({ ...full, workloadHours: 0.5 }).missing).toEqual(['workloadAtLeastOneHour']);
		expect(australiaConformance({ ...full, workloadHours: 1 }).meets).toBe(true);
		// 0.04 ECTS × 25 h = 1 h; credits in another system are not converted.
		expect(australiaConformance({ ...full, workloadHours: null, credits: 0.04 }).meets).toBe(true);
		expect(australiaConformance({ ...full, workloadHours: null, creditSystem: 'CATS' }).meets).toBe(false);
	});
	it('needs to be below a full award', () => {
		expect(australiaConformance({ ...full, kind: 'macro' }).missing).toEqual(['belowFullAward']);
	});
});
