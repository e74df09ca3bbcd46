import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { homeOf, safeNext, signIn } from '$lib/server/auth/sign-in.ts';
import { countUsers } from '$lib/server/auth/users.ts';
import { pseudonymOf } from '$lib/server/queries/learner-ids.ts';

export const load: PageServerLoad = async ({ locals, url }) => {
	const db = await getDb();
	// First run: nobody can sign in yet, so create the administrator first.
	if ((await countUsers(db)) === 0) redirect(303, '/setup');
	if (locals.user)
		redirect(
			303,
			safeNext(url.searchParams.get('next')) ??
				homeOf(locals.user, await pseudonymOf(db, locals.user.learnerId))
		);
	return { next: safeNext(url.searchParams.get('next')) };
};

const form = z.object({
	email: z.string().trim().min(1).max(254),
	password: z.string().min(1).max(1024),
	next: z.string().max(2000).optional()
});

export const actions: Actions = {
	default: async ({ request, cookies, getClientAddress, url, locals }) => {
		const parsed = form.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { message: 'Enter your email and password.', email: '' });
		const db = await getDb();
		const result = await signIn(db, {
			...parsed.data,
			address: getClientAddress(),
			cookies,
			secure: url.protocol === 'https:',
			signedInAs: locals.user?.id ?? null
		});
		if (!result.ok)
			return fail(result.retryAfterSeconds ? 429 : 400, {
				message: result.message,
				email: parsed.data.email
			});
		redirect(
			303,
			safeNext(parsed.data.next ?? null) ?? homeOf(result.user, await pseudonymOf(db, result.user.learnerId))
		);
	}
};
