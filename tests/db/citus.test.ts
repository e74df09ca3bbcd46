// On a Citus cluster (.ci/run's third pass: STACKWISE_TEST_CITUS=1, DATABASE_URL the coordinator):
// the tables are where db/citus.ts puts them, the bundled OULAD data gives PGlite's answers, a
// consent change and a retention run work, a page by pseudonym asks one shard and the panel sums
// are counted on the shards (EXPLAIN).
// Elsewhere there is no cluster to ask: vitest lists the suite as skipped.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../src/lib/server/db/client.ts';
import {
	COORDINATOR_ROLLUPS,
	LEARNER_TABLES,
	PSEUDONYM_TABLE,
	REFERENCE_TABLES
} from '../../src/lib/server/db/citus.ts';
import { main } from '../../src/lib/server/cli/main.ts';
import { bundledDataPath } from '../../src/lib/server/import/bundled.ts';
import { flowCells, issuanceCells } from '../../src/lib/server/panel-counts.ts';
import { keyLookups } from '../../src/lib/server/pseudonyms.ts';
import { applyRetention, type RetentionResult } from '../../src/lib/server/privacy.ts';
import { freshPostgres, onCitus } from './engines.ts';

function capture() {
	let text = '';
	return {
		stream: { write: (s: string) => ((text += s), true), isTTY: false } as unknown as NodeJS.WriteStream,
		text: () => text
	};
}

const cliOn =
	(db: () => Db) =>
	async (...args: string[]) => {
		const out = capture();
		const err = capture();
		const code = await main(args, { openDb: async () => db(), stdout: out.stream, stderr: err.stream });
		return { code, stdout: out.text(), stderr: err.text() };
	};

/** The dashboard questions the issue names, as the CLI answers them (JSON). */
const QUESTIONS = [
	['metrics', 'completion', '--json'],
	['metrics', 'completion', '--by', 'disability', '--json'],
	['metrics', 'completion', '--by', 'gender,age_band', '--json'],
	['metrics', 'completion', '--credential', 'AAA', '--by', 'region', '--json'],
	['metrics', 'time-to-credential', '--json'],
	['metrics', 'time-to-credential', '--by', 'deprivation_band', '--json'],
	['metrics', 'stacking', '--json'],
	['metrics', 'conformance', '--json'],
	['catalogue', 'list', '--json']
];

describe.runIf(onCitus)('on a Citus cluster (coordinator and two workers)', () => {
	let citus: Db;
	let pglite: Db;
	const onCitusCli = cliOn(() => citus);
	const onPgliteCli = cliOn(() => pglite);

	beforeAll(async () => {
		citus = await freshPostgres(process.env.DATABASE_URL!);
		pglite = await createDb();
	}, 600_000);
	afterAll(async () => {
		await citus?.close();
		await pglite?.close();
	});

	it('distributes the learner tables by learner, co-located, and copies the catalogue to every node', async () => {
		const rows = await citus.query<{
			table: string;
			method: string;
			replication: string;
			column: string | null;
			colocation: number;
		}>(
			sql`select logicalrelid::text as table, partmethod as method, repmodel as replication,
				column_to_column_name(logicalrelid, partkey) as column, colocationid as colocation
				from pg_dist_partition`
		);
		const of = (t: string) => rows.find((r) => r.table === t);
		for (const { table, column } of LEARNER_TABLES)
			expect(of(table), table).toMatchObject({ method: 'h', column });
		expect(new Set(LEARNER_TABLES.map(({ table }) => of(table)!.colocation)).size).toBe(1);
		expect(of(PSEUDONYM_TABLE.table)).toMatchObject({ method: 'h', column: PSEUDONYM_TABLE.column });
		for (const table of REFERENCE_TABLES)
			expect(of(table), table).toMatchObject({ method: 'n', replication: 't' });
		for (const table of COORDINATOR_ROLLUPS) expect(of(table), table).toBeUndefined();
		const [{ workers }] = await citus.query<{ workers: number }>(
			sql`select count(*)::int as workers from pg_dist_node where groupid <> 0 and isactive`
		);
		expect(workers).toBe(2);
		// Every shard of the learner tables is on a worker, and both workers hold some.
		const [{ nodes }] = await citus.query<{ nodes: number }>(
			sql`select count(distinct p.groupid)::int as nodes from pg_dist_shard s join pg_dist_placement p using (shardid)
				where s.logicalrelid = 'enrolments'::regclass`
		);
		expect(nodes).toBe(2);
		// `db distribute` says what opening the database did; again, it has nothing to do.
		const first = await onCitusCli('db', 'distribute');
		expect(first.code).toBe(0);
		expect(first.stdout).toMatch(/^credentials: reference table \(a copy on every node\)$/m);
		expect(first.stdout).toMatch(/^awards: distributed by learner_id, co-located with learners$/m);
		const again = await onCitusCli('db', 'distribute');
		expect(again).toMatchObject({
			code: 0,
			stdout: 'nothing to do: every table is already where it belongs\n'
		});
		const status = await onCitusCli('db', 'status');
		expect(status.stdout).toMatch(
			/^engine: Citus 13\.0\.\d+ on PostgreSQL 15\.\d+.*: a coordinator and 2 workers$/m
		);
		expect(status.stdout).toMatch(/^ {2}enrolments +distributed by learner_id \(co-location group \d+\)$/m);
		expect(status.stdout).toMatch(/^ {2}credentials +reference$/m);
	});

	it('imports the bundled OULAD files (exit 0) and answers every question as PGlite does', async () => {
		for (const cli of [onCitusCli, onPgliteCli]) {
			const imported = await cli('import', bundledDataPath('oulad'), '--json');
			expect(imported.code, imported.stdout.slice(0, 2000)).toBe(0);
			expect(JSON.parse(imported.stdout).files.every((f: { rejected: number }) => f.rejected === 0)).toBe(
				true
			);
		}
		const [{ id: learner }] = await pglite.query<{ id: string }>(
			sql`select learner_id as id from enrolments where status = 'withdrawn' order by learner_id limit 1`
		);
		for (const question of [
			...QUESTIONS,
			['recommend', '--learner', learner, '--json'],
			['pathway', 'progress', '--learner', learner, '--json']
		]) {
			const [onC, onP] = [await onCitusCli(...question), await onPgliteCli(...question)];
			expect(onC.code, `${question.join(' ')}: ${onC.stderr}`).toBe(0);
			expect(onC.stdout, question.join(' ')).toBe(onP.stdout);
		}
	});

	it('finds a learner page by pseudonym on one shard: router queries (EXPLAIN)', async () => {
		const [{ id, pseudonym }] = await citus.query<{ id: string; pseudonym: string }>(
			sql`select id, pseudonym from learners where pseudonym is not null order by id limit 1`
		);
		const { byId, byPseudonym } = keyLookups(pseudonym);
		for (const query of [byPseudonym, keyLookups(id).byId, byId]) {
			const plan = (await citus.query<{ 'QUERY PLAN': string }>(sql`explain ${query}`))
				.map((r) => r['QUERY PLAN'])
				.join('\n');
			expect(plan).toMatch(/Custom Scan \(Citus Adaptive\)/);
			expect(plan).toMatch(/Task Count: 1\b/);
		}
		const page = await onCitusCli('pathway', 'progress', '--learner', id, '--json');
		expect(page.code).toBe(0);
	});
	it('counts the issuance and flows panel sums on the shards: only cells reach the coordinator (EXPLAIN)', async () => {
		// Some learners a change touches (on several shards), and everyone.
		const some = (await citus.query<{ id: string }>(sql`select id from learners order by id limit 20`)).map(
			(r) => r.id
		);
		for (const cells of [
			issuanceCells('all', 1),
			flowCells('all', 1),
			issuanceCells(some, -1),
			flowCells(some, -1)
		]) {
			const plan = (await citus.query<{ 'QUERY PLAN': string }>(sql`explain ${cells}`))
				.map((r) => r['QUERY PLAN'])
				.join('\n');
			// One pushed-down query: per learner, then per cell on each shard, the shards' cells summed.
			expect(plan).toMatch(/Custom Scan \(Citus Adaptive\)/);
			expect(Number(/Task Count: (\d+)/.exec(plan)?.[1])).toBeGreaterThan(1);
			expect(plan).not.toMatch(/Distributed Subplan|read_intermediate_result/);
		}
	});

	it('takes a consent change and a retention run, and still answers as PGlite does', async () => {
		const [{ id: learner }] = await pglite.query<{ id: string }>(
			sql`select learner_id as id from enrolments where status = 'completed' order by learner_id limit 1`
		);
		const retained: RetentionResult[] = [];
		for (const [cli, db] of [
			[onCitusCli, citus],
			[onPgliteCli, pglite]
		] as const) {
			expect((await cli('learner', 'consent', learner, '--off')).code).toBe(0);
			// A cut-off inside the data (OULAD's presentations start in 2013 and 2014): 2014-01-01.
			retained.push(await applyRetention(db, { years: 1, today: new Date('2015-01-01T00:00:00Z') }));
		}
		expect(retained[0]).toEqual(retained[1]);
		expect(retained[0].enrolments).toBeGreaterThan(0);
		const [{ left }] = await citus.query<{ left: number }>(sql`select count(*)::int as left from enrolments`);
		expect(left).toBeGreaterThan(0);
		for (const question of QUESTIONS)
			expect((await onCitusCli(...question)).stdout).toBe((await onPgliteCli(...question)).stdout);
	});
});
