import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aalenJohansen, STATES } from './aalen-johansen.ts';
import type { DayCounts } from './day-counts.ts';

const row = (day: number, c: Partial<Omit<DayCounts, 'day'>>): DayCounts => ({
	day,
	completed: 0,
	withdrawn: 0,
	failed: 0,
	censored: 0,
	...c
});

describe('aalenJohansen', () => {
	it('is undefined for no enrolments', () => {
		expect(aalenJohansen([])).toBeUndefined();
		expect(aalenJohansen([row(3, {})])).toBeUndefined();
	});

	it('counts events on a day before the censorings of that day, as R does', () => {
		// 4 enrolments. Day 1: one completes, one is censored; day 2: one withdraws; day 3:
		// the last completes. Events first: F_c(1) = 1/4 (censoring first would give 1/3).
		const curve = aalenJohansen([
			row(1, { completed: 1, censored: 1 }),
			row(2, { withdrawn: 1 }),
			row(3, { completed: 1 })
		])!;
		expect(curve.steps.map((s) => s.nRisk)).toEqual([4, 2, 1]);
		expect(curve.steps[0].estimate.completed).toBeCloseTo(1 / 4, 15);
		expect(curve.steps[1].estimate.withdrawn).toBeCloseTo(3 / 8, 15);
		expect(curve.steps[2].estimate.completed).toBeCloseTo(5 / 8, 15);
		expect(curve.steps[2].estimate.survival).toBe(0);
	});

	it('handles ties between competing events on one day', () => {
		// Day 0: 10 at risk, 2 complete, 3 withdraw, 1 fails: each CIF is its share.
		const curve = aalenJohansen([row(0, { completed: 2, withdrawn: 3, failed: 1, censored: 4 })])!;
		const e = curve.steps[0].estimate;
		expect([e.completed, e.withdrawn, e.failed, e.survival]).toEqual([0.2, 0.3, 0.1, 0.4]);
		// With one time point the jackknife variance is the binomial p(1 − p)/n.
		expect(curve.steps[0].stdErr.completed).toBeCloseTo(Math.sqrt((0.2 * 0.8) / 10), 15);
	});

	it('gives an all-censored (no-event) curve at 1 in progress, with no interval at 0', () => {
		const curve = aalenJohansen([row(3, { censored: 2 }), row(7, { censored: 1 })])!;
		expect(curve.n).toBe(3);
		expect(curve.censored).toBe(3);
		for (const step of curve.steps) {
			expect(step.estimate).toEqual({ survival: 1, completed: 0, withdrawn: 0, failed: 0 });
			expect(step.stdErr).toEqual({ survival: 0, completed: 0, withdrawn: 0, failed: 0 });
			expect(step.low).toEqual({ survival: 1, completed: null, withdrawn: null, failed: null });
		}
	});

	it('handles a single learner', () => {
		const curve = aalenJohansen([row(5, { completed: 1 })])!;
		expect(curve.steps).toHaveLength(1);
		const step = curve.steps[0];
		expect(step.estimate.completed).toBe(1);
		expect(step.stdErr.completed).toBe(0);
		expect([step.low.completed, step.high.completed]).toEqual([1, 1]);
		expect(step.low.survival).toBeNull();
	});

	it('refuses bad counts, naming itself', () => {
		expect(() => aalenJohansen([row(-2, { completed: 1 })])).toThrow(/^aalenJohansen:/);
		expect(() => aalenJohansen([row(2, { failed: 0.5 })])).toThrow(/^aalenJohansen:/);
	});

	// Seeded, so the same cases run every time.
	const dayCounts = fc.array(
		fc.record({
			day: fc.integer({ min: 0, max: 60 }),
			completed: fc.integer({ min: 0, max: 6 }),
			withdrawn: fc.integer({ min: 0, max: 6 }),
			failed: fc.integer({ min: 0, max: 6 }),
			censored: fc.integer({ min: 0, max: 6 })
		}),
		{ maxLength: 40 }
	);

	it('property: incidences never fall, survival never rises, and all four sum to 1', () => {
		fc.assert(
			fc.property(dayCounts, (rows) => {
				const curve = aalenJohansen(rows);
				if (!curve) return;
				let previous = { survival: 1, completed: 0, withdrawn: 0, failed: 0 };
				for (const step of curve.steps) {
					const e = step.estimate;
					expect(Math.abs(e.survival + e.completed + e.withdrawn + e.failed - 1)).toBeLessThan(1e-12);
					expect(e.completed).toBeGreaterThanOrEqual(previous.completed);
					expect(e.withdrawn).toBeGreaterThanOrEqual(previous.withdrawn);
					expect(e.failed).toBeGreaterThanOrEqual(previous.failed);
					expect(e.survival).toBeLessThanOrEqual(previous.survival);
					for (const s of STATES) {
						expect(e[s]).toBeGreaterThanOrEqual(-1e-12);
						expect(step.stdErr[s]).toBeGreaterThanOrEqual(0);
						const [low, high] = [step.low[s], step.high[s]];
						if (low !== null && high !== null) {
							expect(low).toBeLessThanOrEqual(e[s] + 1e-12);
							expect(high).toBeGreaterThanOrEqual(e[s] - 1e-12);
							expect(high).toBeLessThanOrEqual(1);
						}
					}
					previous = e;
				}
			}),
			{ seed: 20240601, numRuns: 300 }
		);
	});
});
