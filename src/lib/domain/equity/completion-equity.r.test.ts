// Completion by group against R prop.test(correct = FALSE) on OULAD (wilson.json): the
// rows an equity table publishes before suppression carry R's numbers.
import { describe, expect, it } from 'vitest';
import { compare, wilsonRows, type WilsonRow } from '../../../../tests/fixtures/r/fixtures.ts';
import { completionEquity } from './completion-equity.ts';

describe('completionEquity against R', () => {
	const tables = new Map<string, WilsonRow[]>();
	for (const r of wilsonRows()) {
		const key = `${r.credential ?? 'all credentials'}, as of ${r.asOf ?? 'all data'}, by ${r.dimension ?? 'nothing'}`;
		tables.set(key, [...(tables.get(key) ?? []), r]);
	}
	it(`matches R on ${tables.size} tables of OULAD groups`, () => {
		const pairs: Parameters<typeof compare>[0] = [];
		for (const [key, rows] of tables) {
			const out = completionEquity({ rows, suppression: false });
			out.rows.forEach((row, i) => {
				const r = rows[i];
				expect(row.group).toBe(r.group);
				expect([row.completed, row.known, row.inProgress]).toEqual([r.completed, r.known, r.inProgress]);
				const what = `${key} ${r.group}`;
				pairs.push(
					[`${what} rate`, row.rate, r.rate],
					[`${what} low`, row.low, r.low],
					[`${what} high`, row.high, r.high]
				);
			});
		}
		const { maxDiff, mismatches } = compare(pairs);
		expect(mismatches).toEqual([]);
		expect(maxDiff).toBeLessThan(1e-6);
	});
});
