// What /account shows of the signed-in account: who it is and, for a learner, their analytics consent.
import { sql } from 'drizzle-orm';
import type { SessionUser } from '../auth/roles.ts';
import type { Db } from '../db/client.ts';

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
