// The rollups answer exactly what the base tables answer: for every question shape they hold, on
// real (OULAD) and generated learners, after the first import, after a second import that changes
// some credentials, after a consent change and after retention. Questions they do not hold fall
// through to the base tables.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db/client.ts';
import { demoLearnersJob } from '../../src/lib/server/import/generated.ts';
import { bundledDataPath, collectFiles, importFiles } from '../../src/lib/server/import/index.ts';
import { runImportJob } from '../../src/lib/server/import/loader.ts';
import { bufferSource } from '../../src/lib/server/import/source.ts';
import { getAwardCounts, getCatalogue } from '../../src/lib/server/queries/catalogue.ts';
import { getCompletionCounts, type BreakdownContext } from '../../src/lib/server/queries/completion.ts';
import { rollupQuestion } from '../../src/lib/server/queries/rollup-read.ts';
import { SYSTEM } from '../../src/lib/server/queries/scope.ts';
import { getOverview } from '../../src/lib/server/queries/overview.ts';
import { getDayCounts } from '../../src/lib/server/queries/time-to-credential.ts';
import { applyRetention, setAnalyticsConsent } from '../../src/lib/server/privacy.ts';
import { engines } from './engines.ts';

const QUESTIONS: BreakdownContext[] = [
	{ scope: SYSTEM },
	{ scope: SYSTEM, by: ['gender'] },
	{ scope: SYSTEM, by: ['deprivation_band'] },
	{ scope: SYSTEM, by: ['credential'] },
	{ scope: SYSTEM, by: ['cohort'] },
	{ scope: SYSTEM, by: ['cohort'], data: 'generated' },
	{ scope: SYSTEM, by: ['provider'] },
	{ scope: SYSTEM, by: ['age_band'], filters: { credentialId: 'FFF' } },
	{ scope: SYSTEM, by: ['disability'], filters: { cohort: '2014J' } },
	{ scope: SYSTEM, by: ['credential'], filters: { providerId: 'open-university' } },
	{ scope: { kind: 'provider', providerId: 'open-university' }, by: ['region'] },
	{ scope: SYSTEM, by: ['gender'], data: 'generated' },
	{ scope: SYSTEM, by: ['credential'], data: 'all' },
	{ scope: SYSTEM, data: 'generated' },
	{ scope: SYSTEM, data: 'all' },
	{ scope: { kind: 'provider', providerId: 'open-university' } },
	{ scope: SYSTEM, filters: { credentialId: 'AAA' } },
	{ scope: SYSTEM, filters: { cohort: '2014B' } }
];

const label = (q: BreakdownContext) => JSON.stringify(q);

async function expectRollupsMatchBase(db: Db) {
	for (const question of QUESTIONS) {
		expect(rollupQuestion(question), label(question)).not.toBeNull();
		const [fromRollups, fromBase] = await Promise.all([
			getCompletionCounts(db, question),
			getCompletionCounts(db, { ...question, source: 'base' })
		]);
		expect(fromRollups, label(question)).toEqual(fromBase);
		const [daysFromRollups, daysFromBase] = await Promise.all([
			getDayCounts(db, question),
			getDayCounts(db, { ...question, source: 'base' })
		]);
		expect(daysFromRollups, label(question)).toEqual(daysFromBase);
		if (!question.by?.length)
			expect(await getOverview(db, question), label(question)).toEqual(
				await getOverview(db, { ...question, source: 'base' })
			);
	}
	// Awards per credential (definition conformance) from award_rollup, as the base tables count them.
	let counted = 0;
	for (const question of [
		{},
		{ data: 'generated' as const },
		{ data: 'all' as const, verifiedOnly: true },
		{ providerId: 'open-university' }
	]) {
		const fromRollups = await getAwardCounts(db, question);
		counted += fromRollups.size;
		expect(fromRollups, JSON.stringify(question)).toEqual(
			await getAwardCounts(db, { ...question, source: 'base' })
		);
	}
	expect(counted).toBeGreaterThan(0);
}

describe.each(engines)('rollups on $name', (engine) => {
	let db: Db;
	beforeAll(async () => {
		db = await engine.open();
		await importFiles(db, collectFiles([bundledDataPath('oulad'), bundledDataPath('tga')]));
		await runImportJob(db, demoLearnersJob(await getCatalogue(db), { seed: 5, count: 300 }));
	}, 180_000);
	afterAll(async () => {
		await db?.close();
	});

	it('answers every dashboard question as the base tables do', async () => {
		const [{ rows }] = await db.query<{ rows: number }>(
			sql`select count(*)::int as rows from enrolment_rollup where keyset = ''`
		);
		const [{ enrolments }] = await db.query<{ enrolments: number }>(
			sql`select count(*)::int as enrolments from enrolments`
		);
		// The system-wide rollup a dashboard reads (one dimension at a time): far fewer rows than it summarises.
		expect(rows / 7).toBeLessThan(enrolments / 10);
		await expectRollupsMatchBase(db);
	});

	it('leaves questions it does not hold to the base tables', () => {
		expect(rollupQuestion({ scope: SYSTEM, asOf: '2014-06-30' })).toBeNull();
		expect(rollupQuestion({ scope: SYSTEM, by: ['gender', 'age_band'] })).toBeNull();
		expect(rollupQuestion({ scope: SYSTEM, filters: { level: '3' } })).toBeNull();
		expect(rollupQuestion({ scope: { kind: 'learner', learnerId: 'oulad-11391' } })).toBeNull();
		expect(rollupQuestion({ scope: SYSTEM, by: ['cohort'], filters: { credentialId: 'AAA' } })).toBeNull();
	});

	it('follows a second import that changes some credentials and some learners', async () => {
		const before = await getCompletionCounts(db, { scope: SYSTEM, by: ['credential'] });
		// Learner 11391 moves to another band; two AAA enrolments end differently; a new learner arrives.
		const learners = [
			'id,gender,age_band,disability,deprivation_band,region,prior_education',
			'oulad-11391,F,55<=,Y,90-100%,Scotland,Post Graduate Qualification',
			'new-1,M,0-35,N,0-10%,Wales,A Level or Equivalent'
		];
		const enrolments = [
			'learner_id,id,credential_id,cohort,started_on,ended_on,status',
			'new-1,AAA-2014J,AAA,2014J,2014-10-01,2015-01-20,completed',
			'new-1,GGG-2014J,GGG,2014J,2014-10-01,,in_progress'
		];
		const { reports } = await importFiles(db, [
			bufferSource('learners.csv', Buffer.from(learners.join('\n') + '\n')),
			bufferSource('enrolments.csv', Buffer.from(enrolments.join('\n') + '\n'))
		]);
		expect(reports.map((r) => r.status)).toEqual(['succeeded']);
		expect(reports[0].files.map((f) => [f.read, f.stored])).toEqual([
			[2, 2],
			[2, 2]
		]);

		const after = await getCompletionCounts(db, { scope: SYSTEM, by: ['credential'] });
		expect(after).not.toEqual(before);
		await expectRollupsMatchBase(db);
	});

	it('follows a consent change and retention', async () => {
		const before = await getCompletionCounts(db, { scope: SYSTEM, by: ['gender'] });
		expect(await setAnalyticsConsent(db, 'oulad-11391', false, null)).toBe(true);
		expect(await getCompletionCounts(db, { scope: SYSTEM, by: ['gender'] })).not.toEqual(before);
		await expectRollupsMatchBase(db);
		await applyRetention(db, { years: 12, today: new Date('2026-11-22') });
		await expectRollupsMatchBase(db);
	});
});
