import { describe, expect, it } from 'vitest';
import { planFailureText } from './plan-text.ts';

describe('planFailureText', () => {
	it('explains missing workload hours and median times', () => {
		expect(
			planFailureText(
				"stacking/plan: objective 'hours' needs workload hours for 37 candidate credential(s): A, B, …"
			)
		).toBe(
			'37 of the credentials that could complete it have no workload hours in the catalogue, so this plan cannot be worked out. Try fewest credentials.'
		);
		expect(
			planFailureText("stacking/plan: objective 'time' needs median days for 3 candidate credential(s): A")
		).toMatch(/^3 of the credentials .* no median time to complete yet/);
	});

	it('passes other reasons on without the module prefix', () => {
		expect(planFailureText('stacking/plan: no plan completes Q: X is not offered')).toBe(
			'no plan completes Q: X is not offered'
		);
	});
});
