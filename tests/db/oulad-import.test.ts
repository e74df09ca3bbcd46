import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bundledDataPath, collectFiles, importFiles } from '../../src/lib/server/import/index.ts';
import { countRows } from '../../src/lib/server/import/loader.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import { engines } from './engines.ts';

describe.each(engines)('OULAD import on $name', (engine) => {
	let db: Db;
	beforeAll(async () => {
		db = await engine.open();
	});
	afterAll(async () => {
		await db?.close();
	});

	it('loads the bundled dataset with reconciled counts', async () => {
		const { reports, unrecognised } = await importFiles(db, collectFiles([bundledDataPath()]));
		expect(unrecognised).toEqual([]);
		expect(reports).toHaveLength(1);
		const [report] = reports;
		expect(report.status).toBe('succeeded');
		const byFile = Object.fromEntries(report.files.map((f) => [f.path.split('/').pop(), f]));
		expect(byFile['studentInfo.csv.gz']).toMatchObject({ read: 32593, stored: 32593, rejected: 0 });
		expect(byFile['studentRegistration.csv.gz']).toMatchObject({ read: 32593, stored: 32593, rejected: 0 });
		expect(byFile['courses.csv.gz']).toMatchObject({ read: 22, stored: 22, rejected: 0 });
		expect(byFile['studentInfo.csv.gz'].verification).toEqual({
			verified: 0,
			failed: 0,
			unsigned: 15385,
			unverified: 0
		});

		const counts = await countRows(db);
		expect(counts).toMatchObject({
			providers: 1,
			credentials: 7,
			learners: 28785,
			enrolments: 32593,
			awards: 15385
		});
		const status = await db.query<{ status: string; n: number }>(
			sql`select status, count(*)::int as n from enrolments group by status order by status`
		);
		expect(Object.fromEntries(status.map((r) => [r.status, r.n]))).toEqual({
			completed: 15385,
			withdrawn: 10156,
			failed: 7052
		});
	});

	it('maps a registration exactly as specified', async () => {
		// AAA 2013J student 30268: Withdrawn, date_unregistration 12 → ended 12 days after 1 Oct 2013.
		const [withdrawn] = await db.query(sql`select * from enrolments where id = 'AAA-2013J-30268'`);
		expect(withdrawn).toMatchObject({
			learner_id: 'oulad-30268',
			credential_id: 'AAA',
			cohort: '2013J',
			started_on: '2013-10-01',
			ended_on: '2013-10-13',
			status: 'withdrawn',
			result: null
		});
		// AAA 2013J lasts 268 days; student 11391 passed.
		const [award] = await db.query(sql`select * from awards where id = 'AAA-2013J-11391'`);
		expect(award).toMatchObject({
			issued_on: '2014-06-26',
			verification: 'unsigned',
			enrolment_id: 'AAA-2013J-11391'
		});
		const [learner] = await db.query(sql`select * from learners where id = 'oulad-30268'`);
		expect(learner).toMatchObject({
			gender: 'F',
			region: 'North Western Region',
			prior_education: 'A Level or Equivalent',
			deprivation_band: '30-40%',
			age_band: '35-55',
			disability: 'Y'
		});
		const bands = await db.query<{ deprivation_band: string }>(
			sql`select distinct deprivation_band from learners order by 1`
		);
		expect(bands.map((b) => b.deprivation_band)).toContain('10-20%');
		expect(bands.map((b) => b.deprivation_band)).toContain('not stated');
		expect(bands.map((b) => b.deprivation_band)).not.toContain('10-20');
	});

	it('changes nothing when the same data is imported again', async () => {
		const before = await countRows(db);
		const { reports } = await importFiles(db, collectFiles([bundledDataPath()]));
		expect(reports[0].status).toBe('succeeded');
		for (const change of Object.values(reports[0].changed))
			expect(change).toEqual({ inserted: 0, updated: 0 });
		expect(await countRows(db)).toEqual(before);
		const history = await db.query<{ status: string; rows_read: number }>(
			sql`select status, rows_read from imports order by id`
		);
		expect(history).toEqual([
			{ status: 'succeeded', rows_read: 65208 },
			{ status: 'succeeded', rows_read: 65208 }
		]);
	});
});
