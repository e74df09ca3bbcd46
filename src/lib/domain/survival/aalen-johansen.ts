// Aalen–Johansen estimator of the state probabilities of an enrolment that starts "in
// progress" and ends completed, withdrawn or failed (competing risks), with in-progress
// enrolments censored at the cut-off. The completion probability is the cumulative
// incidence of completion; treating withdrawals as censored would overstate it
// (DESIGN.md §3).
//
// Aalen, O. O. & Johansen, S. (1978). An empirical transition matrix for non-homogeneous
// Markov chains based on censored observations. Scand. J. Statist. 5, 141–150.
//
// It reproduces R survival 3.5.3 `survfit(Surv(time, status) ~ 1)` with a factor status
// (censor, completed, withdrawn, failed), defaults included:
// - p(t) = p(t−) · H(t), H = I + dA(t), with dA the Nelson–Aalen increments d_k / n_risk;
// - events on day t happen before censorings on day t (those censored at t are at risk at t);
// - standard errors by the infinitesimal jackknife, the only variance survfit offers for
//   multi-state curves (robust = TRUE; survival:::survfitCI, C routine survfitci):
//   var p_j(t) = Σ_i U_ij(t)², with U_i = ∂p/∂w_i the influence of learner i's case weight,
//   U_i(t) = U_i(t−) H(t) + p(t−) ∂H(t)/∂w_i (Therneau, survival vignette "Multi-state
//   models and competing risks", and Efron (1982) for the jackknife);
// - 95% intervals on the log scale (conf.type = "log"), see ../intervals/log-interval.ts.
//
// The input is counts per day, not learners: every learner still at risk shares one
// influence vector, every learner leaving on a day by the same route shares another, and
// after leaving an influence only moves by H. So Σ_i U_iᵀU_i over learners who have left is
// carried as one 4 × 4 matrix C(t) = H(t)ᵀ C(t−) H(t) + (those leaving at t), which makes
// the work O(days), whatever the number of learners.

import { logInterval, Z95 } from '../intervals/index.ts';
import { collapseDayCounts, type DayCounts } from './day-counts.ts';

/** `survival`: still in the initial state (in progress), R's "(s0)". */
export const STATES = ['survival', 'completed', 'withdrawn', 'failed'] as const;
export type State = (typeof STATES)[number];
export type StateValues = Record<State, number>;
/** Interval bounds; null where R gives NA (an estimate of 0 has no log-scale interval). */
export type StateBounds = Record<State, number | null>;

export type AalenJohansenStep = {
	day: number;
	/** Enrolments at risk on the day (not yet left before it). */
	nRisk: number;
	/** Who left on the day. */
	counts: DayCounts;
	estimate: StateValues;
	stdErr: StateValues;
	low: StateBounds;
	high: StateBounds;
};

export type AalenJohansenCurve = {
	/** Enrolments counted. */
	n: number;
	/** Of them, still in progress at the cut-off (censored). */
	censored: number;
	/** One step per day on which anyone left (events or censorings), as R's `time`. */
	steps: AalenJohansenStep[];
};

type Vec = [number, number, number, number];
type Mat = [Vec, Vec, Vec, Vec];

const zeroMat = (): Mat => [
	[0, 0, 0, 0],
	[0, 0, 0, 0],
	[0, 0, 0, 0],
	[0, 0, 0, 0]
];

/** u · H for H = I except row 0 = [1 − λ, λ₁, λ₂, λ₃]: only state 0 is transient. */
function timesH(u: Vec, lambda: Vec, total: number): Vec {
	return [u[0] * (1 - total), u[1] + u[0] * lambda[1], u[2] + u[0] * lambda[2], u[3] + u[0] * lambda[3]];
}

/** Hᵀ C H, C symmetric. */
function congruence(c: Mat, lambda: Vec, total: number): Mat {
	const rows = c.map((row) => timesH(row, lambda, total)); // C H
	const cols = [0, 1, 2, 3].map((j) =>
		timesH([rows[0][j], rows[1][j], rows[2][j], rows[3][j]], lambda, total)
	);
	// cols[j] = (column j of C H)ᵀ H = row j of (Hᵀ C H)ᵀ; the result is symmetric.
	return cols as Mat;
}

function addOuter(c: Mat, u: Vec, weight: number): void {
	if (weight === 0) return;
	for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) c[i][j] += weight * u[i] * u[j];
}

const toStates = (v: Vec): StateValues => ({
	survival: v[0],
	completed: v[1],
	withdrawn: v[2],
	failed: v[3]
});

function bounds(p: Vec, se: Vec, z: number): { low: StateBounds; high: StateBounds } {
	const low = {} as StateBounds;
	const high = {} as StateBounds;
	STATES.forEach((state, j) => {
		// Rounding can leave a probability a hair outside [0, 1]; the interval is for p itself.
		const interval = logInterval(Math.min(1, Math.max(0, p[j])), se[j], z);
		low[state] = interval?.low ?? null;
		high[state] = interval?.high ?? null;
	});
	return { low, high };
}

/** The Aalen–Johansen curve of the given per-day counts; undefined when nobody is counted. */
export function aalenJohansen(rows: readonly DayCounts[], z = Z95): AalenJohansenCurve | undefined {
	const days = collapseDayCounts(rows, 'aalenJohansen');
	const n = days.reduce((s, r) => s + r.completed + r.withdrawn + r.failed + r.censored, 0);
	if (n === 0) return undefined;

	let p: Vec = [1, 0, 0, 0];
	let atRisk: Vec = [0, 0, 0, 0]; // influence shared by everyone still at risk
	let left = zeroMat(); // Σ UᵢᵀUᵢ over learners who have left
	let nRisk = n;
	let censored = 0;
	const steps: AalenJohansenStep[] = [];

	for (const counts of days) {
		const d: Vec = [0, counts.completed, counts.withdrawn, counts.failed];
		const events = d[1] + d[2] + d[3];
		const leaving: Array<[Vec, number]> = [];
		if (events > 0) {
			const lambda: Vec = [0, d[1] / nRisk, d[2] / nRisk, d[3] / nRisk];
			const total = events / nRisk;
			const before = p;
			p = timesH(before, lambda, total);
			// ∂λ_k/∂w_i = (dN_ik − λ_k) / n_risk for a learner at risk; p(t−) ∂H/∂w_i touches
			// row 0 of H only, through p₀(t−).
			const influence = (event: number): Vec => {
				const own = (k: number) => ((event === k ? 1 : 0) - lambda[k]) / nRisk;
				const ownTotal = ((event > 0 ? 1 : 0) - total) / nRisk;
				const moved = timesH(atRisk, lambda, total);
				return [
					moved[0] - before[0] * ownTotal,
					moved[1] + before[0] * own(1),
					moved[2] + before[0] * own(2),
					moved[3] + before[0] * own(3)
				];
			};
			left = congruence(left, lambda, total);
			for (const k of [1, 2, 3]) if (d[k] > 0) leaving.push([influence(k), d[k]]);
			atRisk = influence(0);
		}
		leaving.push([atRisk, counts.censored]);
		for (const [u, weight] of leaving) addOuter(left, u, weight);
		const remaining = nRisk - events - counts.censored;
		const se = [0, 1, 2, 3].map((j) =>
			Math.sqrt(Math.max(0, left[j][j] + remaining * atRisk[j] * atRisk[j]))
		) as Vec;
		steps.push({
			day: counts.day,
			nRisk,
			counts,
			estimate: toStates(p),
			stdErr: toStates(se),
			...bounds(p, se, z)
		});
		censored += counts.censored;
		nRisk = remaining;
	}
	return { n, censored, steps };
}
