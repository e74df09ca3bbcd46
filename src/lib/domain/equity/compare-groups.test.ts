import { describe, expect, it } from 'vitest';
import { COMPLEMENTARY, fewerThan } from '../suppression/suppress-cells.ts';
import { compareGroups } from './compare-groups.ts';

// A metric that is not a rate: CIF of completion at day 240 per group, say.
type Row = { group: string | null | [string, string]; value?: number; n: number };
const compare = (rows: Row[], options: { reference?: string; suppression?: false } = {}) =>
	compareGroups({ rows, value: (r) => r.value, learners: (r) => r.n, ...options });

describe('compareGroups', () => {
	it('takes the highest published value as reference and gives gap and ratio', () => {
		const out = compare([
			{ group: 'F', value: 0.5, n: 100 },
			{ group: 'M', value: 0.35, n: 100 },
			{ group: 'not stated', value: 0.45, n: 40 }
		]);
		expect(out.reference).toBe('F');
		expect(out.rows[0]).toMatchObject({ group: 'F', gap: 0, ratio: 1, ratioLow: null, fourFifths: false });
		expect(out.rows[1].gap).toBeCloseTo(-0.15, 15);
		expect(out.rows[1].ratio).toBeCloseTo(0.7, 15);
		expect(out.rows[1].fourFifths).toBe(true);
		expect(out.rows[2]).toMatchObject({ group: 'not stated', fourFifths: false });
	});

	it('breaks ties to the larger group', () => {
		const out = compare([
			{ group: 'a', value: 0.5, n: 20 },
			{ group: 'b', value: 0.5, n: 30 }
		]);
		expect(out.reference).toBe('b');
	});

	it('leaves a group without a value, or a reference of 0, without a ratio', () => {
		const out = compare(
			[
				{ group: 'a', n: 20 },
				{ group: 'b', value: 0, n: 30 },
				{ group: 'c', value: 0.2, n: 30 }
			],
			{ reference: 'b' }
		);
		expect(out.rows[0]).toMatchObject({ gap: null, ratio: null, fourFifths: null });
		expect(out.rows[2]).toMatchObject({ ratio: null, fourFifths: null });
		expect(out.rows[2].gap).toBeCloseTo(0.2, 15);
	});

	it('suppresses before choosing the reference', () => {
		const out = compare([
			{ group: 'a', value: 0.9, n: 5 },
			{ group: 'b', value: 0.5, n: 30 },
			{ group: 'c', value: 0.4, n: 50 }
		]);
		expect(out.rows.map((r) => r.suppressed)).toEqual([fewerThan(10), COMPLEMENTARY, null]);
		expect(out.reference).toBe('c');
		expect(compare([{ group: 'a', value: 0.9, n: 5 }], { suppression: false }).reference).toBe('a');
	});

	it('handles no groups', () => {
		expect(compare([])).toEqual({ reference: null, rows: [], exposedTotals: [] });
	});

	it('names the margins of a two-way table that would give a cell away', () => {
		const out = compare([
			{ group: ['F', 'Y'], value: 0.1, n: 3 },
			{ group: ['M', 'N'], value: 0.1, n: 50 }
		]);
		// Each row and column holds one cell: F × Y cannot be hidden inside the table.
		expect(out.exposedTotals).toEqual(['F × *', '* × Y']);
	});

	it('refuses a reference it does not have, naming the caller', () => {
		expect(() =>
			compareGroups({ rows: [], value: () => 1, learners: () => 1, reference: 'x', module: 'm' })
		).toThrow(/^m: reference group x/);
	});
});
