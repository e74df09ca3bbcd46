import { describe, expect, it } from 'vitest';
import { wilson } from './wilson.ts';

describe('wilson', () => {
	// Reference values: R 4.2.2, prop.test(x, n, correct = FALSE)$conf.int
	it('matches prop.test without continuity correction', () => {
		const r = wilson(1207, 3164)!;
		expect(r.rate).toBeCloseTo(1207 / 3164, 12);
		expect(r.low).toBeCloseTo(0.364706982761, 9);
		expect(r.high).toBeCloseTo(0.398538744733, 9);
	});
	it('handles the extremes without leaving [0, 1]', () => {
		expect(wilson(0, 10)!.low).toBe(0);
		expect(wilson(10, 10)!.high).toBe(1);
		expect(wilson(0, 10)!.high).toBeCloseTo(0.277532799863, 9);
	});
	it('is undefined for an empty group', () => {
		expect(wilson(0, 0)).toBeUndefined();
	});
	it('refuses impossible counts', () => {
		expect(() => wilson(5, 4)).toThrow(/wilson/);
	});
});
