import { describe, expect, it } from 'vitest';
import { describeFlow, layoutSankey, shapeFlows } from './sankey.ts';
import { sampleFlows, type FlowInput } from '../../view/flow-sample.ts';

const flow = (
	from: string,
	to: string,
	count: number | null,
	kind: 'next' | 'toward' = 'next'
): FlowInput => ({
	kind,
	from,
	to,
	count,
	suppressed: count === null ? '<10' : null
});

describe('shapeFlows', () => {
	it('gives nothing to draw for no flows', () => {
		const shaped = shapeFlows([]);
		expect(shaped).toEqual({ nodes: [], links: [], withheld: [], withheldTotal: 0, notDrawn: 0 });
		const layout = layoutSankey(shaped);
		expect(layout.nodes).toEqual([]);
		expect(layout.links).toEqual([]);
		expect(layout.height).toBeGreaterThan(0);
	});

	it('splits credentials by step, so flows both ways are no cycle', () => {
		const shaped = shapeFlows([flow('AAA', 'BBB', 123), flow('BBB', 'AAA', 40)]);
		expect(shaped.nodes.map((n) => n.label)).toEqual(['AAA (1st)', 'BBB (1st)', 'AAA (2nd)', 'BBB (2nd)']);
		expect(shaped.links.map((l) => [l.source, l.target, l.learners])).toEqual([
			['1:AAA', '2:BBB', 123],
			['1:BBB', '2:AAA', 40]
		]);
		expect(shaped.links[0].description).toBe('AAA → BBB: 123 learners');
		// d3-sankey throws "circular link" on a cycle; split by step it lays out.
		const layout = layoutSankey(shaped, { width: 600 });
		expect(layout.links).toHaveLength(2);
		for (const n of layout.nodes) {
			expect(n.x1).toBeGreaterThan(n.x0);
			expect(n.y1).toBeGreaterThan(n.y0);
		}
		const step1 = layout.nodes.filter((n) => n.step === 1);
		const step2 = layout.nodes.filter((n) => n.step === 2);
		expect(Math.max(...step1.map((n) => n.x1))).toBeLessThan(Math.min(...step2.map((n) => n.x0)));
		const [big, small] = layout.links;
		expect(big.width).toBeGreaterThan(small.width);
		expect(big.path).toMatch(/^M/);
		expect(layout.nodes.find((n) => n.id === '1:AAA')!.learners).toBe(123);
	});

	it('lists withheld flows and draws no band for them', () => {
		const shaped = shapeFlows([flow('AAA', 'BBB', 50), flow('AAA', 'CCC', null), flow('CCC', 'AAA', null)]);
		expect(shaped.links.map((l) => l.key)).toEqual(['next|AAA|BBB']);
		expect(shaped.withheld).toEqual([
			{ key: 'next|AAA|CCC', kind: 'next', from: 'AAA', to: 'CCC', suppressed: '<10' },
			{ key: 'next|CCC|AAA', kind: 'next', from: 'CCC', to: 'AAA', suppressed: '<10' }
		]);
		// A credential only in withheld flows gets no node (its size would be the withheld count).
		expect(shaped.nodes.map((n) => n.id)).toEqual(['1:AAA', '2:BBB']);
		expect(describeFlow(flow('AAA', 'CCC', null))).toBe('AAA → CCC: suppressed (<10)');
	});

	it('draws nothing when every flow is withheld', () => {
		const shaped = shapeFlows([flow('AAA', 'BBB', null)]);
		expect(shaped.links).toEqual([]);
		expect(shaped.withheld).toHaveLength(1);
		expect(layoutSankey(shaped).links).toEqual([]);
	});

	it('draws the largest flows and counts the rest', () => {
		const rows = ['B', 'C', 'D', 'E'].map((to, i) => flow('A', to, 100 - i * 10));
		const shaped = shapeFlows(rows, { maxLinks: 2 });
		expect(shaped.links.map((l) => l.to)).toEqual(['B', 'C']);
		expect(shaped.notDrawn).toBe(2);
		expect(shaped.nodes.map((n) => n.id)).toEqual(['1:A', '2:B', '2:C']);
	});

	it('keeps kinds apart and names one learner in the singular', () => {
		const shaped = shapeFlows([flow('U1', 'Q1', 12, 'toward'), flow('U1', 'Q1', 1, 'next')]);
		expect(shaped.links.map((l) => l.key)).toEqual(['toward|U1|Q1', 'next|U1|Q1']);
		expect(shaped.links[1].description).toBe('U1 → Q1: 1 learner');
	});

	it('draws a sample of many flows the same as all of them, and counts the whole', () => {
		// A national system's flows: 300 published (some tied) and 120 withheld, in no order.
		const rows: FlowInput[] = [];
		for (let i = 0; i < 300; i++) rows.push(flow(`U${i % 37}`, `V${i}`, 10 + ((i * 7919) % 250)));
		for (let i = 0; i < 120; i++) rows.push(flow(`W${(i * 31) % 120}`, `X${i}`, null));
		rows.reverse();
		const sample = sampleFlows(rows, { published: 50, withheld: 20 });
		expect([sample.published, sample.withheld, sample.rows.length]).toEqual([300, 120, 70]);
		const counts = sample.rows.slice(0, 50).map((r) => r.count!);
		expect(counts).toEqual([...counts].sort((a, b) => b - a));
		expect(Math.min(...counts)).toBeGreaterThanOrEqual(
			Math.max(...rows.filter((r) => !sample.rows.includes(r)).map((r) => r.count ?? 0))
		);
		expect(sample.rows.slice(50).every((r) => r.count === null)).toBe(true);

		const whole = shapeFlows(rows);
		const shaped = shapeFlows(sample.rows, { totals: sample });
		expect(shaped.links).toEqual(whole.links);
		expect(shaped.nodes).toEqual(whole.nodes);
		expect(shaped.notDrawn).toBe(whole.notDrawn);
		expect(shaped.notDrawn).toBe(260);
		expect(shaped.withheldTotal).toBe(120);
		expect(shaped.withheld).toEqual(whole.withheld.slice(0, 20));
	});

	it('samples few flows whole', () => {
		const rows = [flow('A', 'B', 30), flow('A', 'C', null), flow('B', 'C', 0)];
		const sample = sampleFlows(rows);
		// A published flow of no learners has no band and no row worth showing.
		expect(sample).toEqual({ rows: [rows[0], rows[1]], published: 1, withheld: 1 });
	});

	it('refuses a flow listed twice (counts of distinct learners do not add up)', () => {
		expect(() => shapeFlows([flow('A', 'B', 20), flow('A', 'B', 30)])).toThrow(/appears twice/);
	});

	it('colours each band by where it starts with the colour-blind-safe palette', () => {
		const layout = layoutSankey(shapeFlows([flow('A', 'X', 30), flow('A', 'Y', 20), flow('B', 'X', 10)]));
		const colour = Object.fromEntries(layout.links.map((l) => [l.key, l.colour]));
		expect(colour['next|A|X']).toBe(colour['next|A|Y']);
		expect(colour['next|A|X']).not.toBe(colour['next|B|X']);
	});
});
