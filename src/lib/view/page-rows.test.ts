import { describe, expect, it } from 'vitest';
import { completionEquityRow as row } from '../../../tests/builders/completion-equity-row.ts';
import { CHART_ROWS, TABLE_ROWS, largestRows, pageRows } from './page-rows.ts';

describe('largestRows', () => {
	const rows = [
		row({ group: 'AAA', known: 50 }),
		row({ group: 'BBB', known: 500 }),
		row({ group: 'CCC', known: null, completed: null, rate: null, suppressed: '<10' }),
		row({ group: 'DDD', known: 200 }),
		row({ group: 'EEE', known: 200 })
	];

	it('keeps the published rows with the most known outcomes, in their own order', () => {
		expect(largestRows(rows, 3).map((r) => r.group)).toEqual(['BBB', 'DDD', 'EEE']);
		expect(largestRows(rows, 1).map((r) => r.group)).toEqual(['BBB']);
	});

	it('leaves a short list whole, withheld rows included, and an empty one empty', () => {
		expect(largestRows(rows, 5)).toEqual(rows);
		expect(largestRows([], 30)).toEqual([]);
	});
});

describe('pageRows', () => {
	it("keeps the table's first rows and the chart's largest, in order, and the same rows for a short list", () => {
		const many = Array.from({ length: 200 }, (_, i) =>
			row({ group: `C${String(i).padStart(3, '0')}`, known: i })
		);
		const kept = pageRows(many);
		// The first TABLE_ROWS, then the CHART_ROWS largest (the last 30 here), nothing else.
		expect(kept.slice(0, TABLE_ROWS)).toEqual(many.slice(0, TABLE_ROWS));
		expect(kept.slice(TABLE_ROWS)).toEqual(many.slice(200 - CHART_ROWS));
		expect(largestRows(kept, CHART_ROWS)).toEqual(largestRows(many, CHART_ROWS));
		expect(pageRows(many.slice(0, 40))).toEqual(many.slice(0, 40));
	});
});
