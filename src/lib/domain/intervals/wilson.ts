// Wilson score interval for a binomial proportion.
// Wilson, E. B. (1927). Probable inference, the law of succession, and statistical inference.
// JASA 22(158), 209–212. Equals R's prop.test(x, n, correct = FALSE)$conf.int.

/** z for a two-sided 95% interval: qnorm(0.975). */
export const Z95 = 1.959963984540054;

export type Proportion = { rate: number; low: number; high: number };

/** The proportion `successes / n` with its Wilson interval; undefined when n is 0. */
export function wilson(successes: number, n: number, z = Z95): Proportion | undefined {
	if (!(n > 0)) return undefined;
	if (successes < 0 || successes > n) throw new Error(`wilson: successes ${successes} outside 0..${n}`);
	const p = successes / n;
	const z2 = z * z;
	const denominator = 1 + z2 / n;
	const centre = (p + z2 / (2 * n)) / denominator;
	const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
	// At x = 0 or x = n one bound is exactly 0 or 1; rounding would leave it a hair inside.
	return {
		rate: p,
		low: successes === 0 ? 0 : Math.max(0, centre - half),
		high: successes === n ? 1 : Math.min(1, centre + half)
	};
}
