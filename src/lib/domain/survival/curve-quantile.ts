// The time at which a cumulative probability curve (a step function rising from 0) reaches
// p, by R survival's rule for quantiles of survival curves (survival:::findq, used by
// quantile.survfit through doquant, with y = 1 − S(t)):
// - the first time at which the curve reaches p, comparing with a tolerance of
//   sqrt(machine epsilon);
// - where the curve sits exactly at p over an interval (within the tolerance), the
//   midpoint of that interval — the time it reached p and the time it next moved — and
//   when it sits at p until the end, the midpoint up to the last time observed
//   (Brookmeyer & Crowley (1982), Biometrics 38, 29–41, as implemented by Therneau);
// - undefined when the curve never reaches p.
// Points may be missing (null), as interval bounds are where R gives NA; they are ignored,
// as R's approx() drops them. Ported literally, step for step, so that a bound curve which is
// not monotone gives what R gives.

/** sqrt(.Machine$double.eps), R's default tolerance. */
export const QUANTILE_TOLERANCE = Math.sqrt(Number.EPSILON);

export type QuantileInput = {
	/** Times of the steps, increasing. */
	times: readonly number[];
	/** Curve value from each time on; null where it is not defined. */
	values: ReadonlyArray<number | null>;
	p: number;
	/** Where the curve starts at 0: R's start.time, 0 by default. */
	start?: number;
	tolerance?: number;
};

/** R's approx(x, y, v, method = "constant", f = 1, rule = 1) for increasing x: the y of
 * the first x ≥ v (exactly equal x wins), undefined outside [x₁, xₙ]. */
function approxRight(x: readonly number[], y: readonly number[], v: number): number | undefined {
	const n = x.length;
	if (n === 0 || v < x[0] || v > x[n - 1]) return undefined;
	let i = 0;
	let j = n - 1;
	while (i < j - 1) {
		const ij = (i + j) >>> 1;
		if (v < x[ij]) j = ij;
		else i = ij;
	}
	if (v === x[j]) return y[j];
	if (v === x[i]) return y[i];
	return y[j];
}

export function curveQuantile({
	times,
	values,
	p,
	start = 0,
	tolerance = QUANTILE_TOLERANCE
}: QuantileInput): number | undefined {
	if (times.length !== values.length) {
		throw new Error(`curveQuantile: ${times.length} times but ${values.length} values`);
	}
	if (!(p >= 0 && p <= 1)) throw new Error(`curveQuantile: p ${p} outside 0..1`);
	let x = [start, ...times];
	let y: Array<number | null> = [0, ...values];

	let max = -Infinity;
	for (const v of y) if (v !== null && v > max) max = v;
	if (max < p) return undefined;
	const xmax = x[x.length - 1];

	// Keep the first time each value occurs (R's duplicated(); NA matches NA).
	const seen = new Set<number | null>();
	const keep = y.map((v) => (seen.has(v) ? false : (seen.add(v), true)));
	x = x.filter((_, i) => keep[i]);
	y = y.filter((_, i) => keep[i]);
	const n = y.length;

	// approx() drops NA pairs and sorts by the curve value; the answer is an index into x.
	const lookup = (shift: number) => {
		const pairs = y
			.map((v, i) => [v, i] as const)
			.filter((pair): pair is readonly [number, number] => pair[0] !== null)
			.map(([v, i]) => [v + shift, i] as const)
			.sort((a, b) => a[0] - b[0]);
		return approxRight(
			pairs.map((pair) => pair[0]),
			pairs.map((pair) => pair[1]),
			p
		);
	};
	const index1 = lookup(tolerance);
	const index2 = lookup(-tolerance);
	if (p === 0) return x[0];
	const last = y[n - 1];
	if (last !== null && Math.abs(p - last) < tolerance) {
		return index1 === undefined ? undefined : (x[index1] + xmax) / 2;
	}
	if (index1 === undefined || index2 === undefined) return undefined;
	return (x[index1] + x[index2]) / 2;
}
