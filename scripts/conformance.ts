// `npm run test:conformance`: every file of the shared real data (../shared/data, or the folder
// given) through the real importer into a fresh database — PGlite, and PostgreSQL too when
// DATABASE_URL is set — with a per-format summary. Refusing a broken file is correct behaviour;
// the run fails only when a file crashes the importer (an import that ends 'failed').
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import postgres from 'postgres';
import { createDb, type Db } from '../src/lib/server/db/client.ts';
import { collectFiles, importFiles } from '../src/lib/server/import/index.ts';

const root = resolve(process.argv[2] ?? '../shared/data');
if (!existsSync(root)) {
	console.error(`conformance: ${root} does not exist (pass the shared data folder)`);
	process.exit(2);
}

async function freshPostgres(url: string): Promise<Db> {
	const name = `stackwise_conformance_${process.pid}`;
	const admin = postgres(url, { max: 1, onnotice: () => {} });
	await admin.unsafe(`drop database if exists "${name}" with (force)`);
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

let crashed = 0;
const engines: [string, () => Promise<Db>][] = [['pglite', () => createDb()]];
if (process.env.DATABASE_URL) engines.push(['postgres', () => freshPostgres(process.env.DATABASE_URL!)]);

for (const [engine, open] of engines) {
	const db = await open();
	try {
		const started = performance.now();
		const { reports, unrecognised } = await importFiles(db, collectFiles([root]));
		const seconds = (performance.now() - started) / 1000;
		type Row = {
			imports: number;
			files: number;
			read: number;
			stored: number;
			rejected: number;
			refused: number;
			failed: number;
			verified: number;
			unverified: number;
			failedVerification: number;
			unsigned: number;
		};
		const byFormat = new Map<string, Row>();
		for (const report of reports) {
			const row =
				byFormat.get(report.format) ??
				byFormat
					.set(report.format, {
						imports: 0,
						files: 0,
						read: 0,
						stored: 0,
						rejected: 0,
						refused: 0,
						failed: 0,
						verified: 0,
						unverified: 0,
						failedVerification: 0,
						unsigned: 0
					})
					.get(report.format)!;
			row.imports++;
			if (report.status === 'refused') row.refused++;
			if (report.status === 'failed') {
				row.failed++;
				crashed++;
				console.error(
					`CRASH ${report.files.map((f) => f.path).join(', ')}: ${report.refusal.map((r) => r.message).join('; ')}`
				);
			}
			for (const f of report.files) {
				row.files++;
				row.read += f.read;
				row.stored += f.stored;
				row.rejected += f.rejected;
				row.verified += f.verification.verified;
				row.unverified += f.verification.unverified;
				row.failedVerification += f.verification.failed;
				row.unsigned += f.verification.unsigned;
				if (f.read !== f.stored + f.rejected) {
					crashed++;
					console.error(
						`UNRECONCILED ${f.path}: read ${f.read} ≠ stored ${f.stored} + rejected ${f.rejected}`
					);
				}
			}
		}
		console.log(`\nConformance on ${engine}: ${root} (${seconds.toFixed(1)} s)\n`);
		const header = [
			'format',
			'imports',
			'files',
			'read',
			'stored',
			'rejected',
			'refused',
			'crashed',
			'verified',
			'unverified',
			'failed',
			'unsigned'
		];
		console.log(header.map((h) => h.padStart(10)).join(''));
		for (const [format, r] of [...byFormat].sort())
			console.log(
				[
					format,
					r.imports,
					r.files,
					r.read,
					r.stored,
					r.rejected,
					r.refused,
					r.failed,
					r.verified,
					r.unverified,
					r.failedVerification,
					r.unsigned
				]
					.map((x) => String(x).padStart(10))
					.join('')
			);
		console.log(`\n  not a format Stackwise reads (skipped): ${unrecognised.length}`);
		for (const f of unrecognised) console.log(`    ${f.path}`);
	} finally {
		await db.close();
	}
}
console.log(`\nimporter crashes: ${crashed}`);
process.exitCode = crashed > 0 ? 1 : 0;
