import { describe, expect, it } from 'vitest';
import { apiHref } from './api-href.ts';

describe('apiHref', () => {
	it('keeps the page filters, drops empty fields, and lets the panel set its own', () => {
		const search = new URLSearchParams('asOf=2014-06-30&cohort=&by=gender&by2=disability&data=real');
		expect(apiHref('/api/metrics/completion', search, { by: 'credential', format: 'arrow' })).toBe(
			'/api/metrics/completion?asOf=2014-06-30&by=credential&data=real&format=arrow'
		);
	});
});
