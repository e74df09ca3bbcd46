// Demo accounts have a published password: they exist only while the app runs in demo mode.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAuditLog } from '../../src/lib/server/auth/audit.ts';
import { ensureDemoAccounts, removeDemoAccounts } from '../../src/lib/server/auth/demo.ts';
import { countSessions, createSession } from '../../src/lib/server/auth/sessions.ts';
import { createUser, findUserByEmail } from '../../src/lib/server/auth/users.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import { engines } from './engines.ts';

describe.each(engines)('demo accounts on $name', (engine) => {
	let db: Db;
	beforeAll(async () => {
		db = await engine.open();
	});
	afterAll(async () => {
		await db?.close();
	});

	it('are created in demo mode and removed, with their sessions, at the next ordinary start', async () => {
		const quiet = () => {};
		const owner = await createUser(db, {
			email: 'owner@example.org',
			password: 'a real long password',
			role: 'admin'
		});
		await ensureDemoAccounts(db, quiet);
		// An empty database has no provider or learner to attach, so only these two exist.
		const admin = await findUserByEmail(db, 'admin@demo.stackwise');
		expect(admin?.role).toBe('admin');
		expect((await findUserByEmail(db, 'policymaker@demo.stackwise'))?.role).toBe('policymaker');
		await createSession(db, admin!.id);
		expect(await countSessions(db, admin!.id)).toBe(1);

		const lines: string[] = [];
		await removeDemoAccounts(db, (l) => lines.push(l));
		expect(await findUserByEmail(db, 'admin@demo.stackwise')).toBeUndefined();
		expect(await findUserByEmail(db, 'policymaker@demo.stackwise')).toBeUndefined();
		expect(await countSessions(db, admin!.id)).toBe(0);
		expect(await findUserByEmail(db, owner.email)).not.toBeNull();
		expect(lines).toEqual(['Stackwise: removed 2 demo accounts (not in demo mode)']);
		const deleted = (await getAuditLog(db)).filter((e) => e.action === 'user-deleted');
		expect(deleted.map((e) => (e.detail as { email: string }).email).sort()).toEqual([
			'admin@demo.stackwise',
			'policymaker@demo.stackwise'
		]);

		// Nothing left to remove: a second ordinary start says nothing.
		lines.length = 0;
		await removeDemoAccounts(db, (l) => lines.push(l));
		expect(lines).toEqual([]);
	});
});
