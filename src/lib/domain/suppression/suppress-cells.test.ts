import { describe, expect, it } from 'vitest';
import { COMPLEMENTARY, fewerThan, suppressCells, tableSets } from './suppress-cells.ts';

const count = (c: { n: number }) => c.n;
const cellsOf = (...ns: number[]) => ns.map((n) => ({ n }));

describe('suppressCells', () => {
	it('withholds nothing when every cell is large enough', () => {
		expect(suppressCells({ cells: cellsOf(10, 25, 40), count })).toEqual({
			reasons: [null, null, null],
			exposedSets: []
		});
	});

	it('withholds a small cell and, as the total is published, the next smallest too', () => {
		// 3 + 40 + 12 + 25 = 80 published: 3 alone would be 80 − 40 − 12 − 25.
		const { reasons } = suppressCells({ cells: cellsOf(3, 40, 12, 25), count });
		expect(reasons).toEqual([fewerThan(10), null, COMPLEMENTARY, null]);
	});

	it('needs no complement when two cells are already small', () => {
		const { reasons } = suppressCells({ cells: cellsOf(3, 40, 7), count });
		expect(reasons).toEqual([fewerThan(10), null, fewerThan(10)]);
	});

	it('takes the threshold from configuration', () => {
		const { reasons } = suppressCells({ cells: cellsOf(12, 30, 50), count, threshold: 20 });
		expect(reasons).toEqual([fewerThan(20), COMPLEMENTARY, null]);
		expect(suppressCells({ cells: cellsOf(3, 30), count, threshold: 0 }).reasons).toEqual([null, null]);
	});

	it('handles an empty set of cells', () => {
		expect(suppressCells({ cells: [], count })).toEqual({ reasons: [], exposedSets: [] });
	});

	it('treats an empty group (0 learners) as a small cell', () => {
		expect(suppressCells({ cells: cellsOf(0, 50, 60), count }).reasons).toEqual([
			fewerThan(10),
			COMPLEMENTARY,
			null
		]);
	});

	it('reports a total that gives a lone small cell away', () => {
		expect(suppressCells({ cells: cellsOf(4), count })).toEqual({
			reasons: [fewerThan(10)],
			exposedSets: [0]
		});
	});

	it('protects rows and columns of a two-way table, iterating until stable', () => {
		//            Y    N
		//   F        4   50      row F: 4 is alone → complement 50 (F × N)
		//   M       30   80      column N: 50 now alone → complement 80 (M × N)
		//                         column Y: 4 alone → complement 30 (M × Y)
		const keys = [
			['F', 'Y'],
			['F', 'N'],
			['M', 'Y'],
			['M', 'N']
		] as const;
		const { sets, totals } = tableSets(keys);
		expect(totals).toEqual([
			{ dimension: 0, group: 'F' },
			{ dimension: 0, group: 'M' },
			{ dimension: 1, group: 'Y' },
			{ dimension: 1, group: 'N' }
		]);
		const { reasons, exposedSets } = suppressCells({ cells: cellsOf(4, 50, 30, 80), count, sets });
		expect(reasons).toEqual([fewerThan(10), COMPLEMENTARY, COMPLEMENTARY, COMPLEMENTARY]);
		expect(exposedSets).toEqual([]);
		// Every row and column now has 0 or at least 2 withheld cells.
		for (const set of sets) expect(set.filter((i) => reasons[i]).length).not.toBe(1);
	});

	it('leaves a 2-D table alone where rows and columns already hide each other', () => {
		const keys = [
			['a', 'x'],
			['a', 'y'],
			['b', 'x'],
			['b', 'y'],
			['c', 'x'],
			['c', 'y']
		] as const;
		const { sets } = tableSets(keys);
		const { reasons } = suppressCells({ cells: cellsOf(5, 6, 7, 8, 100, 200), count, sets });
		expect(reasons.map((r) => r !== null)).toEqual([true, true, true, true, false, false]);
	});

	it('refuses bad input, naming itself', () => {
		expect(() => suppressCells({ cells: cellsOf(-1), count })).toThrow(/^suppressCells/);
		expect(() => suppressCells({ cells: cellsOf(1), count, threshold: Number.NaN })).toThrow(
			/^suppressCells/
		);
		expect(() => suppressCells({ cells: cellsOf(1), count, sets: [[3]] })).toThrow(/^suppressCells/);
	});
});
