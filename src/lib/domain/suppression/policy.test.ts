import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareGroups } from '../equity/compare-groups.ts';
import {
	disclosurePolicy,
	policyStatement,
	publishedCount,
	publishesRate,
	rounds,
	roundToFive,
	withheldBelow
} from './policy.ts';

describe('disclosurePolicy', () => {
	it('defaults to threshold 10 with suppression and rounding', () => {
		expect(disclosurePolicy({})).toEqual({ threshold: 10, mode: 'both' });
	});
	it('refuses a bad threshold or mode, naming the setting', () => {
		expect(() => disclosurePolicy({ threshold: -1 })).toThrow(/STACKWISE_SUPPRESSION_THRESHOLD -1/);
		expect(() => disclosurePolicy({ threshold: Number('ten') })).toThrow(
			/STACKWISE_SUPPRESSION_THRESHOLD NaN/
		);
		expect(() => disclosurePolicy({ mode: 'round10' })).toThrow(
			/STACKWISE_DISCLOSURE round10 is not one of suppress, round5, both/
		);
	});
	it('withholds below the threshold unless it only rounds; rounds unless it only suppresses', () => {
		const [s, r, b] = (['suppress', 'round5', 'both'] as const).map((mode) =>
			disclosurePolicy({ threshold: 7, mode })
		);
		expect([s, r, b, false as const].map(withheldBelow)).toEqual([7, 0, 7, 0]);
		expect([s, r, b, false as const].map(rounds)).toEqual([false, true, true, false]);
		expect(withheldBelow({ threshold: 10 })).toBe(10); // no mode: suppression alone
	});
});

describe('roundToFive (HESA)', () => {
	it('sends 0–2 to 0 and every other count to the nearest multiple of 5, halves up', () => {
		expect([0, 1, 2, 3, 4, 5, 7, 8, 12, 13, 22, 23, 1207].map(roundToFive)).toEqual([
			0, 0, 0, 5, 5, 5, 5, 10, 10, 15, 20, 25, 1205
		]);
		expect(() => roundToFive(2.5)).toThrow(/roundToFive: 2.5 is not a count/);
	});
	it('is within 2 of the count and a multiple of 5', () => {
		fc.assert(
			fc.property(fc.nat(100000), (n) => {
				const r = roundToFive(n);
				return r % 5 === 0 && Math.abs(r - n) <= 2;
			})
		);
	});
	it('is applied by the policy only where it rounds', () => {
		expect(publishedCount(disclosurePolicy({ mode: 'suppress' }), 13)).toBe(13);
		expect(publishedCount(disclosurePolicy({ mode: 'both' }), 13)).toBe(15);
		expect(publishedCount(false, 13)).toBe(13);
		expect(publishesRate(disclosurePolicy({ mode: 'round5' }), 22)).toBe(false);
		expect(publishesRate(disclosurePolicy({ mode: 'round5' }), 23)).toBe(true);
		expect(publishesRate(disclosurePolicy({ mode: 'suppress' }), 12)).toBe(true);
	});
});

describe('policyStatement', () => {
	it('states the threshold in force and the rounding, in words', () => {
		expect(policyStatement(disclosurePolicy({ threshold: 25, mode: 'suppress' }))).toMatch(
			/^Cells describing fewer than 25 learners are withheld/
		);
		expect(policyStatement(disclosurePolicy({ threshold: 25, mode: 'suppress' }))).not.toMatch(/rounded/);
		expect(policyStatement(disclosurePolicy({ threshold: 25, mode: 'both' }))).toMatch(
			/fewer than 25 .*rounded to the nearest 5/
		);
		expect(policyStatement(disclosurePolicy({ mode: 'round5' }))).not.toMatch(/withheld/);
		expect(policyStatement(false)).toMatch(/administrator/);
	});
});

// -----------------------------------------------------------------------------------------------
// The property: a two-way table published with its one-dimension margins and its total, after
// the policy, determines none of its withheld cells. Checked by rank, independently of the
// Gauss–Jordan audit the policy uses: a withheld x is determined iff adding the equation "x = ·"
// does not raise the rank of the system over the withheld unknowns.

function rank(matrix: number[][]): number {
	const m = matrix.map((r) => [...r]);
	let r = 0;
	const cols = m[0]?.length ?? 0;
	for (let c = 0; c < cols && r < m.length; c++) {
		let best = r;
		for (let k = r + 1; k < m.length; k++) if (Math.abs(m[k][c]) > Math.abs(m[best][c])) best = k;
		if (Math.abs(m[best][c]) < 1e-9) continue;
		[m[r], m[best]] = [m[best], m[r]];
		for (let k = r + 1; k < m.length; k++) {
			const f = m[k][c] / m[r][c];
			for (let j = c; j < cols; j++) m[k][j] -= f * m[r][j];
		}
		r++;
	}
	return r;
}

/** Withheld cells (by name) of a table, its margins and total that the published ones determine. */
function recoverable(table: number[][], threshold: number, marginsKnown = true): string[] {
	const policy = { threshold };
	const R = table.length;
	const C = table[0].length;
	const rowSums = table.map((row) => row.reduce((a, b) => a + b, 0));
	const colSums = table[0].map((_, c) => table.reduce((a, row) => a + row[c], 0));
	const oneDim = (sums: number[], prefix: string) =>
		compareGroups({
			rows: sums.map((n, i) => ({ group: `${prefix}${i}`, n })),
			value: () => undefined,
			learners: (r) => r.n,
			suppression: policy
		}).rows.map((r) => r.suppressed);
	const rowReasons = oneDim(rowSums, 'r');
	const colReasons = oneDim(colSums, 'c');
	const cells = table.flatMap((row, r) =>
		row.map((n, c) => ({ group: [`r${r}`, `c${c}`] as const, n, r, c }))
	);
	const pair = compareGroups({
		rows: cells,
		value: () => undefined,
		learners: (x) => x.n,
		suppression: policy,
		margins: marginsKnown
			? {
					rows: new Map(rowReasons.map((s, i) => [`r${i}`, s])),
					cols: new Map(colReasons.map((s, i) => [`c${i}`, s]))
				}
			: undefined
	}).rows.map((r) => r.suppressed);
	// Unknowns: withheld interior cells, withheld row margins, withheld column margins.
	type Unknown = { name: string; n: number };
	const unknowns: Unknown[] = [];
	const idx = new Map<string, number>();
	const add = (name: string, n: number) => (idx.set(name, unknowns.length), unknowns.push({ name, n }));
	cells.forEach((x, i) => pair[i] && add(`(${x.r},${x.c})`, x.n));
	rowReasons.forEach((s, i) => s && add(`r${i}`, rowSums[i]));
	colReasons.forEach((s, i) => s && add(`c${i}`, colSums[i]));
	if (unknowns.length === 0) return [];
	const eq = () => new Array<number>(unknowns.length).fill(0);
	const equations: number[][] = [];
	const put = (e: number[], name: string, v: number) => {
		const j = idx.get(name);
		if (j !== undefined) e[j] += v;
	};
	for (let r = 0; r < R; r++) {
		const e = eq();
		for (let c = 0; c < C; c++) put(e, `(${r},${c})`, 1);
		put(e, `r${r}`, -1);
		equations.push(e);
	}
	for (let c = 0; c < C; c++) {
		const e = eq();
		for (let r = 0; r < R; r++) put(e, `(${r},${c})`, 1);
		put(e, `c${c}`, -1);
		equations.push(e);
	}
	for (const [prefix, n] of [
		['r', R],
		['c', C]
	] as const) {
		const e = eq();
		for (let i = 0; i < n; i++) put(e, `${prefix}${i}`, 1);
		equations.push(e);
	}
	const base = rank(equations);
	return unknowns
		.filter((u, j) => u.n > 0 && rank([...equations, unknowns.map((_, k) => (k === j ? 1 : 0))]) === base)
		.map((u) => u.name);
}

describe('the policy on a random table with its margins', () => {
	const cell = fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 10, max: 400 }));
	const table = fc
		.tuple(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 2, max: 5 }))
		.chain(([r, c]) =>
			fc.array(fc.array(cell, { minLength: c, maxLength: c }), { minLength: r, maxLength: r })
		);

	it('leaves no withheld cell determined by the published ones', () => {
		fc.assert(
			fc.property(table, (t) => recoverable(t, 10).length === 0),
			{ numRuns: 300, seed: 25 }
		);
		// …where a table suppressed blind to its margins does give some away.
		const blind = fc
			.sample(table, { numRuns: 300, seed: 25 })
			.filter((t) => recoverable(t, 10, false).length > 0);
		expect(blind.length).toBeGreaterThan(0);
	});
});
