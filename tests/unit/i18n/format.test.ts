// Numbers and dates in the request's language and digits: the server's store (locale.ts) is what
// a page render reads, so the formatters are checked through it.
import { describe, expect, it } from 'vitest';
import { inLocale } from '../../../src/lib/server/http/locale.ts';
import {
	formatCount,
	formatDate,
	formatDateTime,
	formatDecimal,
	formatList,
	formatPercent
} from '../../../src/lib/i18n/format.ts';
import { m } from '../../../src/lib/paraglide/messages.js';

const all = () => [
	formatCount(32593),
	formatPercent(0.4723),
	formatDecimal(0.8312, 2),
	formatDate('2014-02-03'),
	formatDateTime('2014-02-03T09:05:00Z'),
	formatList(['a', 'b', 'c'])
];

describe('formatting in the request language', () => {
	it('English', () => {
		expect(inLocale({ locale: 'en', digits: 'native' }, all)).toEqual([
			'32,593',
			'47.2%',
			'0.83',
			'3 Feb 2014',
			'3 Feb 2014, 09:05',
			'a, b and c'
		]);
	});
	it('French', () => {
		const [count, percent, decimal, date, , list] = inLocale({ locale: 'fr', digits: 'native' }, all);
		expect([count, percent, decimal, date, list]).toEqual([
			'32\u202f593',
			'47,2\u00a0%',
			'0,83',
			'3 févr. 2014',
			'a, b et c'
		]);
	});
	it('Arabic with its own digits, or Latin digits by the setting', () => {
		const [count, percent] = inLocale({ locale: 'ar', digits: 'native' }, all);
		expect(count).toBe('٣٢٬٥٩٣');
		expect(percent).toMatch(/^٤٧٫٢٪/);
		const [latinCount, latinPercent, , latinDate] = inLocale({ locale: 'ar', digits: 'latin' }, all);
		expect(latinCount).toBe('32,593');
		expect(latinPercent).toMatch(/^47\.2/);
		expect(latinDate).toMatch(/2014/);
	});
	it('missing figures are a dash in every language', () => {
		expect(
			inLocale({ locale: 'fr', digits: 'native' }, () => [formatCount(null), formatPercent(undefined)])
		).toEqual(['—', '—']);
	});
	it('messages follow the request, concurrently', async () => {
		const answer = (locale: 'en' | 'fr' | 'ar') =>
			inLocale({ locale, digits: 'native' }, async () => {
				await new Promise((r) => setTimeout(r, 5));
				return m.layout_sign_in();
			});
		expect(await Promise.all([answer('en'), answer('fr'), answer('ar')])).toEqual([
			'Sign in',
			'Se connecter',
			'تسجيل الدخول'
		]);
	});
});
