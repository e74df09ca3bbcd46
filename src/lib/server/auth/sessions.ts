// Server-side sessions: the cookie holds a random token; the database holds only its sha256, so
// a copy of the database opens no session. Sessions expire (absolute lifetime, sliding while
// used) and "sign out everywhere" deletes them all.
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { sessions, users } from '../db/schema.ts';
import type { Role, SessionUser } from './roles.ts';

export const SESSION_COOKIE = 'stackwise_session';
/** A session lasts this long after its last use … */
export const SESSION_IDLE_MS = 12 * 60 * 60_000;
/** … and never longer than this after sign-in. */
export const SESSION_MAX_MS = 7 * 24 * 60 * 60_000;

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(
	db: Db,
	userId: number,
	now = new Date()
): Promise<{ token: string; expiresAt: Date }> {
	const token = randomBytes(32).toString('base64url');
	const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS);
	await db.orm.insert(sessions).values({ id: digest(token), userId, createdAt: now, expiresAt });
	return { token, expiresAt };
}

/** The signed-in user of a token, extending the session while it is used; null when none. */
export async function validateSession(
	db: Db,
	token: string,
	now = new Date()
): Promise<{ user: SessionUser; expiresAt: Date } | null> {
	const id = digest(token);
	const [row] = await db.orm
		.select({
			expiresAt: sessions.expiresAt,
			createdAt: sessions.createdAt,
			user: {
				id: users.id,
				email: users.email,
				role: users.role,
				providerId: users.providerId,
				learnerId: users.learnerId,
				disabled: users.disabled,
				language: users.language,
				digits: users.digits
			}
		})
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.where(and(eq(sessions.id, id), gt(sessions.expiresAt, now)));
	if (!row || row.user.disabled) return null;
	const expiresAt = new Date(
		Math.min(now.getTime() + SESSION_IDLE_MS, row.createdAt.getTime() + SESSION_MAX_MS)
	);
	// Extend at most once a minute per session: reads stay reads.
	if (expiresAt.getTime() - row.expiresAt.getTime() > 60_000)
		await db.orm.update(sessions).set({ expiresAt }).where(eq(sessions.id, id));
	const { disabled: _, ...user } = row.user;
	return { user: { ...user, role: user.role as Role }, expiresAt };
}

export async function deleteSession(db: Db, token: string) {
	await db.orm.delete(sessions).where(eq(sessions.id, digest(token)));
}

/** Sign out everywhere. */
export async function deleteUserSessions(db: Db, userId: number) {
	await db.orm.delete(sessions).where(eq(sessions.userId, userId));
}

export async function deleteExpiredSessions(db: Db, now = new Date()) {
	await db.orm.delete(sessions).where(lt(sessions.expiresAt, now));
}

export const countSessions = async (db: Db, userId: number) =>
	Number(
		(await db.query<{ n: number }>(sql`select count(*)::int as n from sessions where user_id = ${userId}`))[0]
			.n
	);
