import { describe, expect, it } from 'vitest';
import { layoutDotInterval } from './dot-interval.ts';

describe('layoutDotInterval', () => {
	const estimates = [
		{ key: 'a', label: 'AAA', value: 0.5, low: 0.4, high: 0.6 },
		{ key: 'b', label: 'BBB', value: 0.25, low: 0.2, high: 0.3 }
	];
	it('places dots and intervals on the shared axis', () => {
		const layout = layoutDotInterval({ estimates, width: 500 });
		const [a, b] = layout.rows;
		expect(a.x1! < a.x! && a.x! < a.x2!).toBe(true);
		expect(b.x! < a.x!).toBe(true);
		expect(b.y > a.y).toBe(true);
		expect(layout.ticks.map((t) => t.label)).toEqual(['0%', '20%', '40%', '60%', '80%', '100%']);
		expect(layout.ticks[0].x).toBe(layout.margin.left);
		expect(layout.ticks.at(-1)!.x).toBe(500 - layout.margin.right);
	});
	it('draws nothing for suppressed or missing values but keeps their row', () => {
		const layout = layoutDotInterval({
			estimates: [
				{ key: 's', label: 'small', value: 0.9, low: 0.5, high: 1, suppressed: 'fewer than 10 learners' },
				{ key: 'n', label: 'none', value: null, low: null, high: null }
			]
		});
		expect(layout.rows.map((r) => [r.x, r.x1, r.x2])).toEqual([
			[null, null, null],
			[null, null, null]
		]);
		expect(layout.rows).toHaveLength(2);
	});
	it('has a sensible height when empty', () => {
		const layout = layoutDotInterval({ estimates: [] });
		expect(layout.rows).toEqual([]);
		expect(layout.height).toBeGreaterThan(layout.margin.top + layout.margin.bottom);
	});
});
