import type { LayoutServerLoad } from './$types';
import { homeOf } from '$lib/server/auth/sign-in.ts';
import { pseudonymOf } from '$lib/server/queries/learner-ids.ts';
import { getDb } from '$lib/server/db/index.ts';

// Who is signed in, for the navigation: role, email and their own home page only.
export const load: LayoutServerLoad = async ({ locals }) => ({
	user: locals.user
		? {
				email: locals.user.email,
				role: locals.user.role,
				providerId: locals.user.providerId,
				home:
					locals.user.role === 'learner'
						? homeOf(locals.user, await pseudonymOf(await getDb(), locals.user.learnerId))
						: null
			}
		: null
});
