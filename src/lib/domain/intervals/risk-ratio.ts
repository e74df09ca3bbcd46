// Ratio of two independent proportions, (x₁/n₁) / (x₂/n₂), with the Katz log interval:
// exp(log r ± z · sqrt(1/x₁ − 1/n₁ + 1/x₂ − 1/n₂)), the delta-method standard error of
// log r. Katz, D., Baptista, J., Azen, S. P. & Pike, M. C. (1978). Obtaining confidence
// intervals for the risk ratio in cohort studies. Biometrics 34(3), 469–474.
//
// Zero counts: with x₂ = 0 the ratio itself does not exist (undefined). With x₁ = 0 the ratio
// is 0 but log 0 does not, so the interval is left undefined (null) rather than invented by
// adding ½ to the cells (Haldane–Anscombe), which would change the estimate it surrounds.

import { Z95 } from './wilson.ts';

export type RiskRatio = { ratio: number; low: number | null; high: number | null };

function check(x: number, n: number, which: string) {
	if (!Number.isInteger(x) || !Number.isInteger(n) || x < 0 || n < 0 || x > n) {
		throw new Error(`riskRatio: ${which} ${x} of ${n} is not a count within 0..n`);
	}
}

/** (x1/n1) / (x2/n2) with its Katz 95% interval; undefined when either n or x2 is 0. */
export function riskRatio(x1: number, n1: number, x2: number, n2: number, z = Z95): RiskRatio | undefined {
	check(x1, n1, 'group');
	check(x2, n2, 'reference');
	if (n1 === 0 || n2 === 0 || x2 === 0) return undefined;
	const ratio = x1 / n1 / (x2 / n2);
	if (x1 === 0) return { ratio, low: null, high: null };
	const se = Math.sqrt(1 / x1 - 1 / n1 + 1 / x2 - 1 / n2);
	return { ratio, low: Math.exp(Math.log(ratio) - z * se), high: Math.exp(Math.log(ratio) + z * se) };
}
