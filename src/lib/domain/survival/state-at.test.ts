import { describe, expect, it } from 'vitest';
import { aalenJohansen } from './aalen-johansen.ts';
import { stateAt } from './state-at.ts';

const curve = aalenJohansen([
	{ day: 2, completed: 1, withdrawn: 0, failed: 0, censored: 0 },
	{ day: 5, completed: 0, withdrawn: 1, failed: 0, censored: 2 }
])!;

describe('stateAt', () => {
	it('starts everyone in progress before the first step', () => {
		const v = stateAt(curve, 1);
		expect(v.estimate).toEqual({ survival: 1, completed: 0, withdrawn: 0, failed: 0 });
		expect(v.low.completed).toBeNull();
		expect(v.low.survival).toBe(1);
	});
	it('takes the step on or before the day (right-continuous)', () => {
		expect(stateAt(curve, 2).estimate.completed).toBe(0.25);
		expect(stateAt(curve, 4.5).estimate.completed).toBe(0.25);
		expect(stateAt(curve, 5).estimate.withdrawn).toBe(0.25);
	});
	it('carries the last value forward, as R summary(extend = TRUE)', () => {
		expect(stateAt(curve, 1000)).toEqual({ ...stateAt(curve, 5), day: 1000 });
	});
	it('refuses a day that is not a number', () => {
		expect(() => stateAt(curve, Number.NaN)).toThrow(/^stateAt/);
	});
});
