// Demo mode (STACKWISE_DEMO=1) creates one account per role so the app can be shown without
// setting anything up. Never in a real deployment: the password is in the README.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { audit } from './audit.ts';
import { createUser, findUserByEmail } from './users.ts';
import type { Role } from './roles.ts';

export const DEMO_PASSWORD = 'stackwise-demo';
const DEMO_DOMAIN = '@demo.stackwise';
export const demoEmail = (role: Role) => `${role}${DEMO_DOMAIN}`;

export async function ensureDemoAccounts(db: Db, log: (line: string) => void = console.log) {
	// The provider is the one with most enrolments; the learner one of theirs with several.
	const [provider] = await db.query<{ id: string }>(
		sql`select coalesce(e.provider_id, c.provider_id) as id from enrolments e join credentials c on c.id = e.credential_id where coalesce(e.provider_id, c.provider_id) is not null group by 1 order by count(*) desc, 1 limit 1`
	);
	const [learner] = await db.query<{ id: string }>(
		sql`select e.learner_id as id from enrolments e join learners l on l.id = e.learner_id group by 1 order by count(*) desc, 1 limit 1`
	);
	const wanted: { role: Role; providerId?: string; learnerId?: string }[] = [
		{ role: 'admin' },
		{ role: 'policymaker' },
		...(provider ? [{ role: 'provider' as const, providerId: provider.id }] : []),
		...(learner ? [{ role: 'learner' as const, learnerId: learner.id }] : [])
	];
	for (const account of wanted) {
		if (await findUserByEmail(db, demoEmail(account.role))) continue;
		await createUser(db, { email: demoEmail(account.role), password: DEMO_PASSWORD, ...account });
		log(`Stackwise demo mode: account ${demoEmail(account.role)} (password "${DEMO_PASSWORD}")`);
	}
}

/**
 * Outside demo mode the demo accounts must not exist: their password is public. A database once
 * started in demo mode loses them (and their sessions) at the next ordinary start.
 */
export async function removeDemoAccounts(db: Db, log: (line: string) => void = console.log) {
	const removed = await db.query<{ email: string }>(
		sql`delete from users where email like ${'%' + DEMO_DOMAIN} returning email`
	);
	for (const { email } of removed)
		await audit(db, { userId: null, action: 'user-deleted', detail: { email, reason: 'not in demo mode' } });
	if (removed.length) log(`Stackwise: removed ${removed.length} demo accounts (not in demo mode)`);
}
