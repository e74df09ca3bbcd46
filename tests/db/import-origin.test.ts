// Data origins kept apart (docs/disclosure.md): a sample or test file an admin imports is labelled
// so at the import, its rows carry the label, and no figure of real data changes — a single sample
// learner neither adds a group to the real figures nor makes a real group small enough to withhold.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db/client.ts';
import { collectFiles, importFiles } from '../../src/lib/server/import/index.ts';
import { ensureRollups } from '../../src/lib/server/rollups.ts';
import { getCompletion } from '../../src/lib/server/queries/completion.ts';
import { disclosurePolicy } from '../../src/lib/domain/suppression/policy.ts';
import { engines } from './engines.ts';

const LEARNER_HEADER =
	'id,gender,age_band,disability,deprivation_band,region,prior_education,analytics_consent,identity_hash,origin';
const ENROLMENT_HEADER = 'learner_id,id,credential_id,cohort,started_on,ended_on,status,result';

function writeReal(dir: string) {
	mkdirSync(dir, { recursive: true });
	writeFileSync(
		join(dir, 'providers.csv'),
		'id,name,kind,country,qa_approach,accredited,origin\nor-p,Origin College,vet,AU,,true,real\n'
	);
	writeFileSync(
		join(dir, 'credentials.csv'),
		'id,provider_id,title,kind,level_framework,level,workload_hours,credits,credit_system,assessed,assessment_type,participation_mode,quality_assured,description,learning_outcomes,valid_from,valid_to,unparsed,origin\n' +
			'OR-1,or-p,Origin credential,micro,,4,30,5,ECTS,true,exam,online,,,Outcome,2023-01-01,,,real\n'
	);
	const ids = Array.from({ length: 30 }, (_, i) => `or-${i}`);
	writeFileSync(
		join(dir, 'learners.csv'),
		[
			LEARNER_HEADER,
			...ids.map((id, i) => `${id},${i % 2 ? 'F' : 'M'},0-35,${i < 12 ? 'Y' : 'N'},,North,,true,,real`)
		].join('\n') + '\n'
	);
	writeFileSync(
		join(dir, 'enrolments.csv'),
		[
			ENROLMENT_HEADER,
			...ids.map(
				(id, i) => `${id},${id}-e,OR-1,2023A,2023-01-10,2023-05-20,${i % 3 ? 'completed' : 'withdrawn'},`
			)
		].join('\n') + '\n'
	);
}

function writeSample(dir: string) {
	mkdirSync(dir, { recursive: true });
	// One learner who says "real" in the file: the import's label wins.
	writeFileSync(
		join(dir, 'learners.csv'),
		`${LEARNER_HEADER}\nor-sample,F,0-35,not stated,,South,,true,,real\n`
	);
	writeFileSync(
		join(dir, 'enrolments.csv'),
		`${ENROLMENT_HEADER}\nor-sample,or-sample-e,OR-1,2023A,2023-01-10,2023-05-20,completed,\n`
	);
}

describe.each(engines)('import origin on $name', (engine) => {
	let db: Db;
	const dir = mkdtempSync(join(tmpdir(), 'stackwise-origin-'));
	const policy = disclosurePolicy({ mode: 'suppress' });
	const byDisability = () =>
		getCompletion(db, { scope: { kind: 'system' }, by: ['disability'], suppression: policy });
	let before: Awaited<ReturnType<typeof byDisability>>;
	beforeAll(async () => {
		db = await engine.open();
		writeReal(join(dir, 'real'));
		writeSample(join(dir, 'sample'));
		expect((await importFiles(db, collectFiles([join(dir, 'real')]))).reports.map((r) => r.status)).toEqual([
			'succeeded'
		]);
		await ensureRollups(db.orm);
		before = await byDisability();
	}, 120_000);
	afterAll(async () => {
		await db?.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('labels the import and its rows sample, and leaves every real figure as it was', async () => {
		const { reports } = await importFiles(db, collectFiles([join(dir, 'sample')]), { origin: 'sample' });
		expect(reports.map((r) => r.status)).toEqual(['succeeded']);
		await ensureRollups(db.orm);
		const [imp] = await db.query<{ origin: string }>(
			sql`select origin from imports order by id desc limit 1`
		);
		expect(imp.origin).toBe('sample');
		const [learner] = await db.query<{ origin: string }>(
			sql`select origin from learners where id = 'or-sample'`
		);
		expect(learner.origin).toBe('sample');
		// Real figures: the same groups, counts and suppression as before the sample came in.
		expect(await byDisability()).toEqual(before);
		expect(before.rows.map((r) => r.group)).toEqual(['N', 'Y']);
		// The sample learner is counted where non-real data is asked for.
		const generated = await getCompletion(db, {
			scope: { kind: 'system' },
			data: 'generated',
			by: ['disability'],
			suppression: false
		});
		expect(generated.rows.map((r) => [r.group, r.known])).toEqual([['not stated', 1]]);
	});

	it('without a label, the same file would have made a real group withheld', async () => {
		// What the label prevents: counted as real, the one learner is a group of 1 ("not stated"),
		// withheld, and a second real group is withheld beside it.
		const withSample = await getCompletion(db, {
			scope: { kind: 'system' },
			data: 'all',
			by: ['disability'],
			suppression: policy
		});
		expect(withSample.rows.filter((r) => r.suppressed !== null).length).toBe(2);
		expect(before.rows.every((r) => r.suppressed === null)).toBe(true);
	});
});
