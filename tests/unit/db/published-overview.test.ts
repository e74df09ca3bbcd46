import { describe, expect, it } from 'vitest';
import { disclosurePolicy } from '../../../src/lib/domain/suppression/policy.ts';
import { publishOverview } from '../../../src/lib/server/queries/overview.ts';

const counted = {
	learners: 7,
	enrolments: 12,
	awards: 0,
	providers: 1,
	credentials: 1,
	includesGenerated: false
};

describe('publishOverview', () => {
	it('withholds a headline count of fewer learners than the threshold and rounds the rest, as the policy says', () => {
		expect(publishOverview(counted, disclosurePolicy({ mode: 'both' }))).toEqual({
			...counted,
			learners: null,
			enrolments: 10,
			awards: 0,
			withheld: 'fewer than 10 learners'
		});
		expect(publishOverview(counted, disclosurePolicy({ mode: 'suppress' }))).toMatchObject({
			learners: null,
			enrolments: 12
		});
		expect(publishOverview(counted, disclosurePolicy({ mode: 'round5' }))).toMatchObject({
			learners: 5,
			enrolments: 10,
			withheld: null
		});
	});
	it('leaves the administrator view exact', () => {
		expect(publishOverview(counted, false)).toEqual({ ...counted, withheld: null });
	});
});
