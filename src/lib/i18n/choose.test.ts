import { describe, expect, it } from 'vitest';
import { chooseDigits, chooseLanguage, directionOf, intlTag, negotiate } from './choose.ts';

describe('negotiate (Accept-Language)', () => {
	it('takes the heaviest language Stackwise has, by its primary subtag', () => {
		expect(negotiate('de-DE,de;q=0.9,fr-CA;q=0.8,en;q=0.7')).toBe('fr');
		expect(negotiate('ar-EG')).toBe('ar');
		expect(negotiate('en-US,en;q=0.9')).toBe('en');
	});
	it('orders by weight, then by position', () => {
		expect(negotiate('fr;q=0.5, ar;q=0.8')).toBe('ar');
		expect(negotiate('ar, fr')).toBe('ar');
	});
	it('ignores refused (q=0), unknown and malformed ranges, and falls back to English', () => {
		expect(negotiate('fr;q=0, de')).toBe('en');
		expect(negotiate('')).toBe('en');
		expect(negotiate(null)).toBe('en');
		expect(negotiate(';;,,q=1')).toBe('en');
		expect(negotiate('*')).toBe('en');
	});
	it('never picks the pseudo-locale from a browser', () => {
		expect(negotiate('en-XA')).toBe('en');
	});
});

describe('chooseLanguage', () => {
	it('prefers the account, then the cookie, then the browser', () => {
		expect(chooseLanguage({ account: 'ar', cookie: 'fr', acceptLanguage: 'en' })).toBe('ar');
		expect(chooseLanguage({ account: null, cookie: 'fr', acceptLanguage: 'ar' })).toBe('fr');
		expect(chooseLanguage({ account: 'xx', cookie: 'zz', acceptLanguage: 'ar' })).toBe('ar');
		expect(chooseLanguage({ cookie: 'en-XA' })).toBe('en-XA');
	});
	it('keeps digits the same way, native by default', () => {
		expect(chooseDigits({})).toBe('native');
		expect(chooseDigits({ account: 'latin', cookie: 'native' })).toBe('latin');
		expect(chooseDigits({ cookie: 'latin' })).toBe('latin');
		expect(chooseDigits({ cookie: 'roman' })).toBe('native');
	});
});

describe('intlTag and direction', () => {
	it('names the numbering system so server and browser write the same digits', () => {
		expect(intlTag('ar', 'native')).toBe('ar-u-nu-arab');
		expect(intlTag('ar', 'latin')).toBe('ar-u-nu-latn');
		expect(intlTag('fr', 'native')).toBe('fr-u-nu-latn');
		expect(intlTag('en-XA', 'native')).toBe('en-GB-u-nu-latn');
		const percent = (tag: string) =>
			new Intl.NumberFormat(tag, { style: 'percent', minimumFractionDigits: 1 }).format(0.472);
		expect(percent(intlTag('ar', 'native'))).toMatch(/^٤٧٫٢٪/);
		expect(percent(intlTag('fr', 'native'))).toBe('47,2\u00a0%');
		expect(percent(intlTag('en', 'native'))).toBe('47.2%');
	});
	it('is right to left for Arabic only', () => {
		expect(directionOf('ar')).toBe('rtl');
		expect(directionOf('fr')).toBe('ltr');
		expect(directionOf('en-XA')).toBe('ltr');
	});
});
