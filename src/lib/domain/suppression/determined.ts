// Which withheld cells the published ones determine (the audit behind complementary
// suppression). Each set is a linear equation: the sum of its cells (a margin cell entering with
// coefficient −1) equals a published figure. With the published cells moved to the right-hand
// side, the withheld cells are the unknowns; an unknown is determined exactly when every solution
// of the homogeneous system is 0 there, i.e. its column is a pivot whose reduced row has no entry
// in a free column (Gauss–Jordan elimination; Hundepool et al. (2012), Statistical Disclosure
// Control, §4.3 "linear sensitivity"). Non-negativity is not used, so this is the linear audit,
// not the full interval (LP) audit.

const EPS = 1e-9;

export function determinedCells({
	sets,
	withheld,
	negated
}: {
	sets: ReadonlyArray<readonly number[]>;
	/** Per cell: whether it is withheld. */
	withheld: readonly boolean[];
	/** Cells that enter every set with coefficient −1 (a margin equal to the sum of the others). */
	negated?: ReadonlySet<number>;
}): number[] {
	const unknowns = withheld.flatMap((w, i) => (w ? [i] : []));
	if (unknowns.length === 0) return [];
	const column = new Map(unknowns.map((u, j) => [u, j]));
	const rows: number[][] = [];
	for (const set of sets) {
		const row = new Array<number>(unknowns.length).fill(0);
		let any = false;
		for (const i of set) {
			const j = column.get(i);
			if (j === undefined) continue;
			row[j] += negated?.has(i) ? -1 : 1;
			any = true;
		}
		if (any) rows.push(row);
	}
	// Gauss–Jordan to reduced row echelon form.
	const pivots: Array<{ row: number; col: number }> = [];
	let r = 0;
	for (let c = 0; c < unknowns.length && r < rows.length; c++) {
		let best = r;
		for (let k = r + 1; k < rows.length; k++) if (Math.abs(rows[k][c]) > Math.abs(rows[best][c])) best = k;
		if (Math.abs(rows[best][c]) < EPS) continue;
		[rows[r], rows[best]] = [rows[best], rows[r]];
		const p = rows[r][c];
		for (let j = c; j < unknowns.length; j++) rows[r][j] /= p;
		for (let k = 0; k < rows.length; k++) {
			if (k === r || Math.abs(rows[k][c]) < EPS) continue;
			const f = rows[k][c];
			for (let j = c; j < unknowns.length; j++) rows[k][j] -= f * rows[r][j];
		}
		pivots.push({ row: r, col: c });
		r++;
	}
	const isPivot = new Set(pivots.map((p) => p.col));
	return pivots
		.filter(({ row }) => rows[row].every((v, j) => isPivot.has(j) || Math.abs(v) < EPS))
		.map(({ col }) => unknowns[col]);
}
