// What /account shows of the signed-in account (who it is and, for a learner, their analytics
// consent) and the language it keeps.
import { eq, sql } from 'drizzle-orm';
import type { SessionUser } from '../auth/roles.ts';
import type { Db } from '../db/client.ts';
import { users } from '../db/schema.ts';

export async function getAccount(db: Db, user: SessionUser) {
	let consent: boolean | null = null;
	if (user.learnerId) {
		const [row] = await db.query<{ c: boolean }>(
			sql`select analytics_consent as c from learners where id = ${user.learnerId}`
		);
		consent = row?.c ?? null;
	}
	return { email: user.email, role: user.role, consent };
}

/** Keeps a signed-in user's language and digits with their account, so the choice follows them. */
export async function saveLanguage(db: Db, userId: number, choice: { language: string; digits: string }) {
	await db.orm.update(users).set(choice).where(eq(users.id, userId));
}
