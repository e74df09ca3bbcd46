// The sign-in page (/login): where a visitor who needs no sign-in goes instead, and the form that
// signs them in and sends them on (to `next` when it is one of ours, else to their home).
import { fail, redirect, type Cookies } from '@sveltejs/kit';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { pseudonymOf } from '../queries/learner-ids.ts';
import type { SessionUser } from '../auth/roles.ts';
import { homeOf, safeNext, signIn } from '../auth/sign-in.ts';
import { countUsers } from '../auth/users.ts';
import { m } from '../../paraglide/messages.js';
import { formatCount } from '../../i18n/format.ts';

const signInForm = z.object({
	email: z.string().trim().min(1).max(254),
	password: z.string().min(1).max(1024),
	next: z.string().max(2000).optional()
});

const destination = async (db: Db, next: string | null, user: SessionUser) =>
	safeNext(next) ?? homeOf(user, await pseudonymOf(db, user.learnerId));

export async function signInPage(db: Db, user: SessionUser | null, next: string | null) {
	// First run: nobody can sign in yet, so create the administrator first.
	if ((await countUsers(db)) === 0) redirect(303, '/setup');
	if (user) redirect(303, await destination(db, next, user));
	return { next: safeNext(next) };
}

export async function submitSignIn(
	db: Db,
	form: FormData,
	request: { address: string; cookies: Cookies; secure: boolean; signedInAs: number | null }
) {
	const parsed = signInForm.safeParse(Object.fromEntries(form));
	if (!parsed.success) return fail(400, { message: m.login_missing(), email: '' });
	const result = await signIn(db, { ...parsed.data, ...request });
	if (!result.ok) {
		// signIn words its refusal for the audit log and the CLI; the page says it in the reader's
		// language (the same two cases: locked out for a while, or one message for any mismatch).
		const message = result.retryAfterSeconds
			? m.login_too_many({ minutes: formatCount(Math.ceil(result.retryAfterSeconds / 60)) })
			: m.login_failed();
		return fail(result.retryAfterSeconds ? 429 : 400, { message, email: parsed.data.email });
	}
	redirect(303, await destination(db, parsed.data.next ?? null, result.user));
}
