import { describe, expect, it } from 'vitest';
import { apiHref, drillHref, groupFlowsHref } from './api-href.ts';

describe('apiHref', () => {
	it('keeps the page filters, drops empty fields, and lets the panel set its own', () => {
		const search = new URLSearchParams('asOf=2014-06-30&cohort=&by=gender&by2=disability&data=real');
		expect(apiHref('/api/metrics/completion', search, { by: 'credential', format: 'arrow' })).toBe(
			'/api/metrics/completion?asOf=2014-06-30&by=credential&data=real&format=arrow'
		);
	});
});

describe('drillHref', () => {
	it('narrows the same view to one credential, keeping its filters and dropping empty ones', () => {
		const search = new URLSearchParams('cohort=2013J&asOf=&credential=AAA&by=gender');
		expect(drillHref(search, 'FFF')).toBe('?cohort=2013J&credential=FFF&by=gender');
	});
	it('narrows to a cohort the same way', () => {
		expect(drillHref(new URLSearchParams('data=real&cohort='), '2014B', 'cohort')).toBe(
			'?data=real&cohort=2014B'
		);
	});
	it('gives no link for a row that is no credential (the total)', () => {
		expect(drillHref(new URLSearchParams(), null)).toBeNull();
	});
});

describe('groupFlowsHref', () => {
	it("leads a group's row to the flows of its learners, for one data origin and group dimension", () => {
		expect(groupFlowsHref({ data: 'real', dimension: 'disability', group: 'Y' })).toBe(
			'/flows?data=real&by=disability&group=Y'
		);
		expect(groupFlowsHref({ data: 'generated', dimension: 'age_band', group: '35-55', provider: 'ou' })).toBe(
			'/flows?data=generated&by=age_band&group=35-55&provider=ou'
		);
		expect(groupFlowsHref({ data: 'all', dimension: 'gender', group: 'F' })).toBeNull();
		expect(groupFlowsHref({ data: 'real', dimension: 'credential', group: 'AAA' })).toBeNull();
		expect(groupFlowsHref({ data: 'real', dimension: 'gender', group: null })).toBeNull();
	});
});
