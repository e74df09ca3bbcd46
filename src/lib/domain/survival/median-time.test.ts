import { describe, expect, it } from 'vitest';
import { aalenJohansen } from './aalen-johansen.ts';
import type { DayCounts } from './day-counts.ts';
import { medianTimeToCredential } from './median-time.ts';

const curveOf = (rows: Array<[number, Partial<Omit<DayCounts, 'day'>>]>) =>
	aalenJohansen(rows.map(([day, c]) => ({ day, completed: 0, withdrawn: 0, failed: 0, censored: 0, ...c })))!;

describe('medianTimeToCredential', () => {
	it('is the first day the completion incidence reaches 0.5', () => {
		const curve = curveOf([
			[1, { withdrawn: 1 }],
			[4, { completed: 4 }],
			[9, { completed: 2, censored: 3 }]
		]);
		// F(4) = 0.4, F(9) = 0.6
		expect(medianTimeToCredential(curve)?.days).toBe(9);
	});
	it('is null when the curve never reaches 0.5, even though competitors do', () => {
		const curve = curveOf([
			[1, { withdrawn: 6 }],
			[4, { completed: 3, censored: 1 }]
		]);
		expect(medianTimeToCredential(curve)).toBeNull();
	});
	it('is null when nobody completes', () => {
		expect(medianTimeToCredential(curveOf([[3, { censored: 5 }]]))).toBeNull();
	});
	it('takes the midpoint of an exact 0.5 plateau, as R (R: 5.5, low 2, high NA)', () => {
		const curve = curveOf([
			[2, { completed: 1 }],
			[3, { completed: 1 }],
			[8, { completed: 1 }],
			[10, { censored: 1 }]
		]);
		expect(medianTimeToCredential(curve)).toEqual({ days: 5.5, low: 2, high: null });
	});
});
