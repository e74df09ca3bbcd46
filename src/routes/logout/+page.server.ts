import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { signOut } from '$lib/server/auth/sign-in.ts';

// Signing out is a POST (a link or prefetch must never sign anyone out).
export const load: PageServerLoad = async () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ cookies, locals, request }) => {
		const form = await request.formData();
		await signOut(await getDb(), {
			cookies,
			user: locals.user,
			everywhere: form.get('everywhere') === 'yes'
		});
		redirect(303, '/login');
	}
};
