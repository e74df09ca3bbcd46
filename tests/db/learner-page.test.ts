// The learner page's data on the bundled training.gov.au catalogue, on both engines: its progress is
// exactly `stackwise pathway progress --learner ID --json` (here the CLI and the page share one
// database, which the e2e server's locked PGlite folder does not allow), and only admins get the id.
import { assignPseudonyms } from '../../src/lib/server/pseudonyms.ts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db/client.ts';
import { main } from '../../src/lib/server/cli/main.ts';
import { getLearnerPage } from '../../src/lib/server/queries/learner-page.ts';
import { seedIfEmpty } from '../../src/lib/server/seed.ts';
import { engines } from './engines.ts';
import { disclosurePolicy } from '../../src/lib/domain/suppression/policy.ts';

// The app's default disclosure policy, as a policymaker or learner gets it.
const POLICY = disclosurePolicy({});

function capture() {
	let text = '';
	return {
		stream: { write: (s: string) => ((text += s), true), isTTY: false } as unknown as NodeJS.WriteStream,
		text: () => text
	};
}

// Units of Certificate III in Surface Extraction Operations (RII30120) and a licence that counts
// toward several qualifications.
const HELD = ['RIIWHS201E', 'RIICOM201E', 'TLILIC0005'];

describe.each(engines)('learner page data on $name', (engine) => {
	let db: Db;
	const cli = async (...args: string[]) => {
		const out = capture();
		const code = await main(args, { openDb: async () => db, stdout: out.stream, stderr: capture().stream });
		return { code, stdout: out.text() };
	};

	beforeAll(async () => {
		db = await engine.open();
		await seedIfEmpty(db, { seed: 'tga', log: () => {} });
		await db.query(
			sql`insert into learners (id, origin) values ('gen-1', 'generated'), ('gen-empty', 'generated')`
		);
		// Written by hand, not by an import: their pseudonyms as the importer would give them.
		await assignPseudonyms(db.orm, ['gen-1', 'gen-empty']);
		for (const [i, credential] of HELD.entries()) {
			await db.query(sql`insert into enrolments (learner_id, id, credential_id, started_on, ended_on, status)
				values ('gen-1', ${`e${i}`}, ${credential}, ${`2024-0${i + 1}-01`}, ${`2024-0${i + 1}-20`}, 'completed')`);
			await db.query(sql`insert into awards (learner_id, id, credential_id, enrolment_id, issued_on, verification)
				values ('gen-1', ${`a${i}`}, ${credential}, ${`e${i}`}, ${`2024-0${i + 1}-20`}, 'unsigned')`);
		}
	}, 600_000);
	afterAll(async () => {
		await db?.close();
	});

	it('shows the same progress as the CLI, with a plan per unfinished qualification', async () => {
		const { code, stdout } = await cli('pathway', 'progress', '--learner', 'gen-1', '--json');
		expect(code).toBe(0);
		const page = (await getLearnerPage(db, {
			learnerId: 'gen-1',
			seesLearnerIds: true,
			ownPage: false,
			suppression: POLICY
		}))!;
		expect(JSON.parse(JSON.stringify(page.progress))).toEqual(JSON.parse(stdout));
		expect(page.progress.qualifications.length).toBeGreaterThan(1);
		expect(page.generated).toBe(true);
		expect(page.awarded).toEqual(HELD);
		const unfinished = page.progress.qualifications.filter((q) => !q.achieved && q.stillNeeded !== null);
		expect(page.plans.map((p) => (p.ok ? p.plan.target : p.target))).toEqual(
			unfinished.slice(0, 12).map((q) => q.target)
		);
		const first = page.plans[0];
		expect(first.ok).toBe(true);
		if (first.ok) {
			const plan = await cli(
				'pathway',
				'plan',
				'--learner',
				'gen-1',
				'--target',
				first.plan.target,
				'--json'
			);
			expect(JSON.parse(plan.stdout)).toEqual(first.plan);
			for (const id of first.plan.credentials) expect(page.titles[id]).toBeTruthy();
		}
		expect(page.holdings.find((h) => h.id === 'TLILIC0005')?.countsToward.length).toBeGreaterThan(1);
	});

	it('names the learner by pseudonym to everyone but admins', async () => {
		const [{ pseudonym }] = await db.query<{ pseudonym: string }>(
			sql`select pseudonym from learners where id = 'gen-1'`
		);
		const admin = (await getLearnerPage(db, {
			learnerId: 'gen-1',
			seesLearnerIds: true,
			ownPage: false,
			suppression: POLICY
		}))!;
		expect(admin.shownId).toBe('gen-1');
		expect(admin.pseudonym).toBe(pseudonym);
		const own = (await getLearnerPage(db, {
			learnerId: 'gen-1',
			seesLearnerIds: false,
			ownPage: true,
			suppression: POLICY
		}))!;
		expect(own.shownId).toBe(pseudonym);
		expect(own.pseudonym).toBeNull();
		expect(JSON.stringify(own)).not.toContain('gen-1');
	});

	it('has empty progress and plans for a learner with nothing, and null for no learner', async () => {
		const empty = (await getLearnerPage(db, {
			learnerId: 'gen-empty',
			seesLearnerIds: false,
			ownPage: true,
			suppression: POLICY
		}))!;
		expect(empty.awarded).toEqual([]);
		expect(empty.holdings).toEqual([]);
		expect(empty.progress.qualifications).toEqual([]);
		expect(empty.plans).toEqual([]);
		expect(
			await getLearnerPage(db, {
				learnerId: 'nobody',
				seesLearnerIds: true,
				ownPage: false,
				suppression: POLICY
			})
		).toBeNull();
	});
});
