// The app's one database handle, opened from the settings on first use.
import { readSettings } from '../config.ts';
import { createDb, type Db } from './client.ts';

let opening: Promise<Db> | undefined;
let closed = false;

export function getDb(): Promise<Db> {
	// A request still running when the server stops (its client gone, so the HTTP server has
	// closed) must not open a second pool that nothing will ever close: it fails instead.
	if (closed) return Promise.reject(new Error('the database is closed: the server is stopping'));
	if (!opening) {
		const settings = readSettings();
		opening = createDb({ url: settings.databaseUrl, dataDir: settings.dataDir }).then((db) => {
			if (db.rollupsIssue) console.warn(`stackwise: ${db.rollupsIssue}`);
			return db;
		});
		// A failed connection must not be cached: the next request tries again.
		opening.catch(() => {
			opening = undefined;
		});
	}
	return opening;
}

/** Closes the handle for good: the process is stopping. */
export async function closeDb(): Promise<void> {
	closed = true;
	const db = await opening?.catch(() => undefined);
	opening = undefined;
	await db?.close();
}

export type { Db } from './client.ts';
