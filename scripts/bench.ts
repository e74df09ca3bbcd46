// The national-scale benchmark (docs/performance.md). Prints tables; asserts nothing.
//   npm run bench -- [--sizes 100k,1m,10m] [--engines postgres,pglite,citus] [--runs 20] [--http-seconds 30]
//                    [--skip-http] [--work DIR] [--parts import,queries,plans,http] [--formats csv,arrow]
//                    [--keep] [--reuse]
// `npm run bench:import` is the import part alone, for CSV and Arrow files.
// For each size it generates synthetic learners (stackwise generate, CSV), then per engine:
//   import  — the learner files through the importer (one transaction, rollups refreshed), in a
//             child process for its peak memory, next to a raw COPY of the same files into the
//             same schema (the practical limit);
//   queries — each dashboard question from the rollups and as the naive GROUP BY over the base tables;
//   plans   — a learner's holdings, progress and shortest plan to their nearest qualification;
//   HTTP    — /system and a metrics endpoint under 50 concurrent clients (loopback).
// Citus (--engines citus) is the cluster scripts/citus-cluster.sh starts, its coordinator at
// CITUS_URL (default postgres://postgres@127.0.0.1:9700/postgres): each database is made on every
// node, and opening it distributes the tables (db/citus.ts).
// PostgreSQL comes from DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test); each
// size gets fresh databases, dropped afterwards — unless --keep, which leaves the imported one
// (stackwise_bench_<size>) for a later --reuse: the parts after the import then run on it without
// importing again (PostgreSQL only; a 10M import takes half an hour), and drops it after them
// unless --keep is given again.
import autocannon from 'autocannon';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import {
	closeSync,
	createReadStream,
	existsSync,
	mkdirSync,
	mkdtempSync,
	openSync,
	readFileSync,
	readSync,
	rmSync,
	writeFileSync
} from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { createDb, type Db } from '../src/lib/server/db/client.ts';
import { generateSynthetic } from '../src/lib/server/generate.ts';
import { collectFiles, importFiles } from '../src/lib/server/import/index.ts';
import { getCompletion } from '../src/lib/server/queries/completion.ts';
import { getConformance } from '../src/lib/server/queries/conformance.ts';
import { getFlowOptions, getFlows, getFlowsPage } from '../src/lib/server/queries/flows.ts';
import { getIssuance } from '../src/lib/server/queries/issuance.ts';
import { getStacking } from '../src/lib/server/queries/stacking.ts';

import { getOverview } from '../src/lib/server/queries/overview.ts';
import { getLearnerHoldings, getPlan, getProgress } from '../src/lib/server/queries/pathway.ts';
import { getRecommendations, getRecommenderData } from '../src/lib/server/queries/recommend.ts';
import { readSettings } from '../src/lib/server/config.ts';
import type { BreakdownContext } from '../src/lib/server/queries/completion.ts';
import { getTimeToCredential } from '../src/lib/server/queries/time-to-credential.ts';
import { createUser } from '../src/lib/server/auth/users.ts';
import { sql, type SQL } from 'drizzle-orm';
import { fmt, quantile, table } from './report.ts';

const { values } = parseArgs({
	options: {
		sizes: { type: 'string', default: '100k,1m' },
		engines: { type: 'string', default: 'postgres,pglite' },
		runs: { type: 'string', default: '20' },
		'http-seconds': { type: 'string', default: '30' },
		'skip-http': { type: 'boolean', default: false },
		parts: { type: 'string', default: 'import,queries,plans,http' },
		formats: { type: 'string', default: 'csv' },
		keep: { type: 'boolean', default: false },
		reuse: { type: 'boolean', default: false },
		work: { type: 'string', default: join(tmpdir(), 'stackwise-bench') }
	}
});
const RUNS = Number(values.runs);
const PARTS = new Set(values.parts!.split(','));
if (values['skip-http']) PARTS.delete('http');
const FORMATS = values.formats!.split(',') as ('csv' | 'arrow')[];
for (const f of FORMATS)
	if (f !== 'csv' && f !== 'arrow') throw new Error(`--formats: "${f}" is not csv or arrow`);
const HTTP_SECONDS = Number(values['http-seconds']);
const PG_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const CITUS_URL = process.env.CITUS_URL || 'postgres://postgres@127.0.0.1:9700/postgres';
type Engine = 'postgres' | 'pglite' | 'citus';
// Measured on the generator: 13.55 enrolments per learner (20,000 learners → 271,000 enrolments).
const ENROLMENTS_PER_LEARNER = 13.55;
const LEARNER_TABLES = ['learners', 'enrolments', 'awards'];
const CATALOGUE_TABLES = ['providers', 'credentials', 'requirement_groups', 'prerequisites', 'recognitions'];

const parseSize = (s: string) => {
	const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(s.trim());
	if (!m) throw new Error(`--sizes: "${s}" is not like 100k or 1m`);
	return Math.round(Number(m[1]) * (m[2].toLowerCase() === 'm' ? 1e6 : m[2].toLowerCase() === 'k' ? 1e3 : 1));
};

type Target = {
	engine: Engine;
	env: NodeJS.ProcessEnv;
	open(): Promise<Db>;
	drop(): Promise<void>;
};

/** Whether a PostgreSQL database of that name exists and holds an import (a kept bench database). */
async function importedDatabase(name: string): Promise<boolean> {
	const admin = postgres(PG_URL, { max: 1, onnotice: () => {} });
	try {
		const [row] = await admin`select exists (select 1 from pg_database where datname = ${name}) as found`;
		if (!row.found) return false;
		const url = new URL(PG_URL);
		url.pathname = `/${name}`;
		const db = postgres(url.toString(), { max: 1, onnotice: () => {} });
		try {
			const [imported] = await db`select exists (select 1 from imports where status = 'succeeded') as found`;
			return Boolean(imported.found);
		} catch {
			return false; // no schema: not a Stackwise database
		} finally {
			await db.end();
		}
	} finally {
		await admin.end();
	}
}

/** A database for one size and engine: fresh, or with `reuse` the one a --keep run left. */
async function benchTarget(
	engine: Engine,
	name: string,
	{ keep = false, reuse = false } = {}
): Promise<Target> {
	if (engine === 'citus') {
		const cluster = (action: 'createdb' | 'dropdb') =>
			execFileSync('bash', ['scripts/citus-cluster.sh', action, name], {
				env: { ...process.env, CITUS_PORT: new URL(CITUS_URL).port },
				stdio: ['ignore', 'ignore', 'inherit']
			});
		cluster('dropdb');
		cluster('createdb');
		const url = new URL(CITUS_URL);
		url.pathname = `/${name}`;
		return {
			engine,
			env: { DATABASE_URL: url.toString(), STACKWISE_DATA_DIR: '' },
			open: () => createDb({ url: url.toString() }),
			drop: async () => void cluster('dropdb')
		};
	}
	if (engine === 'postgres') {
		const admin = postgres(PG_URL, { max: 1, onnotice: () => {} });
		if (!reuse) {
			await admin.unsafe(`drop database if exists "${name}" with (force)`);
			await admin.unsafe(`create database "${name}"`);
		}
		await admin.end();
		const url = new URL(PG_URL);
		url.pathname = `/${name}`;
		return {
			engine,
			env: { DATABASE_URL: url.toString(), STACKWISE_DATA_DIR: '' },
			open: () => createDb({ url: url.toString() }),
			async drop() {
				if (keep) return;
				const a = postgres(PG_URL, { max: 1, onnotice: () => {} });
				await a.unsafe(`drop database if exists "${name}" with (force)`);
				await a.end();
			}
		};
	}
	const dir = mkdtempSync(join(tmpdir(), `${name}-`));
	return {
		engine,
		env: { DATABASE_URL: '', STACKWISE_DATA_DIR: dir },
		open: () => createDb({ dataDir: dir }),
		drop: async () => rmSync(dir, { recursive: true, force: true })
	};
}

function childJson(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<Record<string, number>> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
			env: { ...process.env, ...env },
			stdio: ['ignore', 'pipe', 'inherit']
		});
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		child.on('exit', (code) => {
			const last = out.trim().split('\n').pop() ?? '';
			if (code === 0) resolve(JSON.parse(last));
			else reject(new Error(`${script} exited ${code}: ${out.slice(-500)}`));
		});
	});
}

/**
 * Failed requests, and what they were when there were any. (autocannon counts a timeout in
 * `errors` too: before 2026-12-02 evening the bench added both, counting each timeout twice.)
 */
function errorCount(result: autocannon.Result): string {
	const total = result.errors + result.non2xx;
	if (total === 0) return '0';
	const kinds = [
		result.timeouts && `${result.timeouts} timed out (10 s)`,
		result.non2xx && `${result.non2xx} non-2xx`,
		result.errors - result.timeouts > 0 && `${result.errors - result.timeouts} connection errors`
	].filter(Boolean);
	return `${total} (${kinds.join(', ')})`;
}

/** Raw COPY of the learner files into a database holding the same catalogue: the practical limit. */
async function rawCopy(target: Target, dir: string): Promise<{ seconds: number; rows: number }> {
	const db = await target.open();
	await importFiles(db, collectFiles(CATALOGUE_TABLES.map((t) => join(dir, `${t}.csv`))));
	await db.close();
	// The header line only: at 10M the files are larger than a string may be.
	const header = (t: string) => {
		const fd = openSync(join(dir, `${t}.csv`), 'r');
		const start = Buffer.alloc(4096);
		const length = readSync(fd, start, 0, start.length, 0);
		closeSync(fd);
		return start.subarray(0, length).toString('utf8').split(/\r?\n/)[0];
	};
	const copySql = (t: string) => `copy ${t} (${header(t)}) from stdin with (format csv, header true)`;
	let rows = 0;
	const started = performance.now();
	if (target.engine !== 'pglite') {
		const client = postgres(target.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
		await client.begin(async (tx) => {
			for (const t of LEARNER_TABLES) {
				const stream = await tx.unsafe(copySql(t)).writable();
				await pipeline(createReadStream(join(dir, `${t}.csv`)), stream);
			}
		});
		for (const t of LEARNER_TABLES)
			rows += Number((await client.unsafe(`select count(*) from ${t}`))[0].count);
		await client.end();
	} else {
		const { PGlite } = await import('@electric-sql/pglite');
		const pg = new PGlite(target.env.STACKWISE_DATA_DIR!);
		await pg.transaction(async (tx) => {
			for (const t of LEARNER_TABLES)
				await tx.query(copySql(t).replace('from stdin', "from '/dev/blob'"), [], {
					blob: new Blob([readFileSync(join(dir, `${t}.csv`))])
				});
		});
		for (const t of LEARNER_TABLES)
			rows += Number(((await pg.query(`select count(*)::int as n from ${t}`)).rows[0] as { n: number }).n);
		await pg.close();
	}
	return { seconds: (performance.now() - started) / 1000, rows };
}

type Question = { name: string; run: (source: 'rollups' | 'base') => Promise<unknown> };

// Every question asks for the generated view of the whole system, with small groups suppressed.
const SYSTEM_VIEW: BreakdownContext = { scope: { kind: 'system' }, data: 'generated' };
const SUPPRESSION = { threshold: 10 };

function dashboardQuestions(db: Db, providerId: string, region: string, cohort: string): Question[] {
	return [...systemPageQuestions(db, providerId), ...flowsPageQuestions(db, region, cohort)];
}

/** What /system asks: the headline counts, completion, time to credential and the rest of the page. */
function systemPageQuestions(db: Db, providerId: string): Question[] {
	const base = SYSTEM_VIEW;
	const suppression = SUPPRESSION;
	const completion = (name: string, ctx: BreakdownContext): Question => ({
		name,
		run: (source) => getCompletion(db, { ...ctx, source, suppression })
	});
	const ttc = (name: string, ctx: BreakdownContext): Question => ({
		name,
		run: (source) => getTimeToCredential(db, { ...ctx, source, suppression })
	});
	return [
		{ name: 'headline counts', run: (source) => getOverview(db, { ...base, source }) },
		completion('completion rate', base),
		completion('completion by credential', { ...base, by: ['credential'] }),
		completion('completion by gender (equity)', { ...base, by: ['gender'] }),
		completion('completion by deprivation band', { ...base, by: ['deprivation_band'] }),
		completion('provider: completion by credential', {
			...base,
			scope: { kind: 'provider', providerId },
			by: ['credential']
		}),
		ttc('time to credential (curve)', base),
		ttc('time to credential by age band', { ...base, by: ['age_band'] }),
		// The rest of /system, as the page asks for the generated view.
		{
			name: 'stacking rate by qualification',
			run: (source) => getStacking(db, { ...base, by: [], source, suppression })
		},
		{
			name: 'issuance by quarter',
			run: (source) => getIssuance(db, { ...base, by: 'none', source, suppression })
		},
		{ name: 'definition conformance', run: (source) => getConformance(db, { ...base, source, suppression }) },
		{
			name: 'flows toward qualifications (Sankey)',
			run: (source) => getFlows(db, { ...base, byCohort: false, kind: 'toward', source, suppression })
		}
	];
}

/** What /flows asks as it opens, and /api/flows without parameters, whole and a page at a time. */
function flowsPageQuestions(db: Db, region: string, cohort: string): Question[] {
	const base = SYSTEM_VIEW;
	const suppression = SUPPRESSION;
	return [
		// /flows as it opens: next steps, and the options of its filters.
		{
			name: 'flows to the next credential (/flows)',
			run: (source) => getFlows(db, { ...base, byCohort: false, kind: 'next', source, suppression })
		},
		{
			name: 'flows to the next credential in one region (/flows)',
			run: (source) =>
				getFlows(db, {
					...base,
					byCohort: false,
					kind: 'next',
					dimension: 'region',
					group: region,
					source,
					suppression
				})
		},
		{
			name: 'flows from one start cohort (/flows)',
			run: (source) =>
				getFlows(db, {
					...base,
					byCohort: false,
					kind: 'next',
					startCohorts: { from: cohort, to: cohort },
					source,
					suppression
				})
		},
		// /api/flows as it is called without parameters: both kinds, by start cohort.
		{
			name: 'flows by start cohort (/api/flows)',
			run: (source) => getFlows(db, { ...base, source, suppression })
		},
		// The same, a page at a time, as a client of a national system would ask for it.
		{
			name: 'flows by start cohort, first 1,000 (/api/flows?limit=1000)',
			run: (source) => getFlowsPage(db, { ...base, source, suppression, page: { limit: 1000, offset: 0 } })
		},
		{
			name: 'flow filter options by region (/flows)',
			run: (source) => getFlowOptions(db, { ...base, dimension: 'region', source })
		}
	];
}

/** Each question's SQL with its EXPLAIN ANALYZE, rollups and naive, for docs/performance-log.md. */
async function explainQuestions(db: Db, questions: (db: Db) => Question[], path: string) {
	const lines: string[] = [];
	for (const source of ['rollups', 'base'] as const) {
		let seen: SQL[] = [];
		const recording: Db = { ...db, query: (q) => (seen.push(q), db.query(q)) };
		for (const q of questions(recording)) {
			seen = [];
			await q.run(source);
			for (const statement of seen) {
				const plan = await db.query<Record<string, string>>(sql`explain (analyze, costs off) ${statement}`);
				lines.push(`--- ${q.name} (${source})`, ...plan.map((r) => Object.values(r)[0]), '');
			}
		}
	}
	writeFileSync(path, lines.join('\n'));
}

async function timeRuns(run: () => Promise<unknown>, runs: number, budgetMs: number): Promise<number[]> {
	await run(); // warm-up: plans cached, pages in memory
	const times: number[] = [];
	const deadline = performance.now() + budgetMs;
	for (let i = 0; i < runs && (i < 3 || performance.now() < deadline); i++) {
		const t = performance.now();
		await run();
		times.push(performance.now() - t);
	}
	return times;
}

type BenchServer = { process: ChildProcess; base: string; log: () => string };

async function httpLoad(target: Target, db: Db, port: number) {
	const email = 'bench-policymaker@example.org';
	const password = 'bench-password-1234';
	await createUser(db, { email, password, role: 'policymaker' }).catch(() => undefined);
	await db.close();
	const server = startServer(target, port);
	try {
		await untilServing(server);
		const cookie = await signIn(server.base, email, password);
		const results = [];
		// The bench data is generated: '/system' alone shows the (empty) real-data view.
		for (const path of [
			'/system',
			'/system?data=generated',
			'/flows?data=generated',
			'/api/metrics/completion?by=gender&data=generated'
		])
			results.push(await loadPath(server.base + path, path, cookie));
		return results;
	} finally {
		await stopServer(server);
	}
}

/** The built server on the target's database, its stderr kept for when it fails. */
function startServer(target: Target, port: number): BenchServer {
	const server = spawn(process.execPath, ['scripts/stackwise.js', 'serve', '--port', String(port)], {
		env: {
			...process.env,
			...target.env,
			STACKWISE_SEED: 'none',
			STACKWISE_DEMO: '',
			ORIGIN: `http://127.0.0.1:${port}`
		},
		stdio: ['ignore', 'ignore', 'pipe']
	});
	let log = '';
	server.stderr.on('data', (d) => (log += d));
	return { process: server, base: `http://127.0.0.1:${port}`, log: () => log };
}

async function untilServing(server: BenchServer) {
	for (let i = 0; ; i++) {
		try {
			if ((await fetch(`${server.base}/login`)).ok) break;
		} catch {
			/* not up yet */
		}
		if (i > 600) throw new Error(`server did not start: ${server.log().slice(-500)}`);
		await new Promise((r) => setTimeout(r, 500));
	}
}

/** The session cookie of a sign-in through the login form. */
async function signIn(base: string, email: string, password: string): Promise<string> {
	const login = await fetch(`${base}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
		body: new URLSearchParams({ email, password }).toString()
	});
	const cookie = (login.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
	if (!cookie) throw new Error(`sign-in failed (${login.status})`);
	return cookie;
}

/** One page under load: its first request alone, then 50 clients for HTTP_SECONDS; a row of the table. */
async function loadPath(url: string, path: string, cookie: string) {
	// One request alone first: the page counted afresh (nothing cached for this data version yet).
	const coldStart = performance.now();
	const cold = await fetch(url, { headers: { cookie } });
	await cold.text();
	const coldMs = performance.now() - coldStart;
	const latencies: number[] = [];
	const result = await new Promise<autocannon.Result>((resolve, reject) => {
		const instance = autocannon(
			{ url, connections: 50, duration: HTTP_SECONDS, headers: { cookie } },
			(err, res) => (err ? reject(err) : resolve(res))
		);
		instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
	});
	return [
		path,
		fmt(coldMs, 0),
		result.requests.total,
		fmt(result.requests.average, 0),
		fmt(quantile(latencies, 0.5), 0),
		fmt(quantile(latencies, 0.95), 0),
		errorCount(result)
	];
}

async function stopServer(server: BenchServer) {
	server.process.kill('SIGTERM');
	// A server that has not stopped 40 s after SIGTERM (adapter-node allows 30 s for open
	// connections) is killed, and the table says so.
	const stopped = await Promise.race([
		new Promise<boolean>((r) => server.process.once('exit', () => r(true))),
		new Promise<boolean>((r) => setTimeout(() => r(false), 40_000))
	]);
	if (!stopped) {
		console.log(
			`  (the server did not stop within 40 s of SIGTERM; killed. Its last words: ${server.log().slice(-600)})`
		);
		execFileSync('pkill', ['-KILL', '-P', String(server.process.pid)]);
		server.process.kill('SIGKILL');
	}
}

/** The generated files for a size in a format, made once and kept in the work folder. */
async function generatedFiles(size: number, learners: number, format: 'csv' | 'arrow') {
	const dir = join(values.work!, format === 'csv' ? `${size}` : `${size}-${format}`);
	const marker = join(dir, 'generated.json');
	if (!existsSync(marker)) {
		mkdirSync(dir, { recursive: true });
		const t = performance.now();
		const result = await generateSynthetic({ learners, seed: 9, outDir: dir, format });
		writeFileSync(marker, JSON.stringify({ ...result, seconds: (performance.now() - t) / 1000 }));
	}
	return {
		dir,
		...(JSON.parse(readFileSync(marker, 'utf8')) as {
			files: { table: string; rows: number }[];
			seconds: number;
		})
	};
}

async function benchSize(size: number) {
	const learners = Math.max(100, Math.round(size / ENROLMENTS_PER_LEARNER));
	const generated = await generatedFiles(size, learners, 'csv');
	const count = (t: string) => generated.files.find((f) => f.table === t)?.rows ?? 0;
	console.log(
		`\n## ${size.toLocaleString('en')} enrolments target: ${learners.toLocaleString('en')} learners, ` +
			`${count('enrolments').toLocaleString('en')} enrolments, ${count('awards').toLocaleString('en')} awards, ` +
			`${count('credentials').toLocaleString('en')} credentials (generated in ${fmt(generated.seconds)} s)`
	);

	for (const engine of values.engines!.split(',') as Engine[]) {
		if (engine === 'pglite' && size > 2_000_000) {
			console.log(`\n### pglite: skipped at this size (embedded, single process: see docs/performance.md)`);
			continue;
		}
		console.log(`\n### ${engine}`);
		await benchEngine(engine, size, learners, generated.dir);
	}
}

type ImportRun = { format: string; result: Record<string, number> };

/** The parts asked for, on one engine: the import, then the queries, plans and HTTP on what it filled. */
async function benchEngine(engine: Engine, size: number, learners: number, dir: string) {
	const name = `stackwise_bench_${size}`;
	const pgOnly = engine === 'postgres';
	const reuse = pgOnly && Boolean(values.reuse) && (await importedDatabase(name));
	const target = await benchTarget(engine, name, { keep: pgOnly && values.keep, reuse });
	const copyTarget = await benchTarget(engine, `stackwise_bench_${size}_copy`);
	try {
		const imports = await runImports(engine, size, learners, dir, target, reuse);
		if (PARTS.has('import') && !reuse) await printImports(imports, copyTarget, dir);
		if (!PARTS.has('queries') && !PARTS.has('plans') && !PARTS.has('http')) return;

		const db = await target.open();
		if (engine !== 'pglite') await db.query(sql`analyze`);
		if (PARTS.has('queries')) await benchQueries(db, engine, size);
		if (PARTS.has('plans')) await benchPlans(db);
		if (PARTS.has('http')) await benchHttp(target, db);
		else await db.close();
	} finally {
		await target.drop();
		await copyTarget.drop();
		if (pgOnly && values.keep) console.log(`  (kept: database ${name}; --reuse runs the other parts on it)`);
	}
}

/** The CSV import into the target (unless reused), and each other format into a database of its own. */
async function runImports(
	engine: Engine,
	size: number,
	learners: number,
	dir: string,
	target: Target,
	reuse: boolean
): Promise<ImportRun[]> {
	const imports: ImportRun[] = [];
	if (reuse) console.log(`  import: skipped (--reuse: stackwise_bench_${size} holds this size's import)`);
	else {
		// The CSV import fills the database the other parts read, so it runs unless reused.
		imports.push({
			format: 'csv',
			result: await childJson('scripts/bench/import-child.ts', [dir, 'csv'], target.env)
		});
		// Said at once, so a failure later in the run does not lose it.
		console.log(`  import (CSV): ${JSON.stringify(imports[0].result)}`);
	}
	for (const format of FORMATS.filter((f) => f !== 'csv' && PARTS.has('import'))) {
		const files = await generatedFiles(size, learners, format);
		const other = await benchTarget(engine, `stackwise_bench_${size}_${format}`);
		try {
			imports.push({
				format,
				result: await childJson('scripts/bench/import-child.ts', [files.dir, format], other.env)
			});
		} finally {
			await other.drop();
		}
	}
	return imports;
}

/** The imports beside a raw COPY of the same files, and where each import's time went. */
async function printImports(imports: ImportRun[], copyTarget: Target, dir: string) {
	const copied = await rawCopy(copyTarget, dir);
	await copyTarget.drop();
	const rate = (r: { rows: number; seconds: number }) => r.rows / r.seconds;
	table(
		['import of learners, enrolments, awards', 'rows', 'seconds', 'rows/s', 'peak RSS MB', 'vs COPY'],
		[
			...imports
				.filter(({ format }) => FORMATS.includes(format as 'csv'))
				.flatMap(({ format, result }) => [
					[
						`stackwise import (${format.toUpperCase()}, validated, upserted, rollups)`,
						result.rows,
						fmt(result.seconds),
						fmt(rate(result), 0),
						fmt(result.peakRssMb, 0),
						fmt(rate(result) / rate(copied), 2)
					],
					// An import that recounts every learner commits its rows first (rollups.ts).
					...(result.storedSeconds === null
						? []
						: [
								[
									`  of which: its rows committed (the sums counted after)`,
									result.rows,
									fmt(result.storedSeconds),
									fmt(result.rows / result.storedSeconds, 0),
									'',
									fmt(result.rows / result.storedSeconds / rate(copied), 2)
								]
							])
				]),
			['raw COPY of the same rows (CSV)', copied.rows, fmt(copied.seconds), fmt(rate(copied), 0), '—', '1.00']
		]
	);
	for (const { format, result } of imports)
		console.log(
			`  (${format}: of the ${fmt(result.seconds)} s, ${fmt(result.summarisingSeconds)} s planner statistics and the rollup refresh after the rows${result.storedSeconds === null ? '' : `; the rows committed at ${fmt(result.storedSeconds)} s, the sums ${fmt(result.seconds - result.storedSeconds)} s later`})`
		);
}

/** Each dashboard question from the rollups and naively, with the plans written beside the run. */
async function benchQueries(db: Db, engine: Engine, size: number) {
	const [{ provider }] = await db.query<{ provider: string }>(
		sql`select provider_id as provider from enrolment_rollup where provider_id is not null group by 1 order by sum(enrolments) desc limit 1`
	);
	// The most common region: /flows shows one group's flows at a time.
	const [{ region }] = await db.query<{ region: string }>(
		sql`select region from learners group by 1 order by count(*) desc, 1 limit 1`
	);
	// The cohort most enrolments started in: /flows can show the flows from one.
	const [{ cohort }] = await db.query<{ cohort: string }>(
		sql`select cohort from enrolments where cohort is not null group by 1 order by count(*) desc, 1 limit 1`
	);
	const questions = (d: Db) => dashboardQuestions(d, provider, region, cohort);
	const explainPath = join(values.work!, `explain-${engine}-${size}.txt`);
	await explainQuestions(db, questions, explainPath);
	console.log(`  (query plans: ${explainPath})`);
	const rows: (string | number)[][] = [];
	for (const q of questions(db)) {
		const fast = await timeRuns(() => q.run('rollups'), RUNS, 30_000);
		const naive = await timeRuns(() => q.run('base'), RUNS, 30_000);
		rows.push([
			q.name,
			fmt(quantile(fast, 0.5)),
			fmt(quantile(fast, 0.95)),
			fmt(quantile(naive, 0.5)),
			fmt(quantile(naive, 0.95)),
			fmt(quantile(naive, 0.5) / quantile(fast, 0.5), 0) + '×'
		]);
	}
	table(['dashboard question (ms)', 'p50', 'p95', 'naive p50', 'naive p95', 'speed-up'], rows);
}

/** Per learner of a sample: holdings, progress and a plan, then next-step suggestions. */
async function benchPlans(db: Db) {
	const sample = await db.query<{ id: string }>(
		sql`select id from learners where origin <> 'real' order by md5(id) limit 200`
	);
	const planTimes: number[] = [];
	let planned = 0;
	for (const { id } of sample) {
		const t = performance.now();
		const held = await getLearnerHoldings(db, id);
		const progress = await getProgress(db, { held });
		const nearest = progress.qualifications.find((q) => !q.achieved);
		if (nearest) {
			const plan = await getPlan(db, { held, target: nearest.target, objective: 'count' });

			if (plan.ok) planned++;
		}
		planTimes.push(performance.now() - t);
	}
	// Suggestions: the model is built once per database (timed apart), then per learner.
	const modelStarted = performance.now();
	await getRecommenderData(db, 'generated');
	const modelSeconds = (performance.now() - modelStarted) / 1000;
	const recommendTimes: number[] = [];
	let suggested = 0;
	for (const { id } of sample) {
		const t = performance.now();
		const result = await getRecommendations(db, id, { k: 5, suppression: readSettings().disclosure });
		recommendTimes.push(performance.now() - t);
		if (result?.recommendations.length) suggested++;
	}
	table(
		['per learner (ms)', 'p50', 'p95', 'learners', 'found'],
		[
			[
				'holdings + progress + plan to nearest qualification',
				fmt(quantile(planTimes, 0.5)),
				fmt(quantile(planTimes, 0.95)),
				sample.length,
				`${planned} plans`
			],
			[
				`next-step suggestions, k = 5 (model built once: ${fmt(modelSeconds)} s)`,
				fmt(quantile(recommendTimes, 0.5)),
				fmt(quantile(recommendTimes, 0.95)),
				sample.length,
				`${suggested} with suggestions`
			]
		]
	);
}

/** The pages under load through the built server (which closes the database first). */
async function benchHttp(target: Target, db: Db) {
	const http = await httpLoad(target, db, 4390);
	table(
		[
			'HTTP, 50 clients, ' + HTTP_SECONDS + ' s',
			'first alone ms',
			'requests',
			'req/s',
			'p50 ms',
			'p95 ms',
			'errors'
		],
		http
	);
}

console.log(`# Stackwise benchmark — ${new Date().toISOString()}`);
console.log(
	`machine: ${cpus().length} cores (${cpus()[0]?.model}), ${fmt(totalmem() / 2 ** 30, 0)} GiB; node ${process.version}`
);
try {
	console.log(
		`PostgreSQL: ${execFileSync('psql', ['--version']).toString().trim()} at ${PG_URL.replace(/\/\/.*@/, '//')}`
	);
} catch {
	/* psql not installed: the server's version is not essential */
}
for (const size of values.sizes!.split(',').map(parseSize)) await benchSize(size);
