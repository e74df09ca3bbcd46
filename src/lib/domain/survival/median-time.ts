// Median time to credential: when the cumulative incidence of completion reaches 0.5,
// with a 95% interval.
//
// R has no rule for it: quantile() on a multi-state survfit stops with "quantiles are not
// a well defined quantity for multi-state models". So this applies R's rule for survival
// curves (quantile.survfit → doquant → findq, see curve-quantile.ts) to the completion
// curve, as R would on a survfit with surv = 1 − CIF and bounds 1 − upper, 1 − lower:
// - days: where the CIF reaches 0.5 — the first such day, or the midpoint of an interval
//   over which the CIF is exactly 0.5, so it can be a half day;
// - low: where the upper bound of the CIF reaches 0.5; high: where the lower bound does
//   (Brookmeyer & Crowley (1982), Biometrics 38, 29–41: the times whose interval contains
//   0.5). Either can be null: the lower bound may never reach 0.5 within follow-up.
// null when the CIF itself never reaches 0.5.

import type { AalenJohansenCurve } from './aalen-johansen.ts';
import { curveQuantile } from './curve-quantile.ts';

export type MedianTime = { days: number; low: number | null; high: number | null };

export function medianTimeToCredential(curve: AalenJohansenCurve, p = 0.5): MedianTime | null {
	const times = curve.steps.map((s) => s.day);
	const at = (values: Array<number | null>) => curveQuantile({ times, values, p }) ?? null;
	const days = at(curve.steps.map((s) => s.estimate.completed));
	if (days === null) return null;
	return {
		days,
		low: at(curve.steps.map((s) => s.high.completed)),
		high: at(curve.steps.map((s) => s.low.completed))
	};
}
