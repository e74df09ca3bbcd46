// What the benchmark and evaluation scripts print with: a nearest-rank quantile, a number or a
// dash, and a plain aligned table (first column left, the rest right).
export const quantile = (xs: number[], q: number) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length ? s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] : NaN;
};

export const fmt = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : '—');

export function table(header: string[], rows: (string | number)[][]) {
	const cells = [header, ...rows.map((r) => r.map(String))];
	const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
	for (const [n, r] of cells.entries()) {
		console.log('  ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
		if (n === 0) console.log('  ' + widths.map((w) => '-'.repeat(w)).join('  '));
	}
}
