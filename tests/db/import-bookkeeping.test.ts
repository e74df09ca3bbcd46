// The import's bookkeeping (docs/decisions/0012-import-bookkeeping.md): an import whose process died (kill -9, out of
// memory) stayed "running" on /imports for ever. The next start marks it failed, and leaves an
// import that is still running in another process alone.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db/client.ts';
import { importFiles } from '../../src/lib/server/import/index.ts';
import { failDeadImports, holdImportRunning } from '../../src/lib/server/import/running.ts';
import { bufferSource } from '../../src/lib/server/import/source.ts';
import { engines } from './engines.ts';

const runningRow = async (db: Db) =>
	(
		await db.query<{ id: number }>(
			sql`insert into imports (source, format, sha256, status) values ('killed.csv', 'csv', 'x', 'running') returning id`
		)
	)[0].id;

const statusOf = async (db: Db, id: number) =>
	(
		await db.query<{ status: string; finished_at: Date | null; errors: { message: string }[] }>(
			sql`select status, finished_at, errors from imports where id = ${id}`
		)
	)[0];

describe.each(engines)('import bookkeeping on $name', (engine) => {
	let db: Db;
	beforeAll(async () => {
		db = await engine.open();
	});
	afterAll(async () => {
		await db?.close();
	});

	it('marks an import whose process died failed, saying why, and leaves finished ones alone', async () => {
		const { reports } = await importFiles(db, [
			bufferSource('providers.csv', Buffer.from('id,name\nbookkeeping-p,Bookkeeping TAFE\n'))
		]);
		expect(reports[0].status).toBe('succeeded');
		const dead = await runningRow(db);
		expect(await failDeadImports(db)).toEqual([dead]);
		const row = await statusOf(db, dead);
		expect(row.status).toBe('failed');
		expect(row.finished_at).not.toBeNull();
		expect(row.errors[0].message).toMatch(/stopped before it finished/);
		expect((await statusOf(db, reports[0].importId)).status).toBe('succeeded');
		expect(await failDeadImports(db)).toEqual([]);
	});

	// A second connection holds the running import's lock, as another process would: PGlite has one
	// connection in one process, so it has no other process to leave alone.
	it.runIf(engine.name === 'postgres')('leaves an import another process is running alone', async () => {
		const live = await runningRow(db);
		let release!: () => void;
		const released = new Promise<void>((r) => (release = r));
		let holding!: () => void;
		const held = new Promise<void>((r) => (holding = r));
		const owner = db.orm.transaction(async (tx) => {
			await holdImportRunning(tx, live);
			holding();
			await released;
		});
		await held;
		try {
			expect(await failDeadImports(db)).toEqual([]);
			expect((await statusOf(db, live)).status).toBe('running');
		} finally {
			release();
			await owner;
		}
		expect(await failDeadImports(db)).toEqual([live]);
	});
});
