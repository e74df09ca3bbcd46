// The app's one database handle (db/index.ts): once the server has closed it on its way out, a
// request still running must not open a second one that nothing would close — that pool kept a
// stopped server alive after a load test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, expect, it, vi } from 'vitest';
import { closeDb, getDb } from '../../../src/lib/server/db/index.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'stackwise-handle-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

it('answers until it is closed, and refuses to open again after', async () => {
	vi.stubEnv('DATABASE_URL', '');
	vi.stubEnv('STACKWISE_DATA_DIR', dataDir);
	const db = await getDb();
	expect(await getDb()).toBe(db);
	expect(await db.query(sql`select 1 as one`)).toEqual([{ one: 1 }]);
	await closeDb();
	await expect(getDb()).rejects.toThrow('the database is closed: the server is stopping');
	vi.unstubAllEnvs();
}, 60_000);
