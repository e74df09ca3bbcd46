// The Aalen–Johansen curve is a step function, right-continuous: its value on a day is that
// of the last step on or before it. Before the first step nobody has left (all in the
// initial state, standard error 0). After the last step the last value is carried forward,
// as R's summary(fit, times, extend = TRUE) does; beyond the longest follow-up that is a
// convention, not an estimate.

import type { AalenJohansenCurve, StateBounds, StateValues } from './aalen-johansen.ts';

export type CurveValue = {
	day: number;
	estimate: StateValues;
	stdErr: StateValues;
	low: StateBounds;
	high: StateBounds;
};

const START: Omit<CurveValue, 'day'> = {
	estimate: { survival: 1, completed: 0, withdrawn: 0, failed: 0 },
	stdErr: { survival: 0, completed: 0, withdrawn: 0, failed: 0 },
	// R's log-scale interval: [1, 1] at probability 1 with se 0, NA at probability 0.
	low: { survival: 1, completed: null, withdrawn: null, failed: null },
	high: { survival: 1, completed: null, withdrawn: null, failed: null }
};

/** The curve's value on `day` (any finite number of days since start). */
export function stateAt(curve: AalenJohansenCurve, day: number): CurveValue {
	if (!Number.isFinite(day)) throw new Error(`stateAt: day ${day} is not a finite number`);
	// Binary search for the last step with step.day ≤ day.
	let lo = 0;
	let hi = curve.steps.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (curve.steps[mid].day <= day) lo = mid + 1;
		else hi = mid;
	}
	const step = curve.steps[lo - 1];
	if (!step) return { day, ...START };
	return { day, estimate: step.estimate, stdErr: step.stdErr, low: step.low, high: step.high };
}
