import { describe, expect, it } from 'vitest';
import { policyStatement } from '$lib/domain/suppression/index.ts';
import { dimensionLabel, disclosureText, providerKindName } from './names.ts';

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
