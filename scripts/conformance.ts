// `npm run test:conformance`: every file of the shared real data (../shared/data, or the folder
// given) through the real importer into a fresh database — PGlite, and PostgreSQL too when
// DATABASE_URL is set — with a per-format summary. Refusing a broken file is correct behaviour;
// the run fails when a file crashes the importer (an import that ends 'failed'), and when a
// check against the data's own statement fails:
//   - `stackwise verify` gives every W3C VC 2.0 test-suite input (w3c-vc2/input) the verdict its
//     name states (-ok conforms, -fail does not);
//   - the University of North Texas pathway (ctdl/badgr) gives the same requirement tree from the
//     Badgr export and from the bulk-upload CSV, and the same plan from nothing for every target.
//   - a wide student-record extract (one row per student, a `Target` outcome column: the public
//     dropout/academic-success extract, when the shared data has it) imports through
//     the draft `--suggest-profile` makes, completed with what its documentation says (Gender
//     1 = male, 0 = female; constant dates), and its completion overall and by gender equals the
//     Target column counted straight from the file.
// Those files may not be committed (ctdl has no licence), so these checks live here, not in npm test.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import postgres from 'postgres';
import { createDb, type Db } from '../src/lib/server/db/client.ts';
import { collectFiles, importFiles } from '../src/lib/server/import/index.ts';
import { parseBadgrPathway } from '../src/lib/server/import/pathways/badgr.ts';
import { parsePathwayCsv } from '../src/lib/server/import/pathways/ce-csv.ts';
import { comparableTrees } from '../src/lib/server/import/pathways/tree.ts';
import type { ParsedUnit } from '../src/lib/server/import/records.ts';
import { verifyFile } from '../src/lib/server/import/verify-file.ts';
import { getPlan } from '../src/lib/server/queries/pathway.ts';
import { readWideSample, wideRecords } from '../src/lib/server/import/profile/profile-format.ts';
import { headerName, parseProfile } from '../src/lib/server/import/profile/profile.ts';
import { suggestProfile } from '../src/lib/server/import/profile/suggest.ts';
import { describeLayout } from '../src/lib/server/import/text-layout.ts';
import { getCompletionCounts } from '../src/lib/server/queries/completion.ts';
import { SYSTEM } from '../src/lib/server/queries/scope.ts';
import type { RequirementGroup } from '../src/lib/domain/types.ts';

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
let wrong = 0;

// Every W3C VC 2.0 test-suite input against the verdict its name states.
const vcInputs = join(root, 'w3c-vc2/input');
if (existsSync(vcInputs)) {
	const tally = { agreed: 0, disagreed: 0, unstated: 0 };
	for (const name of readdirSync(vcInputs)
		.filter((n) => n.endsWith('.json'))
		.sort()) {
		const [check] = await verifyFile(new Uint8Array(readFileSync(join(vcInputs, name))), name);
		const stated = /-ok\.json$/.test(name) ? true : /-fail(-or-inject)?\.json$/.test(name) ? false : null;
		if (stated === null) {
			tally.unstated++;
			console.log(
				`  ${name}: no verdict in its name; verify says ${check.conforms ? 'conforms' : 'does not conform'}`
			);
		} else if (check.conforms === stated) tally.agreed++;
		else {
			tally.disagreed++;
			wrong++;
			console.error(
				`WRONG VERDICT ${name}: verify says ${check.conforms ? 'conforms' : `does not conform (${check.problems.map((p) => p.rule).join(', ')})`}`
			);
		}
	}
	console.log(
		`\nVC 2.0 test-suite inputs: ${tally.agreed} agree with their names, ${tally.disagreed} disagree, ${tally.unstated} state no verdict`
	);
}

// The UNT pathway from its Badgr export and from its bulk-upload CSV.
const badgrDir = join(root, 'ctdl/badgr');
const badgrFile = existsSync(badgrDir) ? readdirSync(badgrDir).find((n) => n.endsWith('.json')) : undefined;
const csvFile = existsSync(badgrDir) ? readdirSync(badgrDir).find((n) => n.endsWith('.csv')) : undefined;
if (badgrFile && csvFile) {
	const groupsOf = async (units: AsyncIterable<ParsedUnit>) => {
		const groups: RequirementGroup[] = [];
		for await (const unit of units) {
			if (unit.kind === 'rejected') throw new Error(`rejected: ${JSON.stringify(unit.issues)}`);
			for (const r of unit.rows) if (r.table === 'requirement_groups') groups.push(r.row);
		}
		return comparableTrees(groups);
	};
	const bytes = (name: string) => new Uint8Array(readFileSync(join(badgrDir, name)));
	const fromBadgr = await groupsOf(parseBadgrPathway({ file: badgrFile, bytes: bytes(badgrFile) }));
	const fromCsv = await groupsOf(parsePathwayCsv({ file: csvFile, bytes: bytes(csvFile) }));
	const sameTree = isDeepStrictEqual(fromBadgr, fromCsv);
	if (!sameTree) wrong++;
	const plansOf = async (file: string) => {
		const db = await createDb();
		try {
			await importFiles(db, collectFiles([join(badgrDir, file)]));
			const out: Record<string, number | string> = {};
			for (const target of Object.keys(fromBadgr)) {
				const plan = await getPlan(db, { held: [], target, objective: 'count' });
				out[target] = plan.ok ? plan.plan.total.count : plan.error;
			}
			return out;
		} finally {
			await db.close();
		}
	};
	const [plansBadgr, plansCsv] = [await plansOf(badgrFile), await plansOf(csvFile)];
	const samePlans = isDeepStrictEqual(plansBadgr, plansCsv);
	if (!samePlans) wrong++;
	console.log(
		`\nUNT pathway: ${Object.keys(fromBadgr).length} targets, requirement trees from Badgr and CSV ${sameTree ? 'identical' : 'DIFFER'}; plans from nothing ${samePlans ? 'identical' : 'DIFFER'}`
	);
	for (const [target, count] of Object.entries(plansBadgr))
		console.log(`  ${target}: ${count} (Badgr) / ${plansCsv[target]} (CSV)`);
}

// Wide student-record extracts (docs/decisions/0014-mapping-profiles-for-wide-extracts.md): any delimited file whose header has a Target column.
for (const file of collectFiles([root]).filter((f) => /\.(csv|tsv|txt)$/i.test(f.name))) {
	const sample = await readWideSample(file, { rows: 500 }).catch(() => null);
	const names = sample?.header.map(headerName) ?? [];
	const target = names.indexOf('Target');
	const gender = names.indexOf('Gender');
	if (!sample || target < 0 || gender < 0) continue;
	const draft = suggestProfile(
		sample.header,
		sample.rows.map((r) => r.fields),
		sample.layout,
		'extract'
	);
	const fields = {
		...draft.profile.fields,
		gender: { column: 'Gender', map: { '1': 'M', '0': 'F' } },
		started_on: { value: '2008-09-01' },
		ended_on: { value: '2019-07-31' }
	};
	const parsed = parseProfile({ ...draft.profile, fields });
	if ('problems' in parsed) {
		wrong++;
		console.log(`\n${file.path}: the completed draft profile is not usable: ${parsed.problems.join('; ')}`);
		continue;
	}
	// The figures straight from the file: Graduate ÷ (Graduate + Dropout), Enrolled apart, per gender.
	const expected = new Map<string, { completed: number; known: number; inProgress: number }>();
	let rows = 0;
	for await (const { record } of wideRecords(file, parsed.profile)) {
		rows++;
		const outcome = record.fields[target].trim();
		for (const key of ['all', record.fields[gender].trim() === '1' ? 'M' : 'F']) {
			const e = expected.get(key) ?? expected.set(key, { completed: 0, known: 0, inProgress: 0 }).get(key)!;
			if (outcome === 'Graduate') e.completed++;
			if (outcome === 'Graduate' || outcome === 'Dropout') e.known++;
			if (outcome === 'Enrolled') e.inProgress++;
		}
	}
	const db = await createDb();
	try {
		const { reports } = await importFiles(db, [file], { profile: parsed.profile });
		const [f] = reports[0].files;
		const context = { scope: SYSTEM, filters: { providerId: 'extract' }, source: 'base' as const };
		const overall = (await getCompletionCounts(db, context))[0];
		const byGender = await getCompletionCounts(db, { ...context, by: ['gender'] });
		const got = new Map([['all', overall], ...byGender.map((c) => [c.groups[0], c] as const)]);
		const agrees = [...expected].every(([key, e]) => {
			const g = got.get(key);
			return g && g.completed === e.completed && g.known === e.known && g.inProgress === e.inProgress;
		});
		if (!agrees || f.read !== rows || f.rejected !== 0) wrong++;
		console.log(
			`\nWide extract ${file.path} (${f.text ? describeLayout(f.text) : 'layout unknown'}, ${names.length} columns): read ${f.read}, stored ${f.stored}, rejected ${f.rejected}; ` +
				`draft profile: status from "${(draft.profile.fields.status as { column: string }).column}", gender ${JSON.stringify(draft.profile.fields.gender)}`
		);
		for (const [key, e] of expected)
			console.log(
				`  ${key}: file ${e.completed} of ${e.known} (${e.inProgress} enrolled); Stackwise ${got.get(key)?.completed} of ${got.get(key)?.known} (${got.get(key)?.inProgress} in progress)`
			);
		console.log(
			`  completion by gender ${agrees ? 'agrees' : 'DISAGREES'} with the file's own Target column`
		);
	} finally {
		await db.close();
	}
}

console.log(`\nimporter crashes: ${crashed}; checks that disagree with the data's own statement: ${wrong}`);
process.exitCode = crashed + wrong > 0 ? 1 : 0;
