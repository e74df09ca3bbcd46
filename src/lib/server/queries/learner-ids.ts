// Learner ids as each viewer may see them: admins the id, everyone else the pseudonym.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';

export async function pseudonymOf(db: Db, learnerId: string | null): Promise<string | null> {
	if (!learnerId) return null;
	const [row] = await db.query<{ pseudonym: string }>(
		sql`select pseudonym from learners where id = ${learnerId}`
	);
	return row?.pseudonym ?? null;
}

/** The id or the pseudonym, for display, depending on who looks. */
export const shownLearnerId = (learner: { id: string; pseudonym: string | null }, seesLearnerIds: boolean) =>
	seesLearnerIds ? learner.id : (learner.pseudonym ?? '(pseudonym pending)');
