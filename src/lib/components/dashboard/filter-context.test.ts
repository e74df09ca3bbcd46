import { describe, expect, it } from 'vitest';
import {
	filterWords,
	filtersNotFollowed,
	notFollowedNote,
	queryOfForm,
	setFilters
} from './filter-context.ts';

const none = { data: 'real', verifiedOnly: false };

describe('filter context', () => {
	it('drops empty fields from the query a form asks for, keeping the order and repeated keys', () => {
		expect(
			queryOfForm([
				['asOf', ''],
				['cohort', '2013J'],
				['level', '  '],
				['by', 'gender'],
				['by2', ''],
				['verifiedOnly', 'true']
			])
		).toBe('?cohort=2013J&by=gender&verifiedOnly=true');
		expect(queryOfForm([['cohort', '']])).toBe('');
	});

	it('says the question in words, the provider by name', () => {
		expect(filterWords(none)).toBe('Real learners (OULAD)');
		expect(
			filterWords(
				{ ...none, cohort: '2014J', asOf: '2014-12-31', provider: 'ou', verifiedOnly: true },
				{ provider: { ou: 'The Open University' } }
			)
		).toBe(
			'As of 2014-12-31 · cohort 2014J · provider The Open University · verified awards only · real learners (OULAD)'
		);
	});

	it('names the set filters a figure leaves aside, and nothing for one that follows them all', () => {
		const values = { ...none, cohort: '2013J', asOf: '2014-06-30', verifiedOnly: true };
		expect(setFilters(values)).toEqual(['asOf', 'cohort', 'verifiedOnly']);
		expect(filtersNotFollowed('overview', values)).toEqual([]);
		expect(filtersNotFollowed('completion', values)).toEqual(['verifiedOnly']);
		expect(filtersNotFollowed('stacking', values)).toEqual(['cohort', 'verifiedOnly']);
		expect(filtersNotFollowed('flows', values)).toEqual(['asOf', 'cohort', 'verifiedOnly']);
		expect(notFollowedNote('issuance', values)).toBeNull();
		expect(notFollowedNote('stacking', { ...none, cohort: '2013J' })).toMatch(/^Not filtered by cohort: /);
	});
});
