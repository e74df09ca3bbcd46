import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { createUser, deleteUser, listUsers, setUserDisabled, UserError } from '$lib/server/auth/users.ts';
import { ROLES } from '$lib/server/auth/roles.ts';

export const load: PageServerLoad = async () => ({ users: await listUsers(await getDb()), roles: ROLES });

const idForm = z.object({ id: z.coerce.number().int().positive() });

export const actions: Actions = {
	create: async ({ request, locals }) => {
		const form = Object.fromEntries(await request.formData());
		try {
			await createUser(
				await getDb(),
				{
					email: String(form.email ?? ''),
					password: String(form.password ?? ''),
					role: String(form.role ?? '') as (typeof ROLES)[number],
					providerId: form.providerId ? String(form.providerId) : null,
					learnerId: form.learnerId ? String(form.learnerId) : null
				},
				locals.user!.id
			);
			return { created: String(form.email) };
		} catch (e) {
			if (e instanceof UserError) return fail(400, { message: e.message });
			throw e;
		}
	},
	disable: async ({ request, locals }) => {
		const form = await request.formData();
		const parsed = idForm.safeParse(Object.fromEntries(form));
		if (!parsed.success) return fail(400, { message: 'No such account.' });
		if (parsed.data.id === locals.user!.id)
			return fail(400, { message: 'You cannot disable your own account.' });
		await setUserDisabled(await getDb(), parsed.data.id, form.get('enable') !== 'yes', locals.user!.id);
		return {};
	},
	delete: async ({ request, locals }) => {
		const parsed = idForm.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { message: 'No such account.' });
		if (parsed.data.id === locals.user!.id)
			return fail(400, { message: 'You cannot delete your own account.' });
		await deleteUser(await getDb(), parsed.data.id, locals.user!.id);
		return {};
	}
};
