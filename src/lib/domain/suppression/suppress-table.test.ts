import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { determinedCells } from './determined.ts';
import { suppressTable, type TableRow } from './suppress-table.ts';

const row = (groups: string[], parts: number[], withheld: string | null = null): TableRow => ({
	groups,
	parts,
	withheld
});

describe('suppressTable', () => {
	it('withholds a small part and a second one in its row, never an empty part first', () => {
		const reasons = suppressTable({ rows: [row([], [0, 3, 40, 12])], threshold: 10 });
		expect(reasons[0].map((r) => r !== null)).toEqual([false, true, false, true]);
	});

	it('withholds every part of a withheld row', () => {
		const reasons = suppressTable({
			rows: [row(['a'], [30, 40], 'fewer'), row(['b'], [30, 40])],
			threshold: 10
		});
		expect(reasons[0]).toEqual(['fewer', 'fewer']);
	});

	it('protects a part against its column: the same part without the breakdown is published', () => {
		// Column 1: 3 + 40 = 43 published in the whole population's view, so 3 needs a complement
		// in its column as well as in its row.
		const whole = new Map([['', [null, null, null]]]);
		const reasons = suppressTable({
			rows: [row(['a'], [50, 3, 20]), row(['b'], [60, 40, 30])],
			threshold: 10,
			margins: [whole]
		});
		const withheld = reasons.map((r) => r.map((x) => x !== null));
		expect(withheld[0][1]).toBe(true);
		expect(withheld[1][1]).toBe(true); // its column's complement
		expect(withheld[0].filter(Boolean).length).toBeGreaterThanOrEqual(2);
	});

	it('leaves no withheld part determined by its rows and columns (random tables)', () => {
		const part = fc.oneof(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 10, max: 200 }));
		const table = fc
			.tuple(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 2, max: 6 }))
			.chain(([r, c]) =>
				fc.array(fc.array(part, { minLength: c, maxLength: c }), { minLength: r, maxLength: r })
			);
		fc.assert(
			fc.property(table, (parts) => {
				const rows = parts.map((p, i) => row([`g${i}`], p));
				const reasons = suppressTable({
					rows,
					threshold: 10,
					margins: [new Map([['', parts[0].map(() => null)]])]
				});
				// Rows add up to published totals, columns to published margins.
				const width = parts[0].length;
				const at = (i: number, j: number) => i * width + j;
				const sets = [
					...parts.map((p, i) => p.map((_, j) => at(i, j))),
					...parts[0].map((_, j) => parts.map((_, i) => at(i, j)))
				];
				const withheld = reasons.flat().map((r) => r !== null);
				const values = parts.flat();
				return determinedCells({ sets, withheld }).filter((k) => values[k] > 0).length === 0;
			}),
			{ numRuns: 200, seed: 25 }
		);
	});
});
