// `stackwise db status|distribute` and `stackwise rollups refresh`: what the database is, making
// it distributed on Citus, and counting the dashboards' sums again by hand.
import { sql } from 'drizzle-orm';
import { distribute, hasCitus, tableKinds, workerCount } from '../db/citus.ts';
import { countPendingRollups, rollupsPending } from '../rollups.ts';
import { UsageError, command, subcommands } from './args.ts';

export const dbCommand = command({
	words: 1,
	options: { json: { type: 'boolean', default: false } },
	run: async ({ values, words: [action] }, { openDb, stdout }) => {
		if (action === 'distribute') {
			const db = await openDb();
			if (db.engine !== 'postgres' || !(await hasCitus(db.orm))) {
				stdout.write(
					'not a Citus coordinator (no citus extension in this database): nothing to distribute\n'
				);
				return 1;
			}
			// Opening the database already distributes what is not (client.ts): say what that did too.
			const onOpening = db.distributed.splice(0);
			for (const line of onOpening) stdout.write(line + '\n');
			const more = await distribute(db.orm, (line) => stdout.write(line + '\n'));
			if (onOpening.length + more.length === 0)
				stdout.write('nothing to do: every table is already where it belongs\n');
			return 0;
		}
		if (action === 'status') {
			const db = await openDb();
			const citus = db.engine === 'postgres' && (await hasCitus(db.orm));
			const [version] =
				db.engine === 'postgres'
					? await db.query<{ pg: string; citus: string | null }>(
							citus
								? sql`select split_part(current_setting('server_version'), ' ', 1) as pg,
									substring(citus_version() from 'Citus ([0-9.]+)') as citus`
								: sql`select split_part(current_setting('server_version'), ' ', 1) as pg, null as citus`
						)
					: [{ pg: '', citus: null }];
			const workers = citus ? await workerCount(db.orm) : 0;
			const engine =
				db.engine === 'pglite'
					? 'PGlite (embedded)'
					: citus
						? `Citus ${version.citus} on PostgreSQL ${version.pg}: a coordinator and ${workers} worker${workers === 1 ? '' : 's'}`
						: `PostgreSQL ${version.pg}`;
			const tables = await tableKinds(db.orm);
			const pending = await rollupsPending(db.orm);
			if (values.json) {
				stdout.write(
					JSON.stringify({
						engine: citus ? 'citus' : db.engine,
						workers,
						description: engine,
						rollupsPending: pending,
						tables
					}) + '\n'
				);
				return 0;
			}
			stdout.write(`engine: ${engine}\n`);
			stdout.write(`rollups: ${pending ? 'pending (run `stackwise rollups refresh`)' : 'current'}\n`);
			const width = Math.max(...tables.map((t) => t.table.length));
			for (const t of tables)
				stdout.write(
					`  ${t.table.padEnd(width)}  ${t.kind}${t.column ? ` by ${t.column}` : ''}${t.colocation !== null ? ` (co-location group ${t.colocation})` : ''}\n`
				);
			return 0;
		}
		throw new UsageError('db status [--json] | db distribute');
	}
});

// `rollups refresh` has never read what follows it: it takes no flags to refuse.
export const rollupsCommand = subcommands(
	{
		refresh: async (_argv, { openDb, stdout }) => {
			const db = await openDb();
			const wasPending = await rollupsPending(db.orm);
			const started = performance.now();
			await countPendingRollups(db.orm);
			stdout.write(
				`rollups: counted every learner again in ${((performance.now() - started) / 1000).toFixed(1)} s${wasPending ? ' (they were pending)' : ''}\n`
			);
			return 0;
		}
	},
	'rollups refresh'
);
