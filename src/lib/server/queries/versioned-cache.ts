// Results reused while the data they count is unchanged: a dashboard page asks a dozen questions,
// some of them (stacking, issuance, flows) still over the base tables, and fifty people opening
// the same view should not ask them fifty times; the recommender's model takes seconds to build.
// Each result is kept with the data version it was counted at (rollups.ts dataVersion: one
// primary-key read per call), so the first call after an import, a consent change or retention —
// in this process or a CLI in another — counts afresh, and no one is shown figures older than the
// data. A result is shared by every caller: it must not be changed.
import type { Db } from '../db/client.ts';
import { dataVersion } from '../rollups.ts';

type Entry = { db: Db; version: string; value: Promise<unknown> };

/** Enough for every filter combination a busy day asks; the least recently used goes first. */
const MAX_ENTRIES = 200;
const entries = new Map<string, Entry>();

/**
 * `compute()`'s result for `key` (everything the result depends on: the question, the scope and
 * the suppression it is asked under), counted again when the data version has moved.
 */
export async function cachedForDataVersion<T>(db: Db, key: string, compute: () => Promise<T>): Promise<T> {
	const version = await dataVersion(db.orm);
	const entry = entries.get(key);
	entries.delete(key);
	if (entry && entry.db === db && entry.version === version) {
		entries.set(key, entry);
		return entry.value as Promise<T>;
	}
	const value = compute();
	entries.set(key, { db, version, value });
	if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
	// A failed count is not kept: the next call tries again.
	value.catch(() => {
		if (entries.get(key)?.value === value) entries.delete(key);
	});
	return value;
}

/** Drops the kept results whose key starts with `prefix` (a benchmark timing a cold build). */
export function forgetCached(prefix: string): void {
	for (const key of [...entries.keys()]) if (key.startsWith(prefix)) entries.delete(key);
}
