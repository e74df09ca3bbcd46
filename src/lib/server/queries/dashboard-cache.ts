// Dashboard results reused while the data they count is unchanged. A dashboard page asks a dozen
// questions, some of them (stacking, issuance, flows) still over the base tables; fifty people
// opening the same view should not ask them fifty times. Each result is kept with the data
// version it was counted at (rollups.ts dataVersion: one primary-key read per request), so the
// first request after an import, a consent change or retention — in this process or a CLI in
// another — counts afresh, and no one is ever shown figures older than the data.
import type { Db } from '../db/client.ts';
import { dataVersion } from '../rollups.ts';

type Entry = { db: Db; version: string; value: Promise<unknown> };

/** Enough for every filter combination a busy day asks; the oldest is dropped first. */
const MAX_ENTRIES = 200;
const entries = new Map<string, Entry>();

/**
 * `compute()`'s result for `key` (everything the result depends on: the question, the scope and
 * the suppression it is asked under), counted again when the data version has moved.
 */
export async function cachedDashboard<T>(db: Db, key: string, compute: () => Promise<T>): Promise<T> {
	const version = await dataVersion(db.orm);
	const entry = entries.get(key);
	if (entry && entry.db === db && entry.version === version) return entry.value as Promise<T>;
	const value = compute();
	entries.delete(key);
	entries.set(key, { db, version, value });
	if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
	// A failed count is not kept: the next request tries again.
	value.catch(() => {
		if (entries.get(key)?.value === value) entries.delete(key);
	});
	return value;
}
