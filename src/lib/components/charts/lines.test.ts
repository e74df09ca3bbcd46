import { describe, expect, it } from 'vitest';
import { layoutLines, PALETTE } from './lines.ts';

describe('layoutLines', () => {
	it('lays out an empty chart without failing', () => {
		const l = layoutLines({ series: [] });
		expect(l.series).toEqual([]);
		expect(l.yTicks.at(-1)?.label).toBe('100%');
	});

	it('draws steps with a band and names each mark with its numbers', () => {
		const l = layoutLines({
			series: [
				{
					key: 'all',
					label: 'All learners',
					points: [
						{ x: 0, y: 0, low: null, high: null },
						{ x: 30, y: 0.2, low: 0.15, high: 0.25 },
						{ x: 60, y: 0.5, low: 0.45, high: 0.55 }
					]
				}
			],
			step: true,
			xFormat: (d) => `day ${d}`
		});
		const [s] = l.series;
		expect(s.color).toBe(PALETTE[0]);
		expect(s.path).toMatch(/^M/);
		expect(s.band).toMatch(/^M/);
		expect(s.marks.map((m) => m.text)).toEqual([
			'All learners, day 0: 0%',
			'All learners, day 30: 20% (95% interval 15% to 25%)',
			'All learners, day 60: 50% (95% interval 45% to 55%)'
		]);
		// Higher values sit higher on the page.
		expect(s.marks[2].cy).toBeLessThan(s.marks[1].cy);
	});

	it('leaves gaps for withheld values and marks only published points', () => {
		const l = layoutLines({
			series: [
				{
					key: 'level',
					label: 'Level 4',
					points: [
						{ x: 0, y: 120 },
						{ x: 1, y: null },
						{ x: 2, y: 80 }
					]
				}
			],
			yFormat: (v) => String(v)
		});
		expect(l.series[0].marks).toHaveLength(2);
		expect(l.series[0].path.match(/M/g)).toHaveLength(2);
		// Counts, not proportions: the axis runs past 1 up to the largest count.
		expect(Number(l.yTicks.at(-1)?.label)).toBeGreaterThanOrEqual(120);
	});

	it('keeps at most the requested marks per series, always with the last point', () => {
		const points = Array.from({ length: 100 }, (_, i) => ({ x: i, y: i / 100 }));
		const l = layoutLines({ series: [{ key: 'a', label: 'A', points }], marksPerSeries: 5 });
		expect(l.series[0].marks.length).toBeLessThanOrEqual(6);
		expect(l.series[0].marks.at(-1)?.key).toBe('a@99');
	});
});
