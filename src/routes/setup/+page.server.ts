import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { startSession } from '$lib/server/auth/sign-in.ts';
import { countUsers, createUser, UserError } from '$lib/server/auth/users.ts';
import { audit } from '$lib/server/auth/audit.ts';
import { m } from '$lib/paraglide/messages.js';

// First run only: while no account exists, whoever opens the app creates the administrator
// (or run `npx stackwise user add --role admin …`). Afterwards this page is gone.
export const load: PageServerLoad = async () => {
	if ((await countUsers(await getDb())) > 0) error(404, 'Not found');
	return {};
};

export const actions: Actions = {
	default: async ({ request, cookies, url }) => {
		const db = await getDb();
		if ((await countUsers(db)) > 0) error(404, 'Not found');
		const form = await request.formData();
		const password = String(form.get('password') ?? '');
		if (password !== String(form.get('confirm') ?? ''))
			return fail(400, { message: m.setup_passwords_differ(), english: false });
		try {
			const user = await createUser(db, { email: String(form.get('email') ?? ''), password, role: 'admin' });
			await startSession(db, user.id, cookies, url.protocol === 'https:');
			await audit(db, { userId: user.id, action: 'sign-in', detail: { firstRun: true } });
		} catch (e) {
			// The account rules' messages name the field (`email: …`) and stay English, as server errors do.
			if (e instanceof UserError) return fail(400, { message: e.message, english: true });
			throw e;
		}
		redirect(303, '/system');
	}
};
