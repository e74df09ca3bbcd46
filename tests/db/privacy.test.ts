// Accounts, sessions, consent, retention and the audit log, on both engines.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAuditLog } from '../../src/lib/server/auth/audit.ts';
import { verifyPassword } from '../../src/lib/server/auth/passwords.ts';
import {
	SESSION_IDLE_MS,
	SESSION_MAX_MS,
	countSessions,
	createSession,
	deleteSession,
	deleteUserSessions,
	validateSession
} from '../../src/lib/server/auth/sessions.ts';
import { createUser, findUserByEmail, setUserDisabled, UserError } from '../../src/lib/server/auth/users.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import { bundledDataPath, collectFiles, importFiles } from '../../src/lib/server/import/index.ts';
import { applyRetention, setAnalyticsConsent } from '../../src/lib/server/privacy.ts';
import { getCompletionCounts } from '../../src/lib/server/queries/completion.ts';
import { SYSTEM } from '../../src/lib/server/queries/scope.ts';
import { engines } from './engines.ts';

describe.each(engines)('accounts and privacy on $name', (engine) => {
	let db: Db;
	beforeAll(async () => {
		db = await engine.open();
		const { reports } = await importFiles(db, collectFiles([bundledDataPath()]));
		expect(reports[0].status).toBe('succeeded');
	});
	afterAll(async () => {
		await db?.close();
	});

	it('creates accounts with argon2id hashes and refuses bad input with the field named', async () => {
		const user = await createUser(db, {
			email: ' Policy@Example.org ',
			password: 'correct horse battery',
			role: 'policymaker'
		});
		expect(user.email).toBe('policy@example.org');
		const stored = await findUserByEmail(db, 'POLICY@example.org');
		expect(stored!.passwordHash).toMatch(/^\$argon2id\$/);
		expect(await verifyPassword(stored!.passwordHash, 'correct horse battery')).toBe(true);
		expect(await verifyPassword(stored!.passwordHash, 'wrong')).toBe(false);
		expect(await verifyPassword(null, 'anything')).toBe(false);
		await expect(
			createUser(db, { email: 'x@example.org', password: 'short', role: 'admin' })
		).rejects.toThrow(/password: must be at least 12/);
		await expect(
			createUser(db, { email: 'p@example.org', password: 'long enough password', role: 'provider' })
		).rejects.toThrow(/providerId/);
		await expect(
			createUser(db, {
				email: 'p@example.org',
				password: 'long enough password',
				role: 'provider',
				providerId: 'nope'
			})
		).rejects.toThrow(UserError);
		await expect(
			createUser(db, { email: 'policy@example.org', password: 'another long one', role: 'admin' })
		).rejects.toThrow(/exists/);
		const provider = await createUser(db, {
			email: 'ou@example.org',
			password: 'long enough password',
			role: 'provider',
			providerId: 'open-university'
		});
		expect(provider.providerId).toBe('open-university');
	});

	it('keeps sessions server-side, expires them, and signs out everywhere', async () => {
		const user = (await findUserByEmail(db, 'policy@example.org'))!;
		const t0 = new Date('2026-01-01T00:00:00Z');
		const a = await createSession(db, user.id, t0);
		const b = await createSession(db, user.id, t0);
		const [row] = await db.query<{ id: string }>(sql`select id from sessions limit 1`);
		expect(row.id).not.toBe(a.token); // only the token's hash is stored
		expect((await validateSession(db, a.token, new Date(t0.getTime() + 60_000)))?.user.email).toBe(
			'policy@example.org'
		);
		// Idle past the limit: gone.
		expect(await validateSession(db, b.token, new Date(t0.getTime() + SESSION_IDLE_MS + 1))).toBeNull();
		// Used every few hours it slides, but never past the absolute limit.
		let now = t0.getTime();
		while (now < t0.getTime() + SESSION_MAX_MS - SESSION_IDLE_MS / 2) {
			now += SESSION_IDLE_MS / 2;
			expect(await validateSession(db, a.token, new Date(now))).not.toBeNull();
		}
		expect(await validateSession(db, a.token, new Date(t0.getTime() + SESSION_MAX_MS + 1))).toBeNull();
		const c = await createSession(db, user.id);
		await deleteSession(db, c.token);
		expect(await validateSession(db, c.token)).toBeNull();
		await createSession(db, user.id);
		await createSession(db, user.id);
		await deleteUserSessions(db, user.id);
		expect(await countSessions(db, user.id)).toBe(0);
		const d = await createSession(db, user.id);
		await setUserDisabled(db, user.id, true, null);
		expect(await validateSession(db, d.token)).toBeNull();
		await setUserDisabled(db, user.id, false, null);
	});

	it('removes a learner who opts out from every aggregate, and restores them on opt-in', async () => {
		const before = await getCompletionCounts(db, { scope: SYSTEM, by: ['disability'] });
		const y = (cells: typeof before) => cells.find((c) => c.groups[0] === 'Y')!;
		// oulad-30268: disability Y, withdrawn from AAA 2013J.
		expect(await setAnalyticsConsent(db, 'oulad-30268', false, null)).toBe(true);
		const after = await getCompletionCounts(db, { scope: SYSTEM, by: ['disability'] });
		expect(y(after).known).toBe(y(before).known - 1);
		expect(y(after).learners).toBe(y(before).learners - 1);
		await setAnalyticsConsent(db, 'oulad-30268', true, null);
		expect(y(await getCompletionCounts(db, { scope: SYSTEM, by: ['disability'] }))).toEqual(y(before));
		expect(await setAnalyticsConsent(db, 'no-such-learner', false, null)).toBe(false);
	});

	it('deletes enrolments past the retention period with their awards, learners and imports', async () => {
		// As if today were 2016-03-01 with a two-year period: everything started before 2014-03-01 goes.
		const result = await applyRetention(db, { years: 2, today: new Date('2016-03-01T00:00:00Z') });
		expect(result.cutoff).toBe('2014-03-01');
		// 2013B + 2013J + 2014B (starts 2014-02-01) registrations.
		expect(result.enrolments).toBe(4684 + 8845 + 7804);
		const [left] = await db.query<{ n: number; old: number }>(
			sql`select count(*)::int as n, count(*) filter (where started_on < '2014-03-01')::int as old from enrolments`
		);
		expect(left).toEqual({ n: 11260, old: 0 });
		const [orphans] = await db.query<{ n: number }>(
			sql`select count(*)::int as n from learners l where not exists (select 1 from enrolments e where e.learner_id = l.id)`
		);
		expect(orphans.n).toBe(0);
		expect(result.awards).toBeGreaterThan(0);
		// The OULAD import still brought the 2014J rows, so its record stays.
		expect(result.imports).toBe(0);
		const all = await applyRetention(db, { years: 1, today: new Date('2030-01-01T00:00:00Z') });
		expect(all.imports).toBe(1);
		const [{ n }] = await db.query<{ n: number }>(
			sql`select count(*)::int as n from imports where format = 'oulad'`
		);
		expect(n).toBe(0);
	});

	it('audits user changes, consent changes and retention', async () => {
		const actions = (await getAuditLog(db)).map((e) => e.action);
		for (const action of ['import', 'user-created', 'user-changed', 'consent-changed', 'retention'])
			expect(actions).toContain(action);
	});
});
