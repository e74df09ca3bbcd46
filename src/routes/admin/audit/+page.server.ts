import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { getAuditLog } from '$lib/server/auth/audit.ts';
import { listUsers } from '$lib/server/auth/users.ts';

export const load: PageServerLoad = async () => {
	const db = await getDb();
	const [entries, users] = await Promise.all([getAuditLog(db), listUsers(db)]);
	return { entries, emails: Object.fromEntries(users.map((u) => [u.id, u.email])) };
};
