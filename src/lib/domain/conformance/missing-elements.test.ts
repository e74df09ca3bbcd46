import { describe, expect, it } from 'vitest';
import type { Credential } from '../types.ts';
import { missingElements } from './missing-elements.ts';

const base: Credential = {
	id: 'x',
	providerId: 'p',
	title: 'X',
	kind: 'micro',
	levelFramework: 'EQF',
	level: '4',
	workloadHours: 25,
	credits: 1,
	creditSystem: 'ECTS',
	assessed: true,
	assessmentType: 'exam',
	participationMode: 'online',
	qualityAssured: true,
	description: 'd',
	learningOutcomes: ['do a thing'],
	validFrom: null,
	validTo: null,
	unparsed: null,
	origin: 'real'
};

describe('missingElements', () => {
	it('tallies missing elements by the awards they affect', () => {
		const result = missingElements([
			{ credential: { ...base, id: 'a', learningOutcomes: null }, awards: 30 },
			{ credential: { ...base, id: 'b', learningOutcomes: null, assessed: null }, awards: 5 },
			{ credential: base, awards: 100 }
		]);
		const eu = result.filter((m) => m.definition === 'eu');
		expect(eu[0]).toMatchObject({ awards: 35, credentials: 2 });
		expect(eu[0].element).toMatch(/outcome/i);
		expect(result.every((m, i) => i === 0 || result[i - 1].awards >= m.awards)).toBe(true);
	});
	it('is empty when every credential conforms or there is nothing', () => {
		expect(missingElements([{ credential: base, awards: 3 }])).toEqual([]);
		expect(missingElements([])).toEqual([]);
	});
});
