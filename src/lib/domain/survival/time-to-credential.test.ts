import { describe, expect, it } from 'vitest';
import { timeToCredential } from './time-to-credential.ts';

const rows = [
	{ day: 0, completed: 0, withdrawn: 2, failed: 0, censored: 0 },
	{ day: 30, completed: 0, withdrawn: 0, failed: 0, censored: 3 },
	{ day: 100, completed: 10, withdrawn: 0, failed: 0, censored: 0 },
	{ day: 100, completed: 5, withdrawn: 0, failed: 3, censored: 1 }
];

describe('timeToCredential', () => {
	it('has one point per event day, not per censoring-only day', () => {
		const out = timeToCredential({ rows })!;
		expect(out.n).toBe(24);
		expect(out.inProgress).toBe(4);
		expect(out.points.map((p) => p.day)).toEqual([0, 100]);
		expect(Object.keys(out.points[0])).toEqual([
			'day',
			'completed',
			'withdrawn',
			'failed',
			'completedLow',
			'completedHigh'
		]);
		// No completion yet on day 0: no log-scale interval (R: NA).
		expect(out.points[0]).toMatchObject({ completed: 0, completedLow: null, completedHigh: null });
		// Day 100: 19 at risk, S(99) = 22/24, F_c = 22/24 · 15/19.
		expect(out.points[1].completed).toBeCloseTo((22 / 24) * (15 / 19), 14);
		expect(out.median?.days).toBe(100);
	});
	it('reports the step value at requested days', () => {
		const out = timeToCredential({ rows, at: [60, 120, 240] })!;
		expect(out.points.map((p) => p.day)).toEqual([60, 120, 240]);
		expect(out.points[0].completed).toBe(0);
		expect(out.points[0].withdrawn).toBeCloseTo(2 / 24, 15);
		expect(out.points[2]).toEqual({ ...out.points[1], day: 240 });
	});
	it('has no median when completion never reaches one half', () => {
		const out = timeToCredential({ rows: [{ day: 5, completed: 1, withdrawn: 3, failed: 0, censored: 0 }] })!;
		expect(out.median).toBeNull();
	});
	it('is undefined for an empty group, and refuses bad days', () => {
		expect(timeToCredential({ rows: [] })).toBeUndefined();
		expect(() => timeToCredential({ rows, at: [-1] })).toThrow(/^timeToCredential/);
	});
});
