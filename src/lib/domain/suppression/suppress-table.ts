// Suppression of a table of parts: each row (a group) is split into columns (progress bins, say)
// whose counts add up to the row's total, and each column adds up, over the rows, to a margin that
// another view publishes (the same bin without the breakdown; for a pair of dimensions, the bin of
// each one-dimension group). Rows, columns and the margins are the sets of one suppression problem
// (suppress-cells.ts): the row totals and margins enter with −1 and are decided by their own views,
// so a withheld part can be worked out neither from its row nor from its column (rules (a) and (b)
// of docs/disclosure.md). An empty part tells nothing about anyone: it is published as 0 and is the
// last choice of complement.
import { suppressCells } from './suppress-cells.ts';

export type TableRow = {
	/** The row's groups, one per dimension of the breakdown (none for the whole population). */
	groups: readonly string[];
	/** Learners per column; they add up to the row's total. */
	parts: readonly number[];
	/** Why the row's total is withheld (then every part is), or null when it is published. */
	withheld: string | null;
};

/**
 * Per row, per column: why the part is withheld, or null. `margins[d]`: for dimension d of the
 * breakdown, per group of d, how the view without the other dimensions publishes that group's
 * parts (why withheld, or null per column); undefined when that view publishes no such parts.
 */
export function suppressTable({
	rows,
	threshold,
	margins = []
}: {
	rows: readonly TableRow[];
	threshold: number;
	margins?: ReadonlyArray<ReadonlyMap<string, ReadonlyArray<string | null>> | undefined>;
}): Array<Array<string | null>> {
	const width = rows[0]?.parts.length ?? 0;
	const counts: number[] = [];
	const given: Array<string | null | undefined> = [];
	const negated = new Set<number>();
	const sets: number[][] = [];
	const part = (i: number, j: number) => i * width + j;
	rows.forEach((row) =>
		row.parts.forEach((n) => {
			counts.push(n);
			given.push(row.withheld ?? undefined);
		})
	);
	const decided = (count: number, reason: string | null) => {
		counts.push(count);
		given.push(reason);
		negated.add(counts.length - 1);
		return counts.length - 1;
	};
	// Rows: the parts add up to the row's total, published or withheld by the row's own decision.
	rows.forEach((row, i) =>
		sets.push([
			...row.parts.map((_, j) => part(i, j)),
			decided(
				row.parts.reduce((s, n) => s + n, 0),
				row.withheld
			)
		])
	);
	// Columns: the parts of rows sharing a group of dimension d add up to that group's part in the
	// view by d alone (with one dimension, the rows together add up to the whole population's).
	margins.forEach((margin, d) => {
		if (!margin) return;
		const byGroup = new Map<string, number[]>();
		rows.forEach((row, i) => {
			const key = row.groups.length > 1 ? row.groups[d] : '';
			byGroup.set(key, [...(byGroup.get(key) ?? []), i]);
		});
		for (const [group, members] of byGroup) {
			const reasons = margin.get(group);
			if (!reasons) continue;
			for (let j = 0; j < width; j++) {
				const total = members.reduce((s, i) => s + rows[i].parts[j], 0);
				sets.push([...members.map((i) => part(i, j)), decided(total, reasons[j])]);
			}
		}
	});
	const { reasons } = suppressCells({
		cells: counts,
		count: (n) => (n === 0 ? Number.MAX_SAFE_INTEGER : n),
		threshold,
		sets,
		given,
		negated
	});
	return rows.map((_, i) => Array.from({ length: width }, (_, j) => reasons[part(i, j)]));
}
