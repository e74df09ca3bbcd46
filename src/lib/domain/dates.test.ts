import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from './dates.ts';

describe('dates', () => {
	it('adds days across month, year and leap-day boundaries', () => {
		expect(addDays('2013-10-01', 268)).toBe('2014-06-26');
		expect(addDays('2014-02-01', 0)).toBe('2014-02-01');
		expect(addDays('2016-02-28', 1)).toBe('2016-02-29');
		expect(addDays('2013-12-31', 1)).toBe('2014-01-01');
	});
	it('counts days between dates, either way round', () => {
		expect(daysBetween('2013-10-01', '2014-06-26')).toBe(268);
		expect(daysBetween('2014-06-26', '2013-10-01')).toBe(-268);
	});
	it('is unaffected by daylight-saving changes', () => {
		// 2013-03-31 is the UK spring-forward day; a local-time computation would lose an hour.
		expect(daysBetween('2013-03-30', '2013-04-01')).toBe(2);
	});
});
