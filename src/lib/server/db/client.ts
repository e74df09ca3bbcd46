// Connects to PostgreSQL (postgres.js) or to the embedded PGlite, and applies the drizzle
// migrations, so both engines run the same schema and the same queries.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { projectRoot } from '../config.ts';
import { lockDataDir } from './lock.ts';
import { ensureRollups } from '../rollups.ts';
import { distribute, hasCitus } from './citus.ts';
import * as schema from './schema.ts';

export type Orm = PgDatabase<PgQueryResultHKT, typeof schema>;

export type Db = {
	engine: 'postgres' | 'pglite';
	orm: Orm;
	/** Runs raw SQL and returns its rows, whatever the engine. */
	query<T = Record<string, unknown>>(query: SQL): Promise<T[]>;
	close(): Promise<void>;
	/**
	 * Why the rollups could not be counted on opening (null when they could): the database opens
	 * anyway, and the count is retried by the next import or `stackwise rollups refresh`.
	 */
	rollupsIssue: string | null;
	/** On a Citus coordinator, what opening it distributed (db/citus.ts), one line per table. */
	distributed: string[];
	/**
	 * The most enrolments an import may leave in this database (null: no bound). The embedded
	 * database's: past it an import is refused, saying to use PostgreSQL (docs/performance.md).
	 */
	enrolmentLimit: number | null;
};

export type CreateDbOptions = {
	/** postgres:// URL; without it, PGlite. */
	url?: string;
	/** PGlite folder; without it (and without url), an in-memory PGlite (tests). */
	dataDir?: string;
	/** Apply migrations (default true). */
	migrate?: boolean;
	/** For PGlite: the most enrolments an import may leave in it (default EMBEDDED_ENROLMENT_LIMIT). */
	enrolmentLimit?: number;
};

/**
 * The embedded database's bound, in enrolments. PGlite is one process with a 32-bit WebAssembly
 * heap (4 GB at most): it held 1M enrolments in about 1 GB of memory; twice that leaves room for
 * the rollup count and the queries (docs/performance.md, "The embedded database's limit").
 */
export const EMBEDDED_ENROLMENT_LIMIT = 2_000_000;

/** Runs `query` on an ORM or transaction handle and returns rows for both engines. */
export async function rowsOf<T>(orm: Orm, query: SQL): Promise<T[]> {
	const result = (await orm.execute(query)) as unknown;
	return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

export async function createDb(options: CreateDbOptions = {}): Promise<Db> {
	const migrationsFolder = join(projectRoot(), 'drizzle');
	const shouldMigrate = options.migrate ?? true;
	return options.url
		? openPostgres(options.url, { migrationsFolder, shouldMigrate })
		: openPglite(options, { migrationsFolder, shouldMigrate });
}

type Opening = { migrationsFolder: string; shouldMigrate: boolean };

async function openPostgres(url: string, { migrationsFolder, shouldMigrate }: Opening): Promise<Db> {
	const { default: postgres } = await import('postgres');
	const { drizzle } = await import('drizzle-orm/postgres-js');
	const { migrate } = await import('drizzle-orm/postgres-js/migrator');
	// No JIT: compiling a dashboard query's plan (0.5–1.5 s measured) costs more than it saves
	// on queries that read rollups or a few learners, and the base-table scans gained less.
	// On Citus, multi-shard writes one connection per worker: an import writes the catalogue
	// (reference tables the learner tables' keys point at) and learner rows in one transaction,
	// which Citus refuses after parallel work ("there was a parallel operation"), and a later
	// read in the transaction may not see placements written over several connections. On
	// PostgreSQL the setting is an unused placeholder.
	const client = postgres(url, {
		max: 10,
		onnotice: () => {},
		connection: { jit: 'off', 'citus.multi_shard_modify_mode': 'sequential' }
	});

	const orm = drizzle(client, { schema });
	let rollupsIssue: string | null = null;
	let distributed: string[] = [];
	try {
		if (shouldMigrate) {
			await migrate(orm, { migrationsFolder });
			// On a Citus coordinator, the tables the migrations made become distributed (once).
			if (await hasCitus(orm as unknown as Orm)) distributed = await distribute(orm as unknown as Orm);
			rollupsIssue = await countOnOpening(orm as unknown as Orm);
		}
	} catch (error) {
		await client.end({ timeout: 1 });
		throw error;
	}
	return {
		engine: 'postgres',
		rollupsIssue,
		distributed,
		enrolmentLimit: null,
		orm: orm as unknown as Orm,
		query: (q) => rowsOf(orm as unknown as Orm, q),
		// At once: queries still waiting for a connection would otherwise reopen the connections
		// that end() closes once their own query is done (postgres.js serves its queue on close),
		// and those, idle for ever, kept a stopped server alive after a load test.
		close: () => client.end({ timeout: 0 })
	};
}

async function openPglite(
	{ dataDir, enrolmentLimit }: CreateDbOptions,
	{ migrationsFolder, shouldMigrate }: Opening
): Promise<Db> {
	const { PGlite } = await import('@electric-sql/pglite');
	// Trigram similarity for the catalogue search (migration 0011 creates the extension).
	const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
	const { drizzle } = await import('drizzle-orm/pglite');
	const { migrate } = await import('drizzle-orm/pglite/migrator');
	// PGlite does not create missing parent folders.
	if (dataDir) mkdirSync(dataDir, { recursive: true });
	const release = dataDir ? lockDataDir(dataDir) : () => {};
	const extensions = { pg_trgm };
	const client = dataDir ? new PGlite(dataDir, { extensions }) : new PGlite({ extensions });
	yieldBeforeEachQuery(client);
	const orm = drizzle(client, { schema });
	const close = async () => {
		await client.close();
		release();
	};
	let rollupsIssue: string | null = null;
	try {
		if (shouldMigrate) {
			await migrate(orm, { migrationsFolder });
			rollupsIssue = await countOnOpening(orm as unknown as Orm);
		}
	} catch (error) {
		await close();
		throw error;
	}
	return {
		engine: 'pglite',
		rollupsIssue,
		distributed: [],
		enrolmentLimit: enrolmentLimit ?? EMBEDDED_ENROLMENT_LIMIT,
		orm: orm as unknown as Orm,
		query: (q) => rowsOf(orm as unknown as Orm, q),
		close
	};
}

/**
 * The rollups' count on opening (ensureRollups). Its failure does not stop the database from
 * opening — every command that reads would fail with it otherwise — but is said: the sums stay as
 * they were, marked pending, until the next import or `stackwise rollups refresh` counts them.
 */
async function countOnOpening(orm: Orm): Promise<string | null> {
	try {
		await ensureRollups(orm);
		return null;
	} catch (error) {
		return `the dashboards' sums could not be counted (${databaseMessage(error)}); they stay as they were until the next import or \`stackwise rollups refresh\``;
	}
}

type Failure = { message?: string; detail?: string; severity?: string; code?: string; cause?: unknown };

/** The database's own error under drizzle's wrapper (postgres.js and PGlite errors carry a SQLSTATE). */
export function databaseError(error: unknown): { message: string; detail?: string } | null {
	// drizzle wraps the database's error in one that quotes the whole query: the cause says why.
	let e = error as Failure;
	while (e && !e.severity && e.cause) e = e.cause as Failure;
	if (!e?.severity || !/^[0-9A-Z]{5}$/.test(e.code ?? '')) return null;
	return {
		message: String(e.message).replace(/\s+/g, ' '),
		...(e.detail ? { detail: e.detail.replace(/\s+/g, ' ') } : {})
	};
}

/** Why a database call failed, in one line: the database's message when it gave one. */
export function databaseMessage(error: unknown): string {
	const found = databaseError(error);
	if (!found) return String((error as Failure)?.message ?? error).replace(/\s+/g, ' ');
	return found.detail ? `${found.message} (${found.detail})` : found.message;
}

/** True when the database holds no enrolments and no catalogue (a fresh install). */
export async function isEmpty(db: Db): Promise<boolean> {
	const [row] = await db.query<{ n: number }>(
		sql`select (select count(*) from credentials) + (select count(*) from learners) as n`
	);
	return Number(row.n) === 0;
}

/**
 * PGlite runs every query on this thread, and the queries queued behind each other would run back
 * to back without giving the event loop a turn: under fifty clients, a new connection's first
 * request waited for whole rounds of everyone else's (10 s timeouts while most answered in 0.5 s).
 * One turn of the event loop before each query lets new requests in between (with the server's
 * request gate, http/request-gate.ts).
 */
function yieldBeforeEachQuery(client: { query: (...args: never[]) => Promise<unknown> }) {
	const query = client.query.bind(client);
	client.query = async (...args) => {
		await new Promise((resolve) => setImmediate(resolve));
		return query(...args);
	};
}
