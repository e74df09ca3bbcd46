// Latency of next-step suggestions. Prints tables; asserts nothing (docs/decisions/0003-benchmarks-print-never-assert.md).
//   npm run bench:recommend -- [--datasets bundled,1m] [--learners 200] [--work DIR]
//                              [--bundled-data-dir DIR]
// For each dataset: the recommender's model (sequences, skills, outlook: getRecommenderData) is
// built once and timed apart, then getRecommendations(k = 5) — what the API route and the learner
// page call, with its own queries (history, holdings, catalogue and model freshness checks) — is
// timed per learner over a sample of learners (order by md5(id), so the same learners each run).
//   bundled — the data a fresh install seeds (OULAD real, training.gov.au rules, generated demo
//             learners) in PGlite, the default engine: in memory, or --bundled-data-dir (seeded
//             when empty, reused after);
//   1m      — about 1,000,000 generated enrolments (`stackwise generate`, seed 9, as `npm run
//             bench` makes them; the files are kept in --work), imported into a PostgreSQL
//             database of its own (stackwise_benchrec, created and dropped here) on the server of
//             DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test; its own database is
//             never touched).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { createDb, type Db } from '../src/lib/server/db/client.ts';
import { generateSynthetic } from '../src/lib/server/generate.ts';
import { seedIfEmpty } from '../src/lib/server/seed.ts';
import { getCatalogueIndex } from '../src/lib/server/queries/catalogue-cache.ts';
import { getLearnerHoldings } from '../src/lib/server/queries/pathway.ts';
import { readSettings } from '../src/lib/server/config.ts';
import { recommend } from '../src/lib/domain/recommend/index.ts';
import { withheldBelow } from '../src/lib/domain/suppression/policy.ts';
import type { EnrolmentStatus } from '../src/lib/domain/types.ts';
import {
	getRecommendations,
	getRecommenderData,
	invalidateRecommender,
	publishOutlook,
	type ModelOrigin
} from '../src/lib/server/queries/recommend.ts';
import { importChild } from './bench/run-import.ts';
import { fmt, quantile, table } from './report.ts';

const { values } = parseArgs({
	options: {
		datasets: { type: 'string', default: 'bundled,1m' },
		learners: { type: 'string', default: '200' },
		work: { type: 'string', default: join(tmpdir(), 'stackwise-benchrec') },
		'bundled-data-dir': { type: 'string' }
	}
});
const SAMPLE = Number(values.learners);
const PG_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const BENCH_DB = 'stackwise_benchrec';
// Measured on the generator (scripts/bench.ts): 13.55 enrolments per learner.
const ENROLMENTS_PER_LEARNER = 13.55;

const log = (line: string) => process.stderr.write(line + '\n');

type Row = (string | number)[];

/** Model build, then per-learner latency, for the learners of one origin. */
async function benchOrigin(db: Db, origin: ModelOrigin, label: string): Promise<Row | null> {
	const sample = await db.query<{ id: string }>(sql`
		select l.id from learners l where ${origin === 'real' ? sql`l.origin = 'real'` : sql`l.origin <> 'real'`}
		and exists (select 1 from enrolments e where e.learner_id = l.id)
		order by md5(l.id) limit ${SAMPLE}`);
	if (sample.length === 0) return null;
	invalidateRecommender();
	await getCatalogueIndex(db);
	const buildStarted = performance.now();
	const data = await getRecommenderData(db, origin);
	const buildSeconds = (performance.now() - buildStarted) / 1000;
	// One warm-up call (query plans, code paths), not counted.
	await getRecommendations(db, sample[0].id, { k: 5, suppression: readSettings().disclosure });
	const times: number[] = [];
	const domainTimes: number[] = [];
	let withSuggestions = 0;
	const asOf = new Date().toISOString().slice(0, 10);
	const index = await getCatalogueIndex(db);
	for (const { id } of sample) {
		const t = performance.now();
		const result = await getRecommendations(db, id, { k: 5, asOf, suppression: readSettings().disclosure });
		times.push(performance.now() - t);
		if (result?.recommendations.length) withSuggestions++;
		// The pure ranking alone on the same inputs, to tell its time from the queries'.
		const history = (
			await db.query<{
				credential: string;
				status: EnrolmentStatus;
				started_on: string;
				ended_on: string | null;
			}>(sql`
			select credential_id as credential, status, started_on::text as started_on, ended_on::text as ended_on
			from enrolments where learner_id = ${id} and started_on <= ${asOf}::date order by started_on, id`)
		).map((r) => ({
			credential: r.credential,
			status: r.status,
			startedOn: r.started_on,
			endedOn: r.ended_on
		}));
		const awarded = await getLearnerHoldings(db, id, asOf);
		const d = performance.now();
		recommend({
			index,
			model: data.model,
			history,
			awarded,
			asOf,
			k: 5,
			skills: data.skills,
			outlook: publishOutlook(data.outlook, readSettings().cliDisclosure),
			minLearners: withheldBelow(readSettings().cliDisclosure)
		});
		domainTimes.push(performance.now() - d);
	}
	return [
		label,
		data.learners.toLocaleString('en'),
		fmt(buildSeconds, 2),
		sample.length,
		fmt(quantile(times, 0.5)),
		fmt(quantile(times, 0.95)),
		fmt(Math.max(...times)),
		`${fmt(quantile(domainTimes, 0.5))} / ${fmt(quantile(domainTimes, 0.95))}`,
		withSuggestions
	];
}

const HEADER = [
	'dataset / learners asked',
	'learners in model',
	'model build s',
	'learners sampled',
	'p50 ms',
	'p95 ms',
	'max ms',
	'recommend() alone p50 / p95 ms',
	'with suggestions'
];

async function counts(db: Db) {
	const [row] = await db.query<{ learners: number; enrolments: number; credentials: number }>(sql`
		select (select count(*) from learners)::int as learners, (select count(*) from enrolments)::int as enrolments,
		(select count(*) from credentials)::int as credentials`);
	return `${row.learners.toLocaleString('en')} learners, ${row.enrolments.toLocaleString('en')} enrolments, ${row.credentials.toLocaleString('en')} credentials`;
}

async function benchBundled() {
	const dir = values['bundled-data-dir'];
	console.log(
		`\n## bundled data (OULAD, training.gov.au, generated demo learners) on PGlite${dir ? '' : ' (in memory)'}`
	);
	const db = await createDb(dir ? { dataDir: dir } : {});
	try {
		const t = performance.now();
		await seedIfEmpty(db, { seed: 'oulad,tga,demo', log });
		log(`bundled data ready in ${fmt((performance.now() - t) / 1000)} s`);
		console.log(`  ${await counts(db)}`);
		const rows = [
			await benchOrigin(db, 'real', 'bundled: real (OULAD) learners'),
			await benchOrigin(db, 'generated', 'bundled: generated demo learners')
		].filter((r): r is Row => r !== null);
		table(HEADER, rows);
		console.log(`  after: ${load()}`);
	} finally {
		await db.close();
	}
}

async function benchGenerated(size: number) {
	const learners = Math.round(size / ENROLMENTS_PER_LEARNER);
	const dir = join(values.work!, String(size));
	const marker = join(dir, 'generated.json');
	if (!existsSync(marker)) {
		mkdirSync(dir, { recursive: true });
		log(`generating ${learners.toLocaleString('en')} learners in ${dir}`);
		const t = performance.now();
		const result = await generateSynthetic({ learners, seed: 9, outDir: dir, format: 'csv' });
		writeFileSync(marker, JSON.stringify({ ...result, seconds: (performance.now() - t) / 1000 }));
	}
	console.log(
		`\n## ${size.toLocaleString('en')} enrolments target: generated (seed 9), PostgreSQL database ${BENCH_DB}`
	);
	const admin = postgres(PG_URL, { max: 1, onnotice: () => {} });
	const url = new URL(PG_URL);
	url.pathname = `/${BENCH_DB}`;
	await admin.unsafe(`drop database if exists "${BENCH_DB}" with (force)`);
	await admin.unsafe(`create database "${BENCH_DB}"`);
	try {
		// The import in a child process of its own, as `npm run bench` does it.
		log(`importing ${dir} into ${BENCH_DB}`);
		const imported = await importChild(dir, url.toString());
		const db = await createDb({ url: url.toString() });
		try {
			await db.query(sql`analyze`);
			console.log(
				`  ${await counts(db)} (import ${fmt(imported.seconds)} s, ${imported.rows.toLocaleString('en')} rows)`
			);
			const row = await benchOrigin(db, 'generated', 'generated learners');
			table(HEADER, row ? [row] : []);
			console.log(`  after: ${load()}`);
		} finally {
			await db.close();
		}
	} finally {
		await admin.unsafe(`drop database if exists "${BENCH_DB}" with (force)`);
		await admin.end();
	}
}

console.log(`# Next-step suggestion latency — ${new Date().toISOString()}`);
console.log(
	`machine: ${cpus().length} cores (${cpus()[0]?.model}), ${fmt(totalmem() / 2 ** 30, 0)} GiB; node ${process.version}; ` +
		`per learner: getRecommendations(k = 5) after one warm-up call; model build timed apart`
);
// Latency on a shared machine is only as good as its load: printed at the start and per table.
const load = () =>
	`load average ${loadavg()
		.map((x) => x.toFixed(1))
		.join(' / ')} (1 / 5 / 15 min)`;
console.log(load());
for (const dataset of values.datasets!.split(',').map((s) => s.trim())) {
	if (dataset === 'bundled') await benchBundled();
	else {
		const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(dataset);
		if (!m) throw new Error(`--datasets: "${dataset}" is not bundled or a size like 1m`);
		const size = Math.round(
			Number(m[1]) * (m[2].toLowerCase() === 'm' ? 1e6 : m[2].toLowerCase() === 'k' ? 1e3 : 1)
		);
		await benchGenerated(size);
	}
}
