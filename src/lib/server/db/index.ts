// The app's one database handle, opened from the settings on first use.
import { readSettings } from '../config.ts';
import { createDb, type Db } from './client.ts';

let opening: Promise<Db> | undefined;

export function getDb(): Promise<Db> {
	if (!opening) {
		const settings = readSettings();
		opening = createDb({ url: settings.databaseUrl, dataDir: settings.dataDir });
		// A failed connection must not be cached: the next request tries again.
		opening.catch(() => {
			opening = undefined;
		});
	}
	return opening;
}

export async function closeDb(): Promise<void> {
	const db = await opening?.catch(() => undefined);
	opening = undefined;
	await db?.close();
}

export { createDb, type Db } from './client.ts';
