// The Aalen–Johansen curves and the median time to credential against R survival 3.5.3, on
// real OULAD modules (several cut-offs and groups) and seeded synthetic data, to 1e-6.
// Fixtures: tests/fixtures/r/make-fixtures.R.
import { describe, expect, it } from 'vitest';
import {
	AALEN_JOHANSEN_FILES,
	aalenJohansenCases,
	caseName,
	compare,
	countsOf
} from '../../../../tests/fixtures/r/fixtures.ts';
import { aalenJohansen, STATES } from './aalen-johansen.ts';
import { medianTimeToCredential } from './median-time.ts';
import { stateAt } from './state-at.ts';
import { timeToCredential } from './time-to-credential.ts';

describe.each(AALEN_JOHANSEN_FILES)('Aalen–Johansen against R (%s)', (file) => {
	const cases = aalenJohansenCases(file).map((c) => [caseName(c), c] as const);

	it.each(cases)('%s', (_, c) => {
		const curve = aalenJohansen(countsOf(c));
		if (c.n === 0) {
			expect(curve).toBeUndefined();
			expect(timeToCredential({ rows: countsOf(c) })).toBeUndefined();
			return;
		}
		if (!curve || !c.fit || !c.at) throw new Error('fixture and curve both expected');
		expect(curve.n).toBe(c.n);
		expect(curve.censored).toBe(c.inProgress);
		expect(curve.steps.map((s) => s.day)).toEqual(c.fit.time);
		expect(curve.steps.map((s) => s.nRisk)).toEqual(c.fit.nRisk);

		const pairs: Parameters<typeof compare>[0] = [];
		const fit = c.fit;
		curve.steps.forEach((step, i) => {
			for (const s of STATES) {
				pairs.push([`day ${step.day} ${s} estimate`, step.estimate[s], fit.pstate[s][i]]);
				pairs.push([`day ${step.day} ${s} std.err`, step.stdErr[s], fit.std[s][i]]);
				pairs.push([`day ${step.day} ${s} lower`, step.low[s], fit.lower[s][i]]);
				pairs.push([`day ${step.day} ${s} upper`, step.high[s], fit.upper[s][i]]);
			}
		});
		const at = c.at;
		at.day.forEach((day, i) => {
			const v = stateAt(curve, day);
			for (const s of STATES) {
				pairs.push([`at ${day} ${s} estimate`, v.estimate[s], at.pstate[s][i]]);
				pairs.push([`at ${day} ${s} std.err`, v.stdErr[s], at.std[s][i]]);
				pairs.push([`at ${day} ${s} lower`, v.low[s], at.lower[s][i]]);
				pairs.push([`at ${day} ${s} upper`, v.high[s], at.upper[s][i]]);
			}
		});
		const median = medianTimeToCredential(curve);
		if (c.median?.days == null) {
			expect(median).toBeNull();
		} else {
			pairs.push(['median days', median?.days, c.median.days]);
			pairs.push(['median low', median?.low, c.median.low]);
			pairs.push(['median high', median?.high, c.median.high]);
		}
		const { maxDiff, mismatches } = compare(pairs);
		expect(mismatches).toEqual([]);
		expect(maxDiff).toBeLessThan(1e-6);

		// The CLI shape carries the same numbers.
		const out = timeToCredential({ rows: countsOf(c), at: at.day })!;
		expect(out.n).toBe(c.n);
		expect(out.inProgress).toBe(c.inProgress);
		expect(out.points.map((p) => p.completed)).toEqual(
			at.day.map((d) => stateAt(curve, d).estimate.completed)
		);
		expect(out.median).toEqual(median);
	});
});
