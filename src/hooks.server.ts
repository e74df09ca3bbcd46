import type { Handle, ServerInit } from '@sveltejs/kit';
import { readSettings } from '$lib/server/config.ts';
import { closeDb, getDb } from '$lib/server/db/index.ts';
import { seedIfEmpty } from '$lib/server/seed.ts';

// Runs once before the first request: migrate, and load the bundled data into an empty database.
export const init: ServerInit = async () => {
	const db = await getDb();
	await seedIfEmpty(db, { seed: readSettings().seed });
	// adapter-node waits for open handles; close the database so the server stops on SIGTERM.
	process.once('sveltekit:shutdown', () => {
		void closeDb();
	});
};

export const handle: Handle = async ({ event, resolve }) => {
	return resolve(event);
};
