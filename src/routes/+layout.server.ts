import type { LayoutServerLoad } from './$types';

// Who is signed in, for the navigation: role and email only.
export const load: LayoutServerLoad = async ({ locals }) => ({
	user: locals.user
		? { email: locals.user.email, role: locals.user.role, providerId: locals.user.providerId }
		: null
});
