import { describe, expect, it } from 'vitest';
import { fewerThan, policyStatement, smallDifference } from '$lib/domain/suppression/index.ts';
import { COMPLEMENTARY } from '$lib/domain/suppression/policy.ts';
import { dimensionLabel, disclosureText, providerKindName, withheldReason } from './names.ts';

describe('names in the reader language (English here)', () => {
	it('says the disclosure policy as the domain does, for every mode', () => {
		for (const policy of [
			false,
			{ threshold: 10 },
			{ threshold: 10, mode: 'suppress' },
			{ threshold: 10, mode: 'round5' },
			{ threshold: 5, mode: 'both' }
		] as const)
			expect(disclosureText(policy)).toBe(policyStatement(policy));
	});
	it('names dimensions and provider kinds, and spaces a code it does not know', () => {
		expect(dimensionLabel('age_band')).toBe('Age band');
		expect(dimensionLabel('shoe_size')).toBeUndefined();
		expect(providerKindName('higher_education')).toBe('higher education');
		expect(providerKindName('night_school')).toBe('night school');
	});
});

describe('withheldReason', () => {
	it("says the domain's reasons as the domain does (English here), and keeps one it does not know", () => {
		for (const reason of [
			fewerThan(10),
			COMPLEMENTARY,
			smallDifference(10, 'other cohorts'),
			smallDifference(5, 'learners who started after the as-of date'),
			'<10'
		])
			expect(withheldReason(reason)).toBe(reason);
	});
});
