import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { listUsers } from '$lib/server/auth/users.ts';
import { ROLES } from '$lib/server/auth/roles.ts';
import { userAdminActions } from '$lib/server/auth/user-admin.ts';

export const load: PageServerLoad = async () => ({ users: await listUsers(await getDb()), roles: ROLES });

export const actions: Actions = {
	create: async ({ request, locals }) =>
		userAdminActions.create(await getDb(), await request.formData(), locals.user!.id),
	disable: async ({ request, locals }) =>
		userAdminActions.disable(await getDb(), await request.formData(), locals.user!.id),
	delete: async ({ request, locals }) =>
		userAdminActions.delete(await getDb(), await request.formData(), locals.user!.id)
};
