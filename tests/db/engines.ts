// The database engines every database test runs on: PGlite (in memory) always, and PostgreSQL
// when DATABASE_URL is set (CI sets it). Each test file gets a fresh PostgreSQL database of its
// own, so files can run in parallel and nothing leaks between them.
//
// On a Citus cluster (STACKWISE_TEST_CITUS=1, DATABASE_URL the coordinator's; .ci/run's third
// pass) the fresh database is made on every node by scripts/citus-cluster.sh, and opening it
// distributes the tables (db/citus.ts). STACKWISE_TEST_ENGINES (say `postgres`) limits the
// engines: that pass does not run PGlite a second time.
import { execFileSync } from 'node:child_process';
import postgres from 'postgres';
import { createDb, type Db } from '../../src/lib/server/db/client.ts';

export type Engine = { name: 'pglite' | 'postgres'; citus: boolean; open(): Promise<Db> };

/** Whether DATABASE_URL is a Citus coordinator that the tests make databases on. */
export const onCitus = process.env.STACKWISE_TEST_CITUS === '1' && Boolean(process.env.DATABASE_URL);

const chosen = process.env.STACKWISE_TEST_ENGINES?.split(',').map((e) => e.trim());

export const engines: Engine[] = [
	{ name: 'pglite' as const, citus: false, open: () => createDb() },
	...(process.env.DATABASE_URL
		? [{ name: 'postgres' as const, citus: onCitus, open: () => freshPostgres(process.env.DATABASE_URL!) }]
		: [])
].filter((e) => !chosen || chosen.includes(e.name));

/** A new database on the server (on every node of a Citus cluster), dropped again on close. */
export async function freshPostgres(url: string): Promise<Db> {
	const name = `stackwise_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
	const cluster = (action: 'createdb' | 'dropdb') =>
		execFileSync('bash', ['scripts/citus-cluster.sh', action, name], {
			env: { ...process.env, CITUS_PORT: new URL(url).port || '5432' },
			stdio: ['ignore', 'ignore', 'inherit']
		});
	if (onCitus) cluster('createdb');
	else {
		const admin = postgres(url, { max: 1, onnotice: () => {} });
		await admin.unsafe(`create database "${name}"`);
		await admin.end();
	}
	const target = new URL(url);
	target.pathname = `/${name}`;
	const db = await createDb({ url: target.toString() });
	return {
		...db,
		async close() {
			await db.close();
			if (onCitus) return void cluster('dropdb');
			const cleanup = postgres(url, { max: 1, onnotice: () => {} });
			await cleanup.unsafe(`drop database if exists "${name}" with (force)`);
			await cleanup.end();
		}
	};
}
