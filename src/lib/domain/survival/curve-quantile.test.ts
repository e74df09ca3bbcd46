import { describe, expect, it } from 'vitest';
import { curveQuantile } from './curve-quantile.ts';

// Expected values: R 4.2.2, survival 3.5.3, survival:::findq(c(0, times), c(0, values), p, tol).
describe('curveQuantile', () => {
	it('is the first time the curve reaches p', () => {
		expect(curveQuantile({ times: [2, 5, 9], values: [0.2, 0.6, 0.9], p: 0.5 })).toBe(5);
	});
	it('takes the midpoint where the curve sits exactly at p', () => {
		// findq(c(0,2,3,8,10), c(0,.25,.5,.75,.75), .5) = 5.5
		expect(curveQuantile({ times: [2, 3, 8, 10], values: [0.25, 0.5, 0.75, 0.75], p: 0.5 })).toBe(5.5);
	});
	it('runs the midpoint to the last time when the curve ends at p', () => {
		// findq(c(0,2,3,10,12), c(0,.25,.5,.5,.5), .5) = 7.5
		expect(curveQuantile({ times: [2, 3, 10, 12], values: [0.25, 0.5, 0.5, 0.5], p: 0.5 })).toBe(7.5);
	});
	it('treats values within the tolerance of p as p', () => {
		expect(curveQuantile({ times: [2, 3, 8], values: [0.25, 0.5 - 1e-10, 0.75], p: 0.5 })).toBe(5.5);
	});
	it('is undefined when the curve never reaches p', () => {
		expect(curveQuantile({ times: [2, 3], values: [0.1, 0.4], p: 0.5 })).toBeUndefined();
		expect(curveQuantile({ times: [], values: [], p: 0.5 })).toBeUndefined();
	});
	it('ignores missing points, as R drops NA', () => {
		// findq(c(0,1,4,6), c(0,NA,NA,.7), .5) = 6
		expect(curveQuantile({ times: [1, 4, 6], values: [null, null, 0.7], p: 0.5 })).toBe(6);
	});
	it('follows R on a curve that is not monotone (an interval bound can be)', () => {
		// findq(c(0,1,2,3), c(0,.6,.55,.9), .5): approx() sorts by value, so the smallest
		// value ≥ p wins: the time of .55, 2.
		expect(curveQuantile({ times: [1, 2, 3], values: [0.6, 0.55, 0.9], p: 0.5 })).toBe(2);
	});
	it('refuses mismatched input', () => {
		expect(() => curveQuantile({ times: [1], values: [], p: 0.5 })).toThrow(/^curveQuantile/);
		expect(() => curveQuantile({ times: [], values: [], p: 2 })).toThrow(/^curveQuantile/);
	});
});
