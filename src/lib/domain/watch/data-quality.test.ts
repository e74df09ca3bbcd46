import { describe, expect, it } from 'vitest';
import { bare, full } from '../../../../tests/fixtures/credentials.ts';
import { descriptionRepeatsTitle, elementsOf, isStub, issuerByOrigin, qualityCard } from './data-quality.ts';

describe('provider data quality', () => {
	it('flags a description equal to the title (case, spacing and punctuation aside), or blank', () => {
		expect(descriptionRepeatsTitle({ title: 'Data literacy', description: 'Data Literacy.' })).toBe(true);
		expect(descriptionRepeatsTitle({ title: 'Data literacy', description: '  ' })).toBe(true);
		expect(descriptionRepeatsTitle({ title: 'Data literacy', description: 'Reading data.' })).toBe(false);
		expect(elementsOf({ ...full, description: 'data literacy' }).description).toBe(false);
	});

	it('reads each element; language is not stated unless the record says it', () => {
		expect(elementsOf(full)).toEqual({
			title: true,
			description: true,
			learningOutcomes: true,
			workload: true,
			level: true,
			assessment: true,
			qualityAssurance: true,
			credits: true,
			language: false
		});
		expect(elementsOf({ ...full, languages: ['en'] }).language).toBe(true);
		// An unresolved badge stub carries its id as title: no title.
		expect(elementsOf({ ...bare, id: 'https://x/b.json', title: 'https://x/b.json' }).title).toBe(false);
	});

	it('calls a record with nothing but its title a stub', () => {
		const stub = { ...bare, level: null, assessmentType: null };
		expect(isStub(stub)).toBe(true);
		expect(isStub({ ...stub, level: '3' })).toBe(false);
	});

	it('scores a provider: shares per element, stubs, rules, verified awards and what to fix', () => {
		const stub = { ...bare, id: 's1', title: 'Stub', level: null, assessmentType: null };
		const card = qualityCard([
			{ credential: full, rules: 1, unparsed: 0, awards: 8, verified: 6 },
			{ credential: stub, rules: 0, unparsed: 2, awards: 2, verified: 0 }
		]);
		expect(card.credentials).toBe(2);
		expect(card.shares.title).toBe(1);
		expect(card.shares.description).toBe(0.5);
		expect(card.shares.language).toBe(0);
		expect(card.stubs).toBe(1);
		expect([card.rulesParsed, card.rulesUnparsed]).toEqual([1, 1]);
		expect(card.verifiedShare).toBe(0.6);
		expect(card.fixes.map((f) => [f.credentialId, f.stub, f.missing.length])).toEqual([
			['s1', true, 8],
			['c1', false, 1]
		]);
	});

	it('has no verified share without awards', () => {
		expect(qualityCard([]).verifiedShare).toBeNull();
		expect(qualityCard([]).shares.title).toBe(0);
	});
});

describe('issuerByOrigin', () => {
	it('names the one provider hosted on the badge URL origin', () => {
		const ids = ['https://example.org/organization.json', 'https://other.org/issuer', 'open-university'];
		expect(issuerByOrigin('https://example.org/robotics-badge.json', ids)).toBe(
			'https://example.org/organization.json'
		);
		expect(issuerByOrigin('https://nowhere.org/b.json', ids)).toBeNull();
		expect(issuerByOrigin('urn:uuid:1', ids)).toBeNull();
		expect(issuerByOrigin('https://example.org/b', [...ids, 'https://example.org/two'])).toBeNull();
	});
});
