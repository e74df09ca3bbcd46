// Which imports are still running: a live one holds a lock a dead one has let go.
import { sql } from 'drizzle-orm';
import { rowsOf, type Db, type Orm } from '../db/client.ts';

// An import is "running" in the history from its start until it records how it ended. A process
// killed in between (kill -9, out of memory) never records it. So an import's transaction holds an
// advisory lock on its id, which PostgreSQL lets go when the connection dies: an import marked
// running whose lock is free has no process left, and the next start marks it failed.
const IMPORT_RUNNING_LOCK = 33_001;

/** Holds the running import's lock until `tx` ends (called first in the import's transaction). */
export async function holdImportRunning(tx: Orm, importId: number) {
	await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_RUNNING_LOCK}, ${importId})`);
}

/** Marks every import left running by a process that died failed; returns their ids. */
export async function failDeadImports(db: Db): Promise<number[]> {
	const running = await db.query<{ id: number }>(
		sql`select id from imports where status = 'running' order by id`
	);
	const failed: number[] = [];
	for (const { id } of running) {
		const message =
			'the process running this import stopped before it finished (killed, or out of memory); ' +
			'an import is stored whole or not at all, and this one was marked failed when Stackwise next started';
		const marked = await db.orm.transaction(async (tx) => {
			const [lock] = await rowsOf<{ free: boolean }>(
				tx,
				sql`select pg_try_advisory_xact_lock(${IMPORT_RUNNING_LOCK}, ${id}) as free`
			);
			if (!lock.free) return [];
			return rowsOf<{ id: number }>(
				tx,
				sql`update imports set status = 'failed', finished_at = now(),
					errors = ${JSON.stringify([{ file: 'import', message }])}::jsonb
					where id = ${id} and status = 'running' returning id`
			);
		});
		if (marked.length > 0) failed.push(Number(id));
	}
	return failed;
}
