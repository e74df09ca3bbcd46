// The sign-in limit in the database (docs/decisions/0013-atomic-sign-in-limit.md): 150 parallel guesses checked 21
// passwords against one account (the in-memory counter was read before and written after each
// slow check), and the account lock refused the right password for 15 minutes, so anyone could
// lock out a known account. Now one atomic update admits each attempt; past the free attempts an
// account waits a growing delay instead, and its known addresses are not held back by it.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db/client.ts';
import {
	ACCOUNT_FREE_ATTEMPTS,
	FIRST_DELAY_MS,
	admitAttempt,
	clearAttempts,
	isKnownAddress,
	rememberAddress
} from '../../src/lib/server/auth/sign-in-limits.ts';
import { createUser } from '../../src/lib/server/auth/users.ts';
import { engines } from './engines.ts';

describe.each(engines)('sign-in limits on $name', (engine) => {
	let db: Db;
	beforeAll(async () => {
		db = await engine.open();
	});
	afterAll(async () => {
		await db?.close();
	});
	/** The attempts a key has had admitted, and the delay its last admission set. */
	const delayOf = async (key: string) =>
		(
			await db.query<{ attempts: number; delay_ms: number }>(
				sql`select attempts, (extract(epoch from (next_at - updated_at)) * 1000)::int as delay_ms
					from sign_in_limits where key = ${key}`
			)
		).map((r) => ({ attempts: Number(r.attempts), delay_ms: Number(r.delay_ms) }))[0];

	it('admits exactly the free attempts of 150 at once, then asks the next to wait the first delay', async () => {
		const waits = await Promise.all(
			Array.from({ length: 150 }, () => admitAttempt(db, 'account:race@test', ACCOUNT_FREE_ATTEMPTS))
		);
		expect(waits.filter((w) => w === 0)).toHaveLength(ACCOUNT_FREE_ATTEMPTS);
		for (const wait of waits.filter((w) => w > 0)) expect(wait).toBeLessThanOrEqual(FIRST_DELAY_MS);
		// The tenth admission set the first delay (measured in the row, not by the clock of a busy test).
		expect(await delayOf('account:race@test')).toEqual({
			attempts: ACCOUNT_FREE_ATTEMPTS,
			delay_ms: FIRST_DELAY_MS
		});
	});

	it('grows the delay with each attempt admitted after the free ones, and forgets on success', async () => {
		const key = 'account:slow@test';
		for (let i = 0; i < ACCOUNT_FREE_ATTEMPTS; i++)
			expect(await admitAttempt(db, key, ACCOUNT_FREE_ATTEMPTS)).toBe(0);
		// As if the first delay had passed: the next is admitted, and the one after waits twice as long.
		await db.query(sql`update sign_in_limits set next_at = now() where key = ${key}`);
		expect(await admitAttempt(db, key, ACCOUNT_FREE_ATTEMPTS)).toBe(0);
		expect(await delayOf(key)).toEqual({ attempts: ACCOUNT_FREE_ATTEMPTS + 1, delay_ms: 2 * FIRST_DELAY_MS });
		const wait = await admitAttempt(db, key, ACCOUNT_FREE_ATTEMPTS);
		expect(wait).toBeGreaterThan(0);
		expect(wait).toBeLessThanOrEqual(2 * FIRST_DELAY_MS);
		await clearAttempts(db, key);
		expect(await admitAttempt(db, key, ACCOUNT_FREE_ATTEMPTS)).toBe(0);
	});

	it('remembers the addresses an account signed in from', async () => {
		const user = await createUser(db, {
			email: 'known-address@test.stackwise',
			password: 'a long enough password',
			role: 'policymaker'
		});
		expect(await isKnownAddress(db, user.id, '10.9.9.9')).toBe(false);
		await rememberAddress(db, user.id, '10.9.9.9');
		await rememberAddress(db, user.id, '10.9.9.9');
		expect(await isKnownAddress(db, user.id, '10.9.9.9')).toBe(true);
		expect(await isKnownAddress(db, user.id, '10.9.9.8')).toBe(false);
	});
});
