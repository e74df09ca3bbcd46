// A 95% interval for a probability computed on the log scale: exp(log p ± z · se / p),
// the upper bound capped at 1. This is R survival's default for survfit curves
// (conf.type = "log"; survival:::survfit_confint with logse = FALSE), which the
// Aalen–Johansen curves follow so that they match R. Reference: Therneau & Grambsch (2000),
// Modeling Survival Data, §2.1; Kalbfleisch & Prentice (2002) §1.3 on transformed intervals.

import { Z95 } from './wilson.ts';

export type Interval = { low: number; high: number };

/**
 * The log-scale interval for `estimate` with standard error `stdErr`; undefined when the
 * estimate is 0, where log p does not exist (R reports NA there).
 */
export function logInterval(estimate: number, stdErr: number, z = Z95): Interval | undefined {
	if (!(estimate >= 0 && estimate <= 1)) throw new Error(`logInterval: estimate ${estimate} outside 0..1`);
	if (!(stdErr >= 0)) throw new Error(`logInterval: stdErr ${stdErr} is not a non-negative number`);
	if (estimate === 0) return undefined;
	// Same operations in the same order as R, so the bounds agree to the last bits.
	const seLog = stdErr === 0 ? 0 : stdErr / estimate;
	const half = z * seLog;
	return {
		low: Math.exp(Math.log(estimate) - half),
		high: Math.min(Math.exp(Math.log(estimate) + half), 1)
	};
}
