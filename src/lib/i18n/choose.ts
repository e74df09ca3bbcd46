// Which language and which digits a request is answered in. Pure: hooks.server.ts hands in what the
// request carries (the account's choice, the cookie, Accept-Language) and gets one answer, so the
// page, its charts and its exports all agree.

/** The languages a person can choose; `en-XA` is a pseudo-locale for tests (every message wrapped in ⟦ ⟧). */
export const LANGUAGES = ['en', 'fr', 'ar'] as const;
export const PSEUDO_LOCALE = 'en-XA';
export type Language = (typeof LANGUAGES)[number] | typeof PSEUDO_LOCALE;

/** `native`: the language's own digits (Arabic-Indic for Arabic); `latin`: 0–9 whatever the language. */
export const DIGITS = ['native', 'latin'] as const;
export type Digits = (typeof DIGITS)[number];

export const LOCALE_COOKIE = 'stackwise_locale';
export const DIGITS_COOKIE = 'stackwise_digits';

/** Each language named in itself, as a switcher shows it. */
export const AUTONYMS: Record<(typeof LANGUAGES)[number], string> = {
	en: 'English',
	fr: 'Français',
	ar: 'العربية'
};

export function isLanguage(value: unknown): value is Language {
	return value === PSEUDO_LOCALE || LANGUAGES.includes(value as (typeof LANGUAGES)[number]);
}

export function isDigits(value: unknown): value is Digits {
	return DIGITS.includes(value as Digits);
}

/**
 * The best of LANGUAGES for an Accept-Language header (RFC 9110 §12.5.4): by weight, then order;
 * `fr-CA` is French; `*` or nothing that matches is English. The pseudo-locale is never chosen here.
 */
export function negotiate(acceptLanguage: string | null | undefined): (typeof LANGUAGES)[number] {
	const wanted = (acceptLanguage ?? '')
		.split(',')
		.map((part, order) => {
			const [range, ...params] = part.trim().split(';');
			const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
			const weight = q === undefined ? 1 : Number(q.slice(2));
			return { range: range.trim().toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, order };
		})
		.filter((w) => w.range !== '' && w.weight > 0)
		.sort((a, b) => b.weight - a.weight || a.order - b.order);
	for (const { range } of wanted) {
		const primary = range.split('-')[0];
		const match = LANGUAGES.find((l) => l === primary);
		if (match) return match;
	}
	return 'en';
}

/** The account's choice, else the cookie's, else the browser's. */
export function chooseLanguage(from: {
	account?: string | null;
	cookie?: string | null;
	acceptLanguage?: string | null;
}): Language {
	if (isLanguage(from.account)) return from.account;
	if (isLanguage(from.cookie)) return from.cookie;
	return negotiate(from.acceptLanguage);
}

export function chooseDigits(from: { account?: string | null; cookie?: string | null }): Digits {
	if (isDigits(from.account)) return from.account;
	if (isDigits(from.cookie)) return from.cookie;
	return 'native';
}

/** Right to left for Arabic. */
export function directionOf(language: Language): 'ltr' | 'rtl' {
	return language === 'ar' ? 'rtl' : 'ltr';
}

/**
 * The BCP 47 tag `Intl` formats with. The numbering system is always named, because the server's
 * ICU and a browser's can default differently for Arabic (Node's `ar` is Latin digits, CLDR's
 * `ar-EG` Arabic-Indic), and a page must read the same before and after hydration.
 */
export function intlTag(language: Language, digits: Digits): string {
	const base = language === 'en' || language === PSEUDO_LOCALE ? 'en-GB' : language;
	const numbering = language === 'ar' && digits === 'native' ? 'arab' : 'latn';
	return `${base}-u-nu-${numbering}`;
}
