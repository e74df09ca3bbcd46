import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { safeNext } from '$lib/server/auth/sign-in.ts';
import { saveLanguage } from '$lib/server/queries/account.ts';
import { LOCALE_COOKIE_MAX_AGE } from '$lib/server/http/locale.ts';
import { DIGITS_COOKIE, LOCALE_COOKIE, isDigits, isLanguage } from '$lib/i18n/choose.ts';

// Choosing a language is a POST from the switcher in the header (it works without JavaScript): the
// choice is kept in a cookie and, for a signed-in user, with the account; then back to the same page.
export const load: PageServerLoad = async () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ cookies, locals, request }) => {
		const form = await request.formData();
		const language = form.get('language');
		const digits = form.get('digits') ?? 'native';
		const back = safeNext(String(form.get('return') ?? '/')) ?? '/';
		if (!isLanguage(language)) error(400, 'language: must be one of en, fr, ar');
		if (!isDigits(digits)) error(400, 'digits: must be native or latin');
		const options = { path: '/', maxAge: LOCALE_COOKIE_MAX_AGE, sameSite: 'lax', httpOnly: false } as const;
		cookies.set(LOCALE_COOKIE, language, options);
		cookies.set(DIGITS_COOKIE, digits, options);
		if (locals.user) await saveLanguage(await getDb(), locals.user.id, { language, digits });
		redirect(303, back);
	}
};
