// Time to credential as the CLI and the API print it:
// { n, inProgress, points: [{ day, completed, withdrawn, failed, completedLow,
//   completedHigh }], median: { days, low, high } | null }.

import { Z95 } from '../intervals/index.ts';
import { aalenJohansen } from './aalen-johansen.ts';
import type { DayCounts } from './day-counts.ts';
import { medianTimeToCredential, type MedianTime } from './median-time.ts';
import { stateAt } from './state-at.ts';

export type TimeToCredentialPoint = {
	day: number;
	/** Cumulative incidences (Aalen–Johansen) on the day. */
	completed: number;
	withdrawn: number;
	failed: number;
	/** 95% interval of `completed`; null while it is 0 (no log-scale interval, R: NA). */
	completedLow: number | null;
	completedHigh: number | null;
};

export type TimeToCredential = {
	/** Enrolments counted. */
	n: number;
	/** Of them, in progress at the cut-off (censored). */
	inProgress: number;
	points: TimeToCredentialPoint[];
	median: MedianTime | null;
};

/**
 * The curve at each `at` day (its step value there) or, without `at`, at each day on which
 * someone completed, withdrew or failed. Undefined when no enrolment is counted.
 */
export function timeToCredential({
	rows,
	at,
	z = Z95
}: {
	rows: readonly DayCounts[];
	at?: readonly number[];
	z?: number;
}): TimeToCredential | undefined {
	for (const day of at ?? []) {
		if (!(Number.isFinite(day) && day >= 0)) throw new Error(`timeToCredential: at day ${day} is not ≥ 0`);
	}
	const curve = aalenJohansen(rows, z);
	if (!curve) return undefined;
	const days =
		at ??
		curve.steps
			.filter((s) => s.counts.completed + s.counts.withdrawn + s.counts.failed > 0)
			.map((s) => s.day);
	return {
		n: curve.n,
		inProgress: curve.censored,
		points: days.map((day) => {
			const v = stateAt(curve, day);
			return {
				day,
				completed: v.estimate.completed,
				withdrawn: v.estimate.withdrawn,
				failed: v.estimate.failed,
				completedLow: v.low.completed,
				completedHigh: v.high.completed
			};
		}),
		median: medianTimeToCredential(curve)
	};
}
