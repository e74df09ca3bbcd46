import type { LayoutServerLoad } from './$types';
import { homeOf } from '$lib/server/auth/sign-in.ts';
import { pseudonymOf } from '$lib/server/queries/learner-ids.ts';
import { getDb } from '$lib/server/db/index.ts';
import { rollupsPending } from '$lib/server/rollups.ts';
import { DIGITS_COOKIE, chooseDigits } from '$lib/i18n/choose.ts';

// The digits the pages are written in (for the language switcher); who is signed in, for the navigation: role, email and their own home page only; and, for those
// who read the dashboards, whether an import's figures are still being counted.
export const load: LayoutServerLoad = async ({ locals, cookies }) => ({
	digits: chooseDigits({ account: locals.user?.digits, cookie: cookies.get(DIGITS_COOKIE) }),
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
		: null,
	countingAfterImport:
		locals.user && locals.user.role !== 'learner' ? await rollupsPending((await getDb()).orm) : false
});
