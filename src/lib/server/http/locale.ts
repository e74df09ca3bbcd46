// The language and digits each request is answered in, held for the request's whole async life,
// so a message (`m.x()`) or a number formatted anywhere during it reads the request's own choice.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Cookies } from '@sveltejs/kit';
import { overwriteServerAsyncLocalStorage } from '../../paraglide/runtime.js';
import { overwriteDigits } from '../../i18n/format.ts';
import {
	DIGITS_COOKIE,
	LOCALE_COOKIE,
	chooseDigits,
	chooseLanguage,
	directionOf,
	type Digits,
	type Language
} from '../../i18n/choose.ts';
import type { SessionUser } from '../auth/roles.ts';

type RequestLocale = { locale: Language; digits: Digits };

const requests = new AsyncLocalStorage<RequestLocale>();
// Paraglide reads `locale` from the store; the store also carries the digits, which it does not know.
overwriteServerAsyncLocalStorage(
	requests as unknown as Parameters<typeof overwriteServerAsyncLocalStorage>[0]
);
overwriteDigits(() => requests.getStore()?.digits ?? 'native');

/** A year: a choice of language is kept until changed. */
export const LOCALE_COOKIE_MAX_AGE = 365 * 24 * 60 * 60;

export function requestLocale(
	user: SessionUser | null,
	cookies: Cookies,
	acceptLanguage: string | null
): RequestLocale {
	return {
		locale: chooseLanguage({
			account: user?.language,
			cookie: cookies.get(LOCALE_COOKIE),
			acceptLanguage
		}),
		digits: chooseDigits({ account: user?.digits, cookie: cookies.get(DIGITS_COOKIE) })
	};
}

/** Runs `answer` in the request's language; its page says the language, direction and digits. */
export function inLocale<T>(chosen: RequestLocale, answer: () => T): T {
	return requests.run(chosen, answer);
}

/** app.html's placeholders for the chosen language. */
export function fillLanguage(html: string, chosen: RequestLocale): string {
	return html
		.replace('%lang%', chosen.locale)
		.replace('%dir%', directionOf(chosen.locale))
		.replace('%digits%', chosen.digits);
}
