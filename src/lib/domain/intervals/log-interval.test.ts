import { describe, expect, it } from 'vitest';
import { logInterval } from './log-interval.ts';

describe('logInterval', () => {
	// R 4.2.2: survival:::survfit_confint(0.25, 0.21650635094611, logse = FALSE, "log", 0.95)
	it('matches survfit_confint with conf.type "log"', () => {
		const r = logInterval(0.25, 0.21650635094611)!;
		expect(r.low).toBeCloseTo(0.0457907596660182, 12);
		expect(r.high).toBe(1);
	});
	it('collapses to the estimate when the standard error is 0', () => {
		expect(logInterval(1, 0)).toEqual({ low: 1, high: 1 });
	});
	it('is undefined at an estimate of 0, where R gives NA', () => {
		expect(logInterval(0, 0)).toBeUndefined();
	});
	it('refuses impossible input', () => {
		expect(() => logInterval(1.5, 0)).toThrow(/^logInterval/);
		expect(() => logInterval(0.5, Number.NaN)).toThrow(/^logInterval/);
	});
});
