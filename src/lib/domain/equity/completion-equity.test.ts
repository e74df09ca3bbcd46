import { describe, expect, it } from 'vitest';
import { riskRatio } from '../intervals/risk-ratio.ts';
import { wilson } from '../intervals/wilson.ts';
import { COMPLEMENTARY, fewerThan } from '../suppression/suppress-cells.ts';
import { completionEquity, type GroupCompletionCounts } from './completion-equity.ts';

const g = (group: GroupCompletionCounts['group'], completed: number, known: number, inProgress = 0) => ({
	group,
	completed,
	known,
	inProgress
});

describe('completionEquity', () => {
	const rows = [g('F', 300, 600, 20), g('M', 240, 600, 15), g('not stated', 40, 100, 5)];

	it('compares every group with the highest rate by default', () => {
		const out = completionEquity({ rows });
		expect(out.reference).toBe('F');
		expect(out.exposedTotals).toEqual([]);
		const [f, m, ns] = out.rows;
		expect(f).toMatchObject({ group: 'F', rate: 0.5, gap: 0, ratio: 1, ratioLow: null, fourFifths: false });
		expect(m).toMatchObject({ completed: 240, known: 600, inProgress: 15, suppressed: null });
		expect(m.rate).toBe(0.4);
		expect(m.low).toBe(wilson(240, 600)!.low);
		expect(m.gap).toBeCloseTo(-0.1, 15);
		expect(m.ratio).toBeCloseTo(0.8, 15);
		expect(m.ratioLow).toBe(riskRatio(240, 600, 300, 600)!.low);
		expect(m.fourFifths).toBe(false); // 0.8 is not below 0.8
		expect(ns.group).toBe('not stated'); // never dropped
		expect(ns.fourFifths).toBe(false);
		expect(Object.keys(f)).toEqual([
			'group',
			'completed',
			'known',
			'inProgress',
			'rate',
			'low',
			'high',
			'gap',
			'ratio',
			'ratioLow',
			'ratioHigh',
			'fourFifths',
			'suppressed'
		]);
	});

	it('flags ratios under four fifths against a chosen reference', () => {
		const out = completionEquity({ rows: [g('Y', 120, 400), g('N', 450, 900)], reference: 'N' });
		expect(out.reference).toBe('N');
		expect(out.rows[0].ratio).toBeCloseTo(0.6, 15);
		expect(out.rows[0].fourFifths).toBe(true);
		expect(() => completionEquity({ rows, reference: 'X' })).toThrow(/^completionEquity: reference group X/);
	});

	it('gives ratio 0 without an interval to a group where nobody completed', () => {
		const out = completionEquity({ rows: [g('a', 0, 50), g('b', 25, 50)] });
		expect(out.rows[0]).toMatchObject({
			rate: 0,
			ratio: 0,
			ratioLow: null,
			ratioHigh: null,
			fourFifths: true
		});
	});

	it('keeps an empty group (no known outcome) with null rate and ratio', () => {
		const out = completionEquity({ rows: [g('a', 0, 0, 30), g('b', 25, 50)] });
		expect(out.rows[0]).toMatchObject({
			group: 'a',
			known: 0,
			inProgress: 30,
			rate: null,
			ratio: null,
			fourFifths: null
		});
		expect(out.reference).toBe('b');
	});

	it('has no reference with no groups', () => {
		expect(completionEquity({ rows: [] })).toEqual({ reference: null, rows: [], exposedTotals: [] });
	});

	it('withholds small groups and a complement, and never takes a withheld reference', () => {
		const out = completionEquity({ rows: [g('55<=', 6, 6), g('35-55', 40, 100), g('0-35', 300, 700)] });
		expect(out.rows.map((r) => r.suppressed)).toEqual([fewerThan(10), COMPLEMENTARY, null]);
		expect(out.rows[0]).toMatchObject({ completed: null, known: null, rate: null, ratio: null });
		expect(out.reference).toBe('0-35'); // 55<= had the highest rate, but is withheld
		expect(out.rows[2].ratio).toBe(1);
	});

	it('counts learners when given, and reports a total that would give a row away', () => {
		const out = completionEquity({ rows: [{ ...g(null, 8, 12), learners: 7 }] });
		expect(out.rows[0].suppressed).toBe(fewerThan(10));
		expect(out.exposedTotals).toEqual(['all']);
	});

	it('gives no ratios when a named reference is withheld', () => {
		const out = completionEquity({ rows: [g('a', 2, 5), g('b', 30, 60), g('c', 40, 60)], reference: 'a' });
		expect(out.rows.map((r) => r.ratio)).toEqual([null, null, null]);
	});

	it('publishes everything for the admin view', () => {
		const out = completionEquity({ rows: [g('a', 2, 5), g('b', 30, 60)], suppression: false });
		expect(out.rows.map((r) => r.suppressed)).toEqual([null, null]);
		expect(out.reference).toBe('b');
		expect(out.rows[0].ratio).toBeCloseTo(0.8, 15);
	});

	it('names pairs "F × Y", returns their parts, and protects the two-way table', () => {
		const out = completionEquity({
			rows: [g(['F', 'Y'], 2, 4, 1), g(['F', 'N'], 200, 400), g(['M', 'Y'], 30, 60), g(['M', 'N'], 350, 700)]
		});
		expect(out.rows.map((r) => r.group)).toEqual(['F × Y', 'F × N', 'M × Y', 'M × N']);
		expect(out.rows[0].groups).toEqual(['F', 'Y']);
		expect(out.rows.map((r) => r.suppressed !== null)).toEqual([true, true, true, true]);
		const chosen = completionEquity({
			rows: [g(['F', 'Y'], 20, 40), g(['F', 'N'], 200, 400)],
			reference: 'F × N'
		});
		expect(chosen.rows[0].ratio).toBe(1);
	});

	it('refuses inconsistent input', () => {
		expect(() => completionEquity({ rows: [g('a', 5, 4)] })).toThrow(
			/^completionEquity: group "a" has completed 5/
		);
		expect(() => completionEquity({ rows: [g('a', 1, 4), g('a', 1, 4)] })).toThrow(/appears twice/);
		expect(() => completionEquity({ rows: [g('a', 1, 4), g(['a', 'b'], 1, 4)] })).toThrow(/mixes/);
		expect(() => completionEquity({ rows: [g('a', -1, 4)] })).toThrow(/^completionEquity/);
	});
});
