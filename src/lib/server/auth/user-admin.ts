// The administrator's account forms (/admin/users): create an account, disable or enable one,
// delete one — never the administrator's own, which would lock them out. The form's own refusals
// are in the administrator's language (the action runs in the request's); createUser's name a
// field and stay English, flagged `english` so the page marks them so.
import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import type { Role } from './roles.ts';
import { createUser, deleteUser, setUserDisabled, UserError } from './users.ts';

const idForm = z.object({ id: z.coerce.number().int().positive() });

/** The account a form names, or why it names none (the administrator's own is not theirs to change). */
function accountOf(form: FormData, actorId: number, ownRefusal: () => string) {
	const parsed = idForm.safeParse(Object.fromEntries(form));
	if (!parsed.success) return { refusal: fail(400, { message: m.admin_users_no_such_account() }) };
	if (parsed.data.id === actorId) return { refusal: fail(400, { message: ownRefusal() }) };
	return { id: parsed.data.id };
}

export const userAdminActions = {
	async create(db: Db, form: FormData, actorId: number) {
		const field = (name: string) => (form.get(name) ? String(form.get(name)) : null);
		try {
			await createUser(
				db,
				{
					email: field('email') ?? '',
					password: field('password') ?? '',
					// createUser checks it against the roles.
					role: (field('role') ?? '') as Role,
					providerId: field('providerId'),
					learnerId: field('learnerId')
				},
				actorId
			);
			return { created: field('email') ?? '' };
		} catch (e) {
			if (e instanceof UserError) return fail(400, { message: e.message, english: true });
			throw e;
		}
	},
	async disable(db: Db, form: FormData, actorId: number) {
		const account = accountOf(form, actorId, m.admin_users_cannot_disable_own);
		if (account.refusal) return account.refusal;
		await setUserDisabled(db, account.id, form.get('enable') !== 'yes', actorId);
		return {};
	},
	async delete(db: Db, form: FormData, actorId: number) {
		const account = accountOf(form, actorId, m.admin_users_cannot_delete_own);
		if (account.refusal) return account.refusal;
		await deleteUser(db, account.id, actorId);
		return {};
	}
};
