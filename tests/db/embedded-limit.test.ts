// The embedded database's bound: an import that would leave more enrolments than it is meant to
// hold is refused whole, before its sums are counted, with a message naming DATABASE_URL; the
// rows already there stay as they were. PostgreSQL has no such bound.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, EMBEDDED_ENROLMENT_LIMIT, type Db } from '../../src/lib/server/db/client.ts';
import { collectFiles, importFiles } from '../../src/lib/server/import/index.ts';

const LEARNER_HEADER =
	'id,gender,age_band,disability,deprivation_band,region,prior_education,analytics_consent,identity_hash,origin';
const ENROLMENT_HEADER = 'learner_id,id,credential_id,cohort,started_on,ended_on,status,result';

function writeLearners(dir: string, prefix: string, count: number) {
	const ids = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
	writeFileSync(
		join(dir, `${prefix}-learners.csv`),
		[LEARNER_HEADER, ...ids.map((id) => `${id},F,0-35,N,,North,,true,,real`)].join('\n') + '\n'
	);
	writeFileSync(
		join(dir, `${prefix}-enrolments.csv`),
		[ENROLMENT_HEADER, ...ids.map((id) => `${id},${id}-e,EL-1,2023A,2023-01-10,2023-05-20,completed,`)].join(
			'\n'
		) + '\n'
	);
	return [join(dir, `${prefix}-learners.csv`), join(dir, `${prefix}-enrolments.csv`)];
}

describe('the embedded database limit', () => {
	let dir: string;
	let db: Db;
	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'stackwise-limit-'));
		writeFileSync(
			join(dir, 'providers.csv'),
			'id,name,kind,country,qa_approach,accredited,origin\nel-p,Limit College,vet,AU,,true,real\n'
		);
		writeFileSync(
			join(dir, 'credentials.csv'),
			'id,provider_id,title,kind,level_framework,level,workload_hours,credits,credit_system,assessed,assessment_type,participation_mode,quality_assured,description,learning_outcomes,valid_from,valid_to,unparsed,origin\n' +
				'EL-1,el-p,Limit credential,micro,,4,30,5,ECTS,true,exam,online,,,Outcome,2023-01-01,,,real\n'
		);
		db = await createDb({ enrolmentLimit: 25 });
	}, 180_000);
	afterAll(async () => {
		await db?.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('has a bound on PGlite by default and none on PostgreSQL', { timeout: 180_000 }, async () => {
		const embedded = await createDb();
		try {
			expect(embedded.engine).toBe('pglite');
			expect(embedded.enrolmentLimit).toBe(EMBEDDED_ENROLMENT_LIMIT);
		} finally {
			await embedded.close();
		}
		if (process.env.DATABASE_URL) {
			const server = await createDb({ url: process.env.DATABASE_URL, migrate: false });
			try {
				expect(server.enrolmentLimit).toBeNull();
			} finally {
				await server.close();
			}
		}
	});

	it('takes an import up to the bound and refuses, whole, one past it', async () => {
		const catalogue = await importFiles(
			db,
			collectFiles([join(dir, 'providers.csv'), join(dir, 'credentials.csv')])
		);
		expect(catalogue.reports.map((r) => r.status)).toEqual(['succeeded']);
		const first = await importFiles(db, collectFiles(writeLearners(dir, 'a', 20)));
		expect(first.reports.map((r) => r.status)).toEqual(['succeeded']);

		const second = await importFiles(db, collectFiles(writeLearners(dir, 'b', 6)));
		expect(second.reports.map((r) => r.status)).not.toContain('succeeded');
		const message = JSON.stringify(second.reports.map((r) => r.refusal));
		expect(message).toMatch(/26 enrolments in the embedded database, past its limit of 25/);
		expect(message).toMatch(/DATABASE_URL/);
		const [{ enrolments, learners }] = await db.query<{ enrolments: number; learners: number }>(
			sql`select (select count(*)::int from enrolments) as enrolments, (select count(*)::int from learners) as learners`
		);
		expect({ enrolments, learners }).toEqual({ enrolments: 20, learners: 20 });

		const upToIt = await importFiles(db, collectFiles(writeLearners(dir, 'c', 5)));
		expect(upToIt.reports.map((r) => r.status)).toEqual(['succeeded']);
	}, 120_000);
});
