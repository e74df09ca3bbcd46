// Sign-in attempts are limited per account and per address, in the database, so every app process
// shares one count and parallel guesses cannot race past it: each attempt is admitted (or not) by
// one atomic update of its key's row before any password is checked. After the free attempts a
// key waits a delay that doubles with each attempt admitted (15 s, 30 s, … up to 15 minutes);
// a quiet window forgets it. There is no lock: an account's delay does not hold back an address
// it has signed in from before (sign-in.ts), so nobody can lock a known account's owner out.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';

/** Attempts an account gets before its delay starts. */
export const ACCOUNT_FREE_ATTEMPTS = 10;
/** Attempts an address gets before its delay starts (a shared NAT has many people). */
export const ADDRESS_FREE_ATTEMPTS = 30;
/** The first delay; each attempt admitted after it doubles the next, up to MAX_DELAY_MS. */
export const FIRST_DELAY_MS = 15_000;
export const MAX_DELAY_MS = 15 * 60_000;
/** A key left alone this long starts again with its free attempts. */
export const QUIET_WINDOW_MS = 15 * 60_000;

/**
 * Admits one attempt for `key`: 0 when it may go ahead, else the milliseconds until it may. The
 * row is updated only when the attempt is admitted, and only while the delay has passed, so of
 * any number of attempts at once exactly the free ones get through.
 */
export async function admitAttempt(db: Db, key: string, free: number): Promise<number> {
	const quiet = sql`s.updated_at < now() - make_interval(secs => ${QUIET_WINDOW_MS / 1000})`;
	// The delay after the n-th admitted attempt: none within the free ones, then doubling.
	const delayAfter = (n: SQL) =>
		sql`case when ${n} < ${free} then interval '0'
			else make_interval(secs => least(${FIRST_DELAY_MS / 1000}::float8 * power(2, ${n} - ${free}), ${MAX_DELAY_MS / 1000})) end`;
	const admitted = await db.query<{ attempts: number }>(sql`
		insert into sign_in_limits as s (key, attempts, next_at, updated_at)
		values (${key}, 1, now() + ${delayAfter(sql`1`)}, now())
		on conflict (key) do update set
			attempts = case when ${quiet} then 1 else s.attempts + 1 end,
			next_at = now() + (case when ${quiet} then ${delayAfter(sql`1`)} else ${delayAfter(sql`(s.attempts + 1)`)} end),
			updated_at = now()
		where s.next_at <= now() or ${quiet}
		returning attempts`);
	if (admitted.length > 0) return 0;
	const [row] = await db.query<{ wait_ms: number }>(
		sql`select greatest(0, ceil(extract(epoch from (next_at - now())) * 1000))::float8 as wait_ms
			from sign_in_limits where key = ${key}`
	);
	return Math.max(1, Number(row?.wait_ms ?? 1));
}

/** Forgets a key's attempts (an account after its right password). */
export async function clearAttempts(db: Db, key: string) {
	await db.query(sql`delete from sign_in_limits where key = ${key}`);
}

/** Gives back one attempt that succeeded (an address: its right passwords are no guesses). */
export async function forgiveAttempt(db: Db, key: string, free: number) {
	await db.query(sql`update sign_in_limits set attempts = greatest(attempts - 1, 0),
		next_at = case when attempts - 1 < ${free} then now() else next_at end
		where key = ${key}`);
}

/** Whether the account has signed in from this address before. */
export async function isKnownAddress(db: Db, userId: number, address: string): Promise<boolean> {
	const rows = await db.query(
		sql`select 1 from known_sign_in_addresses where user_id = ${userId} and address = ${address}`
	);
	return rows.length > 0;
}

// `excluded.last_at`, not a second now(): Citus takes no volatile function in DO UPDATE SET.
export async function rememberAddress(db: Db, userId: number, address: string) {
	await db.query(sql`insert into known_sign_in_addresses (user_id, address, last_at)
		values (${userId}, ${address}, now())
		on conflict (user_id, address) do update set last_at = excluded.last_at`);
}
