import { describe, expect, it } from 'vitest';
import { layoutHeatMap } from './heat-map.ts';

describe('layoutHeatMap', () => {
	it('lays out nothing for no cells', () => {
		const l = layoutHeatMap({ cells: [] });
		expect(l.cells).toEqual([]);
		expect(l.rows).toEqual([]);
	});

	it('places each pair once, colours published cells and names withheld ones', () => {
		const l = layoutHeatMap({
			cells: [
				{ row: 'F', col: 'Y', value: 0.4, detail: '40 of 100' },
				{ row: 'F', col: 'N', value: 0.6 },
				{ row: 'M', col: 'Y', value: null, suppressed: 'fewer than 10 learners' },
				{ row: 'M', col: 'N', value: 0.5 }
			]
		});
		expect(l.rows.map((r) => r.key)).toEqual(['F', 'M']);
		expect(l.cols.map((c) => c.key)).toEqual(['Y', 'N']);
		const [fy, fn, my] = l.cells;
		expect(fy.label).toBe('F × Y: 40%, 40 of 100');
		expect(my.fill).toBeNull();
		expect(my.text).toBe('withheld');
		expect(my.label).toBe('M × Y: withheld, fewer than 10 learners');
		expect(fy.fill).not.toBe(fn.fill);
		// The lowest value is dark (white text), the highest pale (dark text).
		expect(fy.ink).toBe('#fff');
		expect(fn.ink).toBe('#111');
		expect(fn.x).toBeGreaterThan(fy.x);
		expect(my.y).toBeGreaterThan(fy.y);
	});

	it('colours a single value without dividing by zero', () => {
		const l = layoutHeatMap({ cells: [{ row: 'a', col: 'b', value: 0.3 }] });
		expect(l.cells[0].fill).toMatch(/^rgb|^#/);
	});
});
