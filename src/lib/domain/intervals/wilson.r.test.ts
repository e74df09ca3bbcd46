// The Wilson interval against R prop.test(correct = FALSE) on every OULAD completion rate in
// tests/fixtures/r/wilson.json (each credential and all, cut-offs, dimensions, groups).
import { describe, expect, it } from 'vitest';
import { compare, wilsonRows } from '../../../../tests/fixtures/r/fixtures.ts';
import { wilson } from './wilson.ts';

describe('wilson against R prop.test', () => {
	const rows = wilsonRows();
	it(`matches all ${rows.length} fixture rows to 1e-6`, () => {
		expect(rows.length).toBeGreaterThan(500);
		const pairs: Parameters<typeof compare>[0] = [];
		for (const r of rows) {
			const what = `${r.credential ?? 'all'} ${r.asOf ?? 'all data'} ${r.dimension}=${r.group}`;
			const w = wilson(r.completed, r.known);
			pairs.push(
				[`${what} rate`, w?.rate, r.rate],
				[`${what} low`, w?.low, r.low],
				[`${what} high`, w?.high, r.high]
			);
		}
		const { maxDiff, mismatches } = compare(pairs);
		expect(mismatches).toEqual([]);
		expect(maxDiff).toBeLessThan(1e-6);
	});
});
