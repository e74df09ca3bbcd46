import { describe, expect, it } from 'vitest';
import { riskRatio } from './risk-ratio.ts';

// Reference values: R 4.2.2, r <- (x1/n1)/(x2/n2); se <- sqrt(1/x1 - 1/n1 + 1/x2 - 1/n2);
// exp(log(r) + c(-1, 1) * qnorm(0.975) * se)
describe('riskRatio', () => {
	it('matches the Katz log interval', () => {
		const r = riskRatio(30, 100, 45, 90)!;
		expect(r.ratio).toBeCloseTo(0.6, 14);
		expect(r.low).toBeCloseTo(0.41703732841051, 12);
		expect(r.high).toBeCloseTo(0.863232078941468, 12);
	});
	it('matches on OULAD disability Y against the rest (1207/3164 vs 14178/29429)', () => {
		const r = riskRatio(1207, 3164, 14178, 29429)!;
		expect(r.ratio).toBeCloseTo(0.791828863078943, 12);
		expect(r.low).toBeCloseTo(0.756287812587395, 12);
		expect(r.high).toBeCloseTo(0.829040132565189, 12);
	});
	it('copes with a group where everyone succeeded (1/x − 1/n = 0)', () => {
		const r = riskRatio(10, 10, 45, 90)!;
		expect(r.ratio).toBe(2);
		expect(r.low).toBeCloseTo(1.62669253943109, 12);
	});
	it('gives ratio 0 without an interval when the group has no successes', () => {
		expect(riskRatio(0, 20, 5, 10)).toEqual({ ratio: 0, low: null, high: null });
	});
	it('is undefined when the reference has no successes or either group is empty', () => {
		expect(riskRatio(3, 10, 0, 10)).toBeUndefined();
		expect(riskRatio(0, 0, 3, 10)).toBeUndefined();
		expect(riskRatio(3, 10, 0, 0)).toBeUndefined();
	});
	it('refuses impossible counts', () => {
		expect(() => riskRatio(11, 10, 1, 2)).toThrow(/^riskRatio/);
		expect(() => riskRatio(1, 10, 1.5, 2)).toThrow(/^riskRatio/);
	});
});
