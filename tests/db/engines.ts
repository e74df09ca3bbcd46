// The database engines every database test runs on: PGlite (in memory) always, and PostgreSQL
// when DATABASE_URL is set (CI sets it). Each test file gets a fresh PostgreSQL database of its
// own, so files can run in parallel and nothing leaks between them.
import postgres from 'postgres';
import { createDb, type Db } from '../../src/lib/server/db/client.ts';

export type Engine = { name: 'pglite' | 'postgres'; open(): Promise<Db> };

export const engines: Engine[] = [
	{ name: 'pglite', open: () => createDb() },
	...(process.env.DATABASE_URL
		? [{ name: 'postgres' as const, open: () => freshPostgres(process.env.DATABASE_URL!) }]
		: [])
];

async function freshPostgres(url: string): Promise<Db> {
	const name = `stackwise_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
	const admin = postgres(url, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database "${name}"`);
	await admin.end();
	const target = new URL(url);
	target.pathname = `/${name}`;
	const db = await createDb({ url: target.toString() });
	return {
		...db,
		async close() {
			await db.close();
			const cleanup = postgres(url, { max: 1, onnotice: () => {} });
			await cleanup.unsafe(`drop database if exists "${name}" with (force)`);
			await cleanup.end();
		}
	};
}
