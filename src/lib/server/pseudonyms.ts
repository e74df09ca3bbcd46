// Pseudonymous learner ids: what every view but the admin's shows instead of the id. A keyed hash
// of the id (the key is this installation's secret in app_settings, made by migration 0001),
// computed here as the learner is written — not by a trigger, which on Citus would run on a shard
// and could not read app_settings there — and recorded in learner_pseudonyms, the pseudonym →
// learner lookup (one shard on Citus; see docs/scaling.md).
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rowsOf, type Orm } from './db/client.ts';

/** 'L' and the first 16 hex digits of sha256(secret ':' id) — migration 0001's formula. */
export function pseudonymFor(secret: string, learnerId: string): string {
	return 'L' + createHash('sha256').update(`${secret}:${learnerId}`, 'utf8').digest('hex').slice(0, 16);
}

/** This installation's pseudonym key. */
export async function pseudonymSecret(tx: Orm): Promise<string> {
	const [row] = await rowsOf<{ value: string }>(
		tx,
		sql`select value from app_settings where key = 'pseudonym_secret'`
	);
	if (!row) throw new Error('app_settings has no pseudonym_secret: the migrations have not run');
	return row.value;
}

/** Records learners' pseudonyms in the lookup (learners.pseudonym is written with the row). */
export async function recordPseudonyms(
	tx: Orm,
	learners: { id: string; pseudonym: string }[]
): Promise<void> {
	for (let at = 0; at < learners.length; at += 10_000) {
		const part = learners.slice(at, at + 10_000);
		await tx.execute(sql`insert into learner_pseudonyms (pseudonym, learner_id)
			select p, l from unnest(${sql.param(part.map((l) => l.pseudonym))}::text[],
				${sql.param(part.map((l) => l.id))}::text[]) as t(p, l)
			on conflict (pseudonym) do nothing`);
	}
}

/** Gives learners written without one (by hand, in a test) their pseudonyms. */
export async function assignPseudonyms(tx: Orm, learnerIds: string[]): Promise<void> {
	const secret = await pseudonymSecret(tx);
	const learners = learnerIds.map((id) => ({ id, pseudonym: pseudonymFor(secret, id) }));
	for (const l of learners)
		await tx.execute(sql`update learners set pseudonym = ${l.pseudonym} where id = ${l.id}`);
	await recordPseudonyms(tx, learners);
}

/** Takes deleted learners' pseudonyms out of the lookup. */
export async function forgetPseudonyms(tx: Orm, pseudonyms: (string | null)[]): Promise<void> {
	const known = pseudonyms.filter((p): p is string => p !== null);
	if (known.length === 0) return;
	await tx.execute(sql`delete from learner_pseudonyms where pseudonym = any(${sql.param(known)}::text[])`);
}

/** The two lookups of a URL's key: as a learner's id, and as a pseudonym (each one shard on Citus). */
export const keyLookups = (key: string) => ({
	byId: sql`select id from learners where id = ${key}`,
	byPseudonym: sql`select learner_id as id from learner_pseudonyms where pseudonym = ${key}`
});

/** The learner a key names: their id, or their pseudonym; null for neither. Two index probes. */
export async function learnerIdOf(orm: Orm, key: string): Promise<string | null> {
	const { byId, byPseudonym } = keyLookups(key);
	const [found] = await rowsOf<{ id: string }>(orm, byId);
	if (found) return found.id;
	const [named] = await rowsOf<{ id: string }>(orm, byPseudonym);
	return named?.id ?? null;
}
