// The stacking catalogue through the database: training.gov.au releases imported with their
// rules, cycles refused with their path, plans and progress on the stored rules, and the
// generated demo learners loaded deterministically and labelled.
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db/client.ts';
import { demoLearnersJob } from '../../src/lib/server/import/generated.ts';
import { bundledDataPath, collectFiles, importFiles } from '../../src/lib/server/import/index.ts';
import { countRows, runImportJob } from '../../src/lib/server/import/loader.ts';
import { bufferSource } from '../../src/lib/server/import/source.ts';
import { getCatalogue } from '../../src/lib/server/queries/catalogue.ts';
import { getCredentialDetail } from '../../src/lib/server/queries/credential-detail.ts';
import { getLearnerHoldings, getPlan, getProgress } from '../../src/lib/server/queries/pathway.ts';
import { getCompletionCounts } from '../../src/lib/server/queries/completion.ts';
import { SYSTEM } from '../../src/lib/server/queries/scope.ts';
import { engines } from './engines.ts';
import { countFlows } from '../../src/lib/domain/stacking/index.ts';
import { getFlows } from '../../src/lib/server/queries/flows.ts';
import { getStacking } from '../../src/lib/server/queries/stacking.ts';
import { getTimeToCredential } from '../../src/lib/server/queries/time-to-credential.ts';

const csv = (lines: string[]) => Buffer.from(lines.join('\n') + '\n');

describe.each(engines)('stacking catalogue on $name', (engine) => {
	let db: Db;
	beforeAll(async () => {
		db = await engine.open();
		const { reports } = await importFiles(db, collectFiles([bundledDataPath('tga')]));
		expect(reports).toHaveLength(25);
		expect(reports.every((r) => r.format === 'tga' && r.status === 'succeeded')).toBe(true);
	});
	afterAll(async () => {
		await db?.close();
	});

	it('stores each qualification with its packaging rules as the catalogue shows them', async () => {
		const q = await getCredentialDetail(db, 'RII30820');
		expect(q).toMatchObject({
			id: 'RII30820',
			kind: 'macro',
			levelFramework: 'AQF',
			level: '3',
			title: 'Certificate III in Civil Construction Plant Operations'
		});
		const core = q!.requirements.find((g) => g.rule === 'all' && g.parent === null)!;
		expect(core.members).toHaveLength(15);
		const electives = q!.requirements.find((g) => g.rule === 'n_of' && g.n === 5 && g.parent === null)!;
		expect(electives.members.length).toBeGreaterThanOrEqual(50);
		// Units count toward the qualifications that list them.
		expect((await getCredentialDetail(db, 'RIIWHS201E'))!.countsToward).toContain('RII30820');
		// An ambiguous rule is kept as text, not guessed.
		expect((await getCredentialDetail(db, 'CPC10120'))!.unparsed.length).toBeGreaterThan(0);
	});

	it('plans the fewest credentials to finish, exactly, from what is held', async () => {
		const result = await getPlan(db, {
			held: ['RIIWHS201E', 'RIICCM201E'],
			target: 'RII30820',
			objective: 'count'
		});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		// 15 core + 5 electives + the option's 3, minus the two held core units.
		expect(result.plan).toMatchObject({ target: 'RII30820', objective: 'count', exact: true });
		expect(result.plan.total.count).toBe(result.plan.credentials.length);
		expect(result.plan.credentials).not.toContain('RIIWHS201E');
		const after = await getProgress(db, { held: ['RIIWHS201E', 'RIICCM201E', ...result.plan.credentials] });
		expect(after.qualifications.find((q) => q.target === 'RII30820')!.achieved).toBe(true);
		const none = await getPlan(db, { held: [], target: 'RIIWHS201E' });
		expect(none).toMatchObject({ ok: false });
		const hours = await getPlan(db, { held: [], target: 'RII30820', objective: 'hours' });
		expect(hours.ok).toBe(false); // training.gov.au states no workload hours: said, not guessed
	});

	it('refuses stacking rules that go round in a circle, naming the cycle', async () => {
		const before = await countRows(db);
		const { reports } = await importFiles(db, [
			bufferSource('credentials.csv', csv(['id,title,kind', 'LOOP-A,Unit A,unit', 'LOOP-B,Unit B,unit'])),
			bufferSource('prerequisites.csv', csv(['credential_id,required_id', 'LOOP-A,LOOP-B', 'LOOP-B,LOOP-A']))
		]);
		expect(reports[0].status).toBe('refused');
		expect(reports[0].refusal[0].message).toMatch(/cycle.*LOOP-(A|B) → LOOP-(A|B) → LOOP-(A|B)/);
		expect(await countRows(db)).toEqual(before);
	});

	it('loads the generated demo learners deterministically, labelled generated and left out of real figures', async () => {
		const catalogue = await getCatalogue(db);
		const report = await runImportJob(db, demoLearnersJob(catalogue, { seed: 7, count: 200 }));
		expect(report.status).toBe('succeeded');
		// Two queries: Citus pushes no subquery in the select list of an aggregate down.
		const [learnerCounts] = await db.query<{ learners: number; real: number }>(
			sql`select count(*)::int as learners, count(*) filter (where origin = 'real')::int as real from learners`
		);
		const [{ enrolments }] = await db.query<{ enrolments: number }>(
			sql`select count(*)::int as enrolments from enrolments e join learners l on l.id = e.learner_id where l.analytics_consent`
		);
		const counts = { ...learnerCounts, enrolments };
		expect(counts).toMatchObject({ learners: 200, real: 0 });
		const providers = await db.query<{ origin: string }>(
			sql`select distinct origin from providers where id like 'demo-%'`
		);
		expect(providers).toEqual([{ origin: 'generated' }]);
		// Same seed, same data: a second load changes nothing.
		const again = await runImportJob(db, demoLearnersJob(catalogue, { seed: 7, count: 200 }));
		for (const change of Object.values(again.changed)) expect(change).toEqual({ inserted: 0, updated: 0 });
		// Real figures leave them out; asking for generated data finds them.
		expect((await getCompletionCounts(db, { scope: SYSTEM }))[0]).toMatchObject({ known: 0, inProgress: 0 });
		const generated = (await getCompletionCounts(db, { scope: SYSTEM, data: 'generated' }))[0];
		// (Some generated learners opted out of analytics, as real ones may: they count nowhere.)
		expect(generated.known + generated.inProgress).toBe(counts.enrolments);
		// A demo learner's holdings give progress toward a bundled qualification.
		const [learner] = await db.query<{ learner_id: string }>(
			sql`select learner_id from awards group by 1 order by count(*) desc, 1 limit 1`
		);
		const held = await getLearnerHoldings(db, learner.learner_id);
		const progress = await getProgress(db, { held });
		expect(progress.qualifications.length).toBeGreaterThan(0);
		expect(progress.qualifications.some((q) => q.share > 0)).toBe(true);
	});
});

describe.each(engines)('flows, stacking rate and time to a qualification on $name', (engine) => {
	let db: Db;
	beforeAll(async () => {
		db = await engine.open();
		await importFiles(db, collectFiles([bundledDataPath('tga')]));
		const report = await runImportJob(db, demoLearnersJob(await getCatalogue(db), { seed: 11, count: 400 }));
		expect(report.status).toBe('succeeded');
	});
	afterAll(async () => {
		await db?.close();
	});

	it('counts the same flows in SQL as the reference implementation does in TypeScript', async () => {
		const catalogue = await getCatalogue(db);
		const enrolments = await db.query<Record<string, string>>(
			sql`select e.* from enrolments e join learners l on l.id = e.learner_id where l.analytics_consent`
		);
		const awards = await db.query<Record<string, string>>(
			sql`select a.* from awards a join learners l on l.id = a.learner_id where l.analytics_consent`
		);
		const learners = await db.query<Record<string, string>>(
			sql`select * from learners where analytics_consent`
		);
		const reference = countFlows({
			catalogue,
			enrolments: enrolments.map((e) => ({
				id: e.id,
				learnerId: e.learner_id,
				credentialId: e.credential_id,
				cohort: e.cohort,
				startedOn: e.started_on,
				endedOn: e.ended_on,
				status: e.status as never,
				result: e.result
			})),
			awards: awards.map((a) => ({
				id: a.id,
				learnerId: a.learner_id,
				credentialId: a.credential_id,
				enrolmentId: a.enrolment_id,
				issuedOn: a.issued_on,
				expiresOn: a.expires_on,
				verification: a.verification as never,
				verificationReason: null
			})),
			learners: learners.map((l) => ({
				id: l.id,
				gender: l.gender,
				ageBand: l.age_band,
				disability: l.disability,
				deprivationBand: l.deprivation_band,
				region: l.region,
				priorEducation: l.prior_education,
				analyticsConsent: true,
				identityHash: null,
				origin: 'generated'
			})),
			dimension: 'gender'
		});
		const flows = await getFlows(db, {
			scope: SYSTEM,
			data: 'generated',
			dimension: 'gender',
			suppression: false
		});
		const key = (f: {
			kind: string;
			from: string;
			to: string;
			cohort: string | null;
			group: string | null;
			count: number | null;
		}) => `${f.kind}|${f.from}|${f.to}|${f.cohort}|${f.group}|${f.count}`;
		expect(flows.length).toBeGreaterThan(100);
		expect(flows.map(key).sort()).toEqual(reference.map(key).sort());
		// Suppressed for everyone but an admin: no published flow describes fewer than 10 learners.
		const published = await getFlows(db, {
			scope: SYSTEM,
			data: 'generated',
			suppression: { threshold: 10 }
		});
		expect(published.some((f) => f.suppressed)).toBe(true);
		for (const f of published) expect(f.count === null || f.count >= 10).toBe(true);
	});

	it('reports the stacking rate with holders, achievers and progress that add up', async () => {
		const rows = await getStacking(db, { scope: SYSTEM, data: 'generated', suppression: false });
		const all = rows.find((r) => r.qualification === null)!;
		expect(all.holders).toBeGreaterThan(0);
		for (const r of rows) {
			expect(r.progress.reduce((n, p) => n + (p.learners ?? 0), 0)).toBe(r.holders);
			expect(r.progress.at(-1)!.learners).toBe(r.achieved);
			expect(r.rate).toBeCloseTo(r.achieved! / r.holders!, 12);
		}
		expect(rows.filter((r) => r.qualification !== null).reduce((n, r) => n + r.holders!, 0)).toBe(
			all.holders
		);
		// Suppressed view: small qualifications are withheld with a reason.
		const suppressed = await getStacking(db, {
			scope: SYSTEM,
			data: 'generated',
			suppression: { threshold: 10 }
		});
		for (const r of suppressed) if (r.suppressed === null) expect(r.holders!).toBeGreaterThanOrEqual(10);
		// Real figures leave generated learners out.
		expect(await getStacking(db, { scope: SYSTEM, suppression: false })).toEqual([]);
	});

	it('times a qualification from the first start of any counting unit, once per learner', async () => {
		const [target] = await db.query<{ id: string }>(
			sql`select credential_id as id from awards a join credentials c on c.id = a.credential_id where c.kind = 'macro' group by 1 order by count(*) desc limit 1`
		);
		const result = await getTimeToCredential(db, {
			scope: SYSTEM,
			data: 'generated',
			filters: { credentialId: target.id },
			suppression: false
		});
		const [starters] = await db.query<{ n: number }>(sql`
			select count(distinct e.learner_id)::int as n from enrolments e join learners l on l.id = e.learner_id
			where l.analytics_consent and (e.credential_id = ${target.id} or e.credential_id in (
				select m.credential_id from requirement_members m join requirement_groups g on g.id = m.group_id where g.target_credential_id = ${target.id}))`);
		expect(result.groups[0].n).toBe(starters.n);
		const [awarded] = await db.query<{ n: number }>(
			sql`select count(distinct a.learner_id)::int as n from awards a join learners l on l.id = a.learner_id where l.analytics_consent and a.credential_id = ${target.id}`
		);
		const lastPoint = result.groups[0].points.at(-1)!;
		// Every award is an event on the completion curve: the curve ends at least at awards ÷ starters.
		expect(lastPoint.completed).toBeGreaterThanOrEqual(awarded.n / starters.n - 1e-12);
	});
});

describe('catalogue files in tests', () => {
	it('the vendored releases are the 25 shared ones, unchanged', async () => {
		const { readdirSync, readFileSync, existsSync } = await import('node:fs');
		const shared = join(import.meta.dirname, '../../../shared/data/tga/xml');
		const ours = readdirSync(bundledDataPath('tga') + '/xml').filter((f) => f.endsWith('.xml'));
		expect(ours).toHaveLength(25);
		// On a clone without ../shared the vendored copy stands alone; with it, they must be identical.
		if (existsSync(shared))
			for (const f of ours)
				expect(
					readFileSync(join(bundledDataPath('tga'), 'xml', f)).equals(readFileSync(join(shared, f)))
				).toBe(true);
	});
});
