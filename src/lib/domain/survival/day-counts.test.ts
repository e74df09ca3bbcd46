import { describe, expect, it } from 'vitest';
import { collapseDayCounts } from './day-counts.ts';

const row = (day: number, completed = 0, withdrawn = 0, failed = 0, censored = 0) => ({
	day,
	completed,
	withdrawn,
	failed,
	censored
});

describe('collapseDayCounts', () => {
	it('adds rows of the same day and sorts by day', () => {
		expect(collapseDayCounts([row(5, 1), row(2, 0, 1), row(5, 0, 0, 2, 3)])).toEqual([
			row(2, 0, 1),
			row(5, 1, 0, 2, 3)
		]);
	});
	it('drops days on which nobody left', () => {
		expect(collapseDayCounts([row(1), row(3, 1)])).toEqual([row(3, 1)]);
	});
	it('is empty for empty input', () => {
		expect(collapseDayCounts([])).toEqual([]);
	});
	it('refuses negative, fractional or missing values, naming the caller', () => {
		expect(() => collapseDayCounts([row(-1, 1)], 'aalenJohansen')).toThrow(/^aalenJohansen: day -1/);
		expect(() => collapseDayCounts([row(1.5, 1)])).toThrow(/^collapseDayCounts: day 1.5/);
		expect(() => collapseDayCounts([row(1, -2)])).toThrow(/completed on day 1/);
		expect(() => collapseDayCounts([{ ...row(1), failed: Number.NaN }])).toThrow(/failed/);
	});
});
