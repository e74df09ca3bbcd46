// Signing in and out, shared by the login, setup and account pages.
import type { Cookies } from '@sveltejs/kit';
import type { Db } from '../db/client.ts';
import { audit } from './audit.ts';
import { verifyPassword } from './passwords.ts';
import {
	ACCOUNT_FREE_ATTEMPTS,
	ADDRESS_FREE_ATTEMPTS,
	admitAttempt,
	clearAttempts,
	forgiveAttempt,
	isKnownAddress,
	rememberAddress
} from './sign-in-limits.ts';
import type { SessionUser } from './roles.ts';
import {
	SESSION_COOKIE,
	SESSION_MAX_MS,
	createSession,
	deleteSession,
	deleteUserSessions
} from './sessions.ts';
import { findUserByEmail } from './users.ts';

/** One message whatever went wrong, so nobody can learn which emails have accounts. */
export const SIGN_IN_FAILED = 'That email and password do not match an account.';

export type SignInResult =
	{ ok: true; user: SessionUser } | { ok: false; message: string; retryAfterSeconds?: number };

export async function signIn(
	db: Db,
	{
		email,
		password,
		address,
		cookies,
		secure,
		signedInAs = null
	}: {
		email: string;
		password: string;
		address: string;
		cookies: Cookies;
		secure: boolean;
		/** The user whose session the request already carries, if any (a known-good session). */
		signedInAs?: number | null;
	}
): Promise<SignInResult> {
	const accountKey = email.trim().toLowerCase();
	const tooMany = (wait: number): SignInResult => ({
		ok: false,
		message: `Too many attempts. Try again in ${Math.ceil(wait / 60_000)} minute(s).`,
		retryAfterSeconds: Math.ceil(wait / 1000)
	});
	// Each attempt is admitted in the database before any password is checked: first the address's
	// count, then the account's, unless the account knows this session or address (its delay is
	// for strangers; their guesses must not keep the owner out).
	const addressWait = await admitAttempt(db, `address:${address}`, ADDRESS_FREE_ATTEMPTS);
	if (addressWait > 0) return tooMany(addressWait);
	const user = await findUserByEmail(db, accountKey);
	const knownGood =
		user !== undefined && (signedInAs === user.id || (await isKnownAddress(db, user.id, address)));
	if (!knownGood) {
		const accountWait = await admitAttempt(db, `account:${accountKey}`, ACCOUNT_FREE_ATTEMPTS);
		if (accountWait > 0) return tooMany(accountWait);
	}
	const valid = await verifyPassword(user && !user.disabled ? user.passwordHash : null, password);
	if (!user || !valid || user.disabled) {
		await audit(db, { userId: user?.id ?? null, action: 'sign-in-failed', detail: { address } });
		return { ok: false, message: SIGN_IN_FAILED };
	}
	await clearAttempts(db, `account:${accountKey}`);
	await forgiveAttempt(db, `address:${address}`, ADDRESS_FREE_ATTEMPTS);
	await rememberAddress(db, user.id, address);
	await startSession(db, user.id, cookies, secure);
	await audit(db, { userId: user.id, action: 'sign-in', detail: { address } });
	return {
		ok: true,
		user: {
			id: user.id,
			email: user.email,
			role: user.role as SessionUser['role'],
			providerId: user.providerId,
			learnerId: user.learnerId
		}
	};
}

export async function startSession(db: Db, userId: number, cookies: Cookies, secure: boolean) {
	const { token } = await createSession(db, userId);
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure,
		maxAge: Math.floor(SESSION_MAX_MS / 1000)
	});
}

export async function signOut(
	db: Db,
	{ cookies, user, everywhere }: { cookies: Cookies; user: SessionUser | null; everywhere: boolean }
) {
	const token = cookies.get(SESSION_COOKIE);
	if (everywhere && user) await deleteUserSessions(db, user.id);
	else if (token) await deleteSession(db, token);
	cookies.delete(SESSION_COOKIE, { path: '/' });
	if (user) await audit(db, { userId: user.id, action: everywhere ? 'sign-out-everywhere' : 'sign-out' });
}

/** Where a user lands after signing in (unless they were on their way somewhere). */
export function homeOf(user: SessionUser, pseudonym: string | null): string {
	switch (user.role) {
		case 'admin':
		case 'policymaker':
			return '/system';
		case 'provider':
			return `/providers/${encodeURIComponent(user.providerId ?? '')}`;
		case 'learner':
			return `/learners/${encodeURIComponent(pseudonym ?? user.learnerId ?? '')}`;
	}
}

/** The longest `next` kept: a link into the app is short; anything longer is not ours. */
const NEXT_MAX = 2000;
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const BASE = 'http://stackwise.invalid';

/**
 * Only same-site paths, so a crafted link cannot send someone elsewhere after signing in
 * (ASVS 5.1.5). `next` is parsed as a URL the way the browser will read the Location header, and
 * kept only when it stays on this origin; control characters are refused outright, since browsers
 * drop a tab or newline inside a URL ("/\t/evil.example" is "//evil.example") and a CR or LF
 * cannot go into a header at all.
 */
export function safeNext(next: string | null): string | null {
	if (!next || next.length > NEXT_MAX || !next.startsWith('/') || CONTROL.test(next)) return null;
	let url: URL;
	try {
		url = new URL(next, BASE);
	} catch {
		return null;
	}
	if (url.origin !== BASE) return null;
	const path = url.pathname + url.search + url.hash;
	// The serialised path must read back as itself (no "//host" the parser made from "/\\host").
	return path.startsWith('//') ? null : path;
}
