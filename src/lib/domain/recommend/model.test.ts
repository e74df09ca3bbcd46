import { randomLcg } from 'd3-random';
import { describe, expect, it } from 'vitest';
import { buildModel, nextContext, statusAt, transitionKey, type Step } from './model.ts';
import type { EnrolmentStatus } from '../types.ts';

const CREDENTIALS = Array.from({ length: 12 }, (_, i) => `c${i}`);
const STATUSES: EnrolmentStatus[] = ['completed', 'withdrawn', 'failed'];

/** Random learners' steps (deterministic), a few credentials taken twice. */
function randomSequences(count: number, seed: number): Step[][] {
	const random = randomLcg(seed);
	return Array.from({ length: count }, () => {
		let day = 1 + Math.floor(random() * 20);
		return Array.from({ length: 1 + Math.floor(random() * 6) }, () => {
			const startedOn = `2020-01-${String(day).padStart(2, '0')}`;
			day += Math.floor(random() * 3);
			return {
				credential: CREDENTIALS[Math.floor(random() * CREDENTIALS.length)],
				status: STATUSES[Math.floor(random() * STATUSES.length)],
				startedOn,
				endedOn: random() < 0.8 ? `2020-02-${String(day).padStart(2, '0')}` : null
			};
		});
	});
}

describe('nextContext', () => {
	it('gives the back-off probability as defined, for every candidate and history', () => {
		const model = buildModel(randomSequences(300, 3));
		const a = model.alpha;
		const vocabulary = model.popularity.size;
		// The definition, one candidate at a time: popularity (add-one), then the average over the
		// history's credentials of what followed them, then the last step's transitions.
		const expected = (history: Step[], asOf: string, b: string) => {
			const p0 = ((model.popularity.get(b) ?? 0) + 1) / (model.learners + vocabulary);
			const distinct = [...new Set(history.map((s) => s.credential))];
			const p1 =
				distinct.length === 0
					? p0
					: distinct.reduce(
							(sum, x) =>
								sum + ((model.after.get(x)?.get(b) ?? 0) + a * p0) / ((model.afterTotal.get(x) ?? 0) + a),
							0
						) / distinct.length;
			const lastStep = history.at(-1);
			if (!lastStep) return p1;
			const key = transitionKey(lastStep.credential, statusAt(lastStep, asOf));
			return (
				((model.transitions.get(key)?.get(b) ?? 0) + a * p1) / ((model.transitionTotal.get(key) ?? 0) + a)
			);
		};
		let checked = 0;
		for (const history of [[], ...randomSequences(60, 17)]) {
			const context = nextContext(model, history, '2020-02-10');
			for (const b of [...CREDENTIALS, 'never-taken']) {
				const want = expected(history, '2020-02-10', b);
				expect(context.probability(b)).toBeCloseTo(want, 14);
				expect(context.evidence(b).probability).toBe(context.probability(b));
				checked++;
			}
		}
		expect(checked).toBe(61 * 13);
	});
});
