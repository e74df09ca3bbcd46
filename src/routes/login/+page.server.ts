import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { signInPage, submitSignIn } from '$lib/server/http/sign-in-page.ts';

export const load: PageServerLoad = async ({ locals, url }) =>
	signInPage(await getDb(), locals.user ?? null, url.searchParams.get('next'));

export const actions: Actions = {
	default: async ({ request, cookies, getClientAddress, url, locals }) =>
		submitSignIn(await getDb(), await request.formData(), {
			address: getClientAddress(),
			cookies,
			secure: url.protocol === 'https:',
			signedInAs: locals.user?.id ?? null
		})
};
