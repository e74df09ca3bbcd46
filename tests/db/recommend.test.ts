// Next-step suggestions on the seeded data (OULAD real, training.gov.au rules, generated demo
// learners), through the CLI entry point on both engines.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db/client.ts';
import { main } from '../../src/lib/server/cli/main.ts';
import { setAnalyticsConsent } from '../../src/lib/server/privacy.ts';
import { getLearnerHoldings } from '../../src/lib/server/queries/pathway.ts';
import { getRecommendations, getRecommenderData } from '../../src/lib/server/queries/recommend.ts';
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

describe.each(engines)('recommend on $name', (engine) => {
	let db: Db;
	const dir = mkdtempSync(join(tmpdir(), 'stackwise-rec-'));
	const cli = async (...args: string[]) => {
		const out = capture();
		const err = capture();
		const code = await main(args, { openDb: async () => db, stdout: out.stream, stderr: err.stream });
		return { code, stdout: out.text(), stderr: err.text() };
	};
	let ouladLearner: string;
	let demoLearner: string;

	beforeAll(async () => {
		db = await engine.open();
		await seedIfEmpty(db, { seed: 'oulad,tga,demo', log: () => {} });
		// A real learner who withdrew from a module and has more to take; a generated learner part-way.
		[{ id: ouladLearner }] = await db.query<{ id: string }>(sql`
			select learner_id as id from enrolments where learner_id like 'oulad-%'
			group by learner_id having count(*) >= 2 and bool_or(status = 'withdrawn') order by learner_id limit 1`);
		[{ id: demoLearner }] = await db.query<{ id: string }>(sql`
			select a.learner_id as id from awards a join learners l on l.id = a.learner_id
			where l.origin = 'generated' group by a.learner_id having count(*) >= 3 order by a.learner_id limit 1`);
	}, 600_000);
	afterAll(async () => {
		await db?.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('prints the ranked list as JSON: credential, score, reasons, signals; nothing held', async () => {
		const { code, stdout } = await cli('recommend', '--learner', ouladLearner, '--k', '5', '--json');
		expect(code).toBe(0);
		const list = JSON.parse(stdout);
		expect(list).toHaveLength(5);
		const held = await getLearnerHoldings(db, ouladLearner);
		for (const r of list) {
			expect(Object.keys(r)).toEqual(expect.arrayContaining(['credential', 'score', 'reasons', 'signals']));
			expect(held).not.toContain(r.credential);
			expect(r.reasons.length).toBeGreaterThanOrEqual(1);
			expect(r.reasons.length).toBeLessThanOrEqual(3);
			// OULAD modules are offered and carry no stacking rules: progress never scores there.
			expect(r.signals.progress.value).toBe(0);
		}
		const scores = list.map((r: { score: number }) => r.score);
		expect([...scores].sort((a, b) => b - a)).toEqual(scores);
		// Real learners' suggestions come from real learners only (22 OULAD modules, no TGA units).
		expect(list.every((r: { credential: string }) => /^[A-G]{3}$/.test(r.credential))).toBe(true);
	});

	it('gives a generated learner units of the training.gov.au catalogue that progress their qualification', async () => {
		const result = (await getRecommendations(db, demoLearner, {
			suppression: POLICY,
			k: 5,
			asOf: '2025-06-30'
		}))!;
		expect(result.origin).toBe('generated');
		expect(result.recommendations).toHaveLength(5);
		expect(result.recommendations.filter((r) => r.signals.progress.value > 0).length).toBeGreaterThan(0);
		const top = result.recommendations[0];
		expect(top.reasons.some((s) => /^(Completes|Counts toward)/.test(s))).toBe(true);
	});

	it('lets a goal change the ranking', async () => {
		const before = (await getRecommendations(db, demoLearner, {
			suppression: POLICY,
			k: 5,
			asOf: '2025-06-30'
		}))!;
		const reachable = new Set(
			before.recommendations.flatMap((r) => r.signals.progress.toward.map((t) => t.target))
		);
		const [{ id: goal }] = await db.query<{ id: string }>(sql`
			select distinct target_credential_id as id from requirement_groups
			where target_credential_id <> all(${sql.param([...reachable])}::text[]) order by 1 limit 1`);
		const after = (await getRecommendations(db, demoLearner, {
			suppression: POLICY,
			k: 5,
			goal,
			asOf: '2025-06-30'
		}))!;
		expect(after.recommendations.map((r) => r.credential)).not.toEqual(
			before.recommendations.map((r) => r.credential)
		);
		expect(after.recommendations[0].signals.goal).toMatchObject({ goal, value: 1 });
	});

	it('answers a file of learners with one JSON line each, as the single calls do', async () => {
		const file = join(dir, 'learners.txt');
		writeFileSync(file, `${ouladLearner}\n${demoLearner}\n\n`);
		const { code, stdout } = await cli('recommend', '--learners-file', file, '--as-of', '2025-06-30');
		expect(code).toBe(0);
		const lines = stdout
			.trim()
			.split('\n')
			.map((l) => JSON.parse(l));
		expect(lines.map((l) => l.learner)).toEqual([ouladLearner, demoLearner]);
		const single = await cli('recommend', '--learner', demoLearner, '--as-of', '2025-06-30', '--json');
		expect(lines[1].recommendations).toEqual(JSON.parse(single.stdout));
		const missing = await cli('recommend', '--learner', 'nobody', '--json');
		expect(missing.code).toBe(1);
	});

	it('leaves learners who withdrew consent out of the model, refreshed without a restart', async () => {
		const before = await getRecommenderData(db, 'real');
		await setAnalyticsConsent(db, ouladLearner, false, null);
		const after = await getRecommenderData(db, 'real');
		expect(after.learners).toBe(before.learners - 1);
		// 28,785 OULAD students, every one consenting at import.
		expect(before.learners).toBe(28785);
		await setAnalyticsConsent(db, ouladLearner, true, null);
		expect((await getRecommenderData(db, 'real')).learners).toBe(28785);
	});
});
