import { describe, expect, it } from 'vitest';
import { countryCode } from './country.ts';

describe('countryCode', () => {
	it.each([
		['IE', 'IE'],
		['ie', 'IE'],
		['IRL', 'IE'],
		['http://publications.europa.eu/resource/authority/country/IRL', 'IE'],
		['Japan', 'JP'],
		['United Kingdom', 'GB'],
		['UK', 'GB'],
		['EL', 'GR'],
		[' Greece ', 'GR']
	])('reads %j as %s', (value, code) => {
		expect(countryCode(value)).toBe(code);
	});

	it.each([['EU'], ['UN'], ['XX'], ['Atlantis'], [''], [42], [null]])('leaves %j unknown', (value) => {
		expect(countryCode(value)).toBeNull();
	});
});
