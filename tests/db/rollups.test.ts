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
import { getStacking } from '../../src/lib/server/queries/stacking.ts';
import { ISSUANCE_BREAKDOWNS, getIssuance } from '../../src/lib/server/queries/issuance.ts';
import type { FlowRow } from '../../src/lib/domain/dashboard-rows.ts';
import { getFlowOptions, getFlows, getFlowsPage } from '../../src/lib/server/queries/flows.ts';
import { getVerificationShares } from '../../src/lib/server/queries/verification-shares.ts';
import {
	flowCountsFromRollup,
	issuanceCellsFromRollup,
	stackingCellsFromRollup
} from '../../src/lib/server/queries/panel-read.ts';
import type { QueryContext } from '../../src/lib/server/queries/scope.ts';
import type { GroupDimension } from '../../src/lib/domain/types.ts';
import { applyRetention, setAnalyticsConsent } from '../../src/lib/server/privacy.ts';
import { COUNTING_LOCK, dataVersion, ensureRollups, rollupsPending } from '../../src/lib/server/rollups.ts';
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

const label = (q: object) => JSON.stringify(q);

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
	// Each provider's awards, verified awards and learners (verified shares, conformance's totals)
	// from provider_award_rollup.
	let providers = 0;
	for (const question of [
		{ scope: SYSTEM },
		{ scope: SYSTEM, data: 'generated' as const },
		{ scope: SYSTEM, data: 'all' as const, filters: { providerId: 'open-university' } },
		{ scope: { kind: 'provider', providerId: 'open-university' } as const, data: 'all' as const }
	]) {
		const fromRollups = await getVerificationShares(db, { ...question, suppression: false });
		providers += fromRollups.length;
		expect(fromRollups, label(question)).toEqual(
			await getVerificationShares(db, { ...question, suppression: false, source: 'base' })
		);
	}
	expect(providers).toBeGreaterThan(0);
	await expectPanelsMatchBase(db);
}

/** The stacking, issuance and flows panels from panel_rollup, as the base tables count them. */
async function expectPanelsMatchBase(db: Db) {
	const [busiest] = await db.query<{ provider_id: string }>(sql`
		select provider_id from award_rollup where origin <> 'real' and provider_id is not null
		group by 1 order by sum(awards) desc, 1 limit 1`);
	const contexts: QueryContext[] = [
		{ scope: SYSTEM },
		{ scope: SYSTEM, data: 'generated' },
		{ scope: SYSTEM, data: 'all' },
		{ scope: { kind: 'provider', providerId: 'open-university' } },
		{ scope: { kind: 'provider', providerId: busiest.provider_id }, data: 'generated' }
	];
	const seen = { stacking: 0, issuance: 0, flows: 0, groupFlows: 0, cohortFlows: 0, options: 0 };
	const [qualification] = await db.query<{ target: string }>(sql`
		select target_credential_id as target from requirement_groups group by 1 order by 1 limit 1`);
	const [{ firstCohort, lastCohort }] = await db.query<{ firstCohort: string; lastCohort: string }>(sql`
		select min(cohort) as "firstCohort", max(cohort) as "lastCohort" from enrolments`);
	for (const context of contexts) {
		for (const question of [
			{ ...context, by: [] },
			{ ...context, by: ['gender' as const] },
			{ ...context, by: [], qualification: qualification.target }
		]) {
			// Per group for the whole system only.
			const held = context.scope.kind === 'system' || question.by.length === 0;
			expect((await stackingCellsFromRollup(db, question)) !== null, label(question)).toBe(held);

			const fromRollups = await getStacking(db, { ...question, suppression: false });
			seen.stacking += fromRollups.length;
			expect(fromRollups, label(question)).toEqual(
				await getStacking(db, { ...question, suppression: false, source: 'base' })
			);
		}
		for (const by of ISSUANCE_BREAKDOWNS)
			for (const verifiedOnly of [false, true]) {
				const question = { ...context, by, verifiedOnly };
				expect(await issuanceCellsFromRollup(db, question), label(question)).not.toBeNull();
				const fromRollups = await getIssuance(db, { ...question, suppression: false });
				seen.issuance += fromRollups.length;
				expect(fromRollups, label(question)).toEqual(
					await getIssuance(db, { ...question, suppression: false, source: 'base' })
				);
			}
		const flowQuestions: (QueryContext & {
			byCohort: boolean;
			kind?: 'next' | 'toward';
			dimension?: GroupDimension;
			startCohort?: string;
		})[] = [
			{ ...context, byCohort: false, kind: 'toward' },
			{ ...context, byCohort: false, kind: 'next' },
			{ ...context, byCohort: false },
			{ ...context, byCohort: false, dimension: 'gender' },
			{ ...context, byCohort: false, kind: 'next', dimension: 'deprivation_band' },
			{ ...context, byCohort: false, kind: 'toward', filters: { providerId: busiest.provider_id } },
			{ ...context, byCohort: false, kind: 'next', filters: { providerId: busiest.provider_id } },
			{ ...context, byCohort: false, dimension: 'age_band', filters: { providerId: busiest.provider_id } },
			// By start cohort (/api/flows), and from one start cohort (/flows).
			{ ...context, byCohort: true },
			{ ...context, byCohort: true, kind: 'next' },
			{ ...context, byCohort: true, kind: 'toward', filters: { providerId: busiest.provider_id } },
			{ ...context, byCohort: true, dimension: 'gender' },
			{ ...context, byCohort: false, kind: 'next', startCohort: firstCohort },
			{ ...context, byCohort: true, startCohort: lastCohort, filters: { providerId: busiest.provider_id } },
			{ ...context, byCohort: false, kind: 'toward', startCohort: lastCohort, dimension: 'gender' }
		];
		for (const { startCohort, ...question } of flowQuestions) {
			const asked = {
				...question,
				suppression: false,
				startCohorts: startCohort ? { from: startCohort, to: startCohort } : undefined
			} as const;
			const fromRollups = await getFlows(db, asked);
			// The sums hold one provider's flows, or the whole system's, by group or per cohort for the
			// system only, and not both.
			const scoped = context.scope.kind === 'provider' ? context.scope.providerId : undefined;
			const filtered = question.filters?.providerId;
			const provider = filtered ?? scoped ?? '';
			const perCohort = question.byCohort || startCohort !== undefined;
			const held =
				!(scoped !== undefined && filtered !== undefined && scoped !== filtered) &&
				(provider === '' ? !(question.dimension && perCohort) : !question.dimension && !perCohort);
			expect(
				(await flowCountsFromRollup(db, { ...question, startCohort, limited: false, withheldBelow: 0 })) !==
					null,
				label(asked)
			).toBe(held);
			if (held) seen.flows += fromRollups.length;
			if (held && question.dimension) seen.groupFlows += fromRollups.length;
			if (held && perCohort) seen.cohortFlows += fromRollups.length;
			expect(fromRollups, label(asked)).toEqual(await getFlows(db, { ...asked, source: 'base' }));
		}
		// One group's flows (as /flows asks for them): that group's rows of the flows by group.
		const byGender = await getFlows(db, {
			...context,
			byCohort: false,
			dimension: 'gender',
			suppression: false
		});
		const [someGroup] = byGender.map((r) => r.group!).sort();
		for (const provider of [undefined, busiest.provider_id]) {
			const question = {
				...context,
				byCohort: false,
				dimension: 'gender' as const,
				group: someGroup,
				filters: { providerId: provider }
			};
			const oneGroup = await getFlows(db, { ...question, suppression: false });
			expect(oneGroup, label(question)).toEqual(
				await getFlows(db, { ...question, suppression: false, source: 'base' })
			);
			if (!provider) expect(oneGroup).toEqual(byGender.filter((r) => r.group === someGroup));
		}
		for (const question of [
			context,
			{ ...context, dimension: 'deprivation_band' as const },
			{ ...context, dimension: 'gender' as const, filters: { providerId: busiest.provider_id } }
		]) {
			const options = await getFlowOptions(db, question);
			seen.options += options.cohorts.length + options.groups.length;
			expect(options, label(question)).toEqual(await getFlowOptions(db, { ...question, source: 'base' }));
		}
	}
	expect(seen.stacking).toBeGreaterThan(0);
	expect(seen.issuance).toBeGreaterThan(0);
	expect(seen.flows).toBeGreaterThan(0);
	expect(seen.groupFlows).toBeGreaterThan(0);
	expect(seen.cohortFlows).toBeGreaterThan(0);
	expect(seen.options).toBeGreaterThan(0);
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
		// A filtered or pair question also asks its wider and one-dimension questions (disclosure.ts).
	}, 360_000);

	it('gives flows in one order from both sources, the withheld last by name, and a page at a time', async () => {
		// By names, field by field, a missing one last: PostgreSQL's "C" for these (ASCII) names.
		const byNames = (a: FlowRow, b: FlowRow) => {
			for (const field of ['kind', 'from', 'to', 'cohort', 'group'] as const) {
				const [x, y] = [a[field], b[field]];
				if (x !== y) return x === null ? 1 : y === null ? -1 : x < y ? -1 : 1;
			}
			return 0;
		};
		for (const source of ['rollups', 'base'] as const) {
			const question = { scope: SYSTEM, data: 'all', suppression: { threshold: 10 }, source } as const;
			const all = await getFlows(db, question);
			const firstWithheld = all.findIndex((r) => r.count === null);
			expect(firstWithheld, source).toBeGreaterThan(0);
			const [published, withheld] = [all.slice(0, firstWithheld), all.slice(firstWithheld)];
			// Withheld: fewer than 10 learners, or the complement of such a flow in its group or cohort set.
			expect(withheld.every((r) => r.count === null && r.suppressed !== null)).toBe(true);
			expect(withheld.some((r) => r.suppressed === 'fewer than 10 learners')).toBe(true);
			// The largest first; the withheld in the order of their names (C collation), whatever their
			// counts, which the order would otherwise give away.
			expect(published.map((r) => r.count)).toEqual(published.map((r) => r.count).sort((a, b) => b! - a!));
			expect(withheld).toEqual([...withheld].sort(byNames));

			const pages: FlowRow[] = [];
			const limit = Math.ceil(all.length / 3);
			for (let offset = 0; ; offset += limit) {
				const { rows, total } = await getFlowsPage(db, { ...question, page: { limit, offset } });
				expect(total).toBe(all.length);
				if (rows.length === 0) break;
				pages.push(...rows);
			}
			expect(pages).toEqual(all);
			const rest = await getFlowsPage(db, { ...question, page: { limit: null, offset: 3 } });
			expect(rest).toEqual({ rows: all.slice(3), total: all.length });
		}
		// With nothing to withhold, a page of the system's flows by start cohort is read as it is
		// (flow_cohort_rollup's order): the same page as the base tables'.
		for (const kind of [undefined, 'next', 'toward'] as const)
			for (const data of ['all', 'generated'] as const) {
				const question = { scope: SYSTEM, data, kind, suppression: false } as const;
				const all = await getFlows(db, { ...question, source: 'base' });
				expect(all.length).toBeGreaterThan(4);
				for (const page of [
					{ limit: 3, offset: 0 },
					{ limit: 5, offset: 2 },
					{ limit: null, offset: 4 },
					{ limit: 2, offset: all.length + 1 }
				]) {
					const fromRollups = await getFlowsPage(db, { ...question, page });
					expect(fromRollups, label({ ...question, page })).toEqual(
						await getFlowsPage(db, { ...question, page, source: 'base' })
					);
					expect(fromRollups.total).toBe(all.length);
				}
			}
		expect(await getFlows(db, { scope: SYSTEM, data: 'all', suppression: { threshold: 10 } })).toEqual(
			await getFlows(db, { scope: SYSTEM, data: 'all', suppression: { threshold: 10 }, source: 'base' })
		);
	});

	it('leaves questions it does not hold to the base tables', async () => {
		const flows = { scope: SYSTEM, byCohort: false, limited: false, withheldBelow: 0 } as const;
		const provider = { kind: 'provider', providerId: 'open-university' } as const;
		expect(
			await flowCountsFromRollup(db, { ...flows, scope: provider, kind: 'next', dimension: 'gender' })
		).toBeNull();
		expect(
			await flowCountsFromRollup(db, { ...flows, kind: 'next', byCohort: true, dimension: 'gender' })
		).toBeNull();
		// Statuses, or a range of start cohorts (not the sum of its cohorts: a learner counts once).
		expect(await flowCountsFromRollup(db, { ...flows, kind: 'toward', limited: true })).toBeNull();
		expect(await stackingCellsFromRollup(db, { scope: SYSTEM, by: [], asOf: '2014-06-30' })).toBeNull();
		expect(
			await issuanceCellsFromRollup(db, {
				scope: SYSTEM,
				by: 'none',
				verifiedOnly: false,
				asOf: '2014-06-30'
			})
		).toBeNull();

		expect(rollupQuestion({ scope: SYSTEM, asOf: '2014-06-30' })).toBeNull();
		expect(rollupQuestion({ scope: SYSTEM, by: ['gender', 'age_band'] })).toBeNull();
		expect(rollupQuestion({ scope: SYSTEM, filters: { level: '3' } })).toBeNull();
		expect(rollupQuestion({ scope: { kind: 'learner', learnerId: 'oulad-11391' } })).toBeNull();
		expect(rollupQuestion({ scope: SYSTEM, by: ['cohort'], filters: { credentialId: 'AAA' } })).toBeNull();
	});

	it('follows a second import that changes some credentials and some learners', async () => {
		const before = await getCompletionCounts(db, { scope: SYSTEM, by: ['credential'] });
		const generated = { scope: SYSTEM, data: 'generated', suppression: false } as const;
		const issuanceBefore = await getIssuance(db, generated);
		const stackingBefore = await getStacking(db, generated);
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
		// A generated learner enrols in a unit that counts toward a qualification, and is awarded it
		// and the qualification (stacking, issuance and flows toward it change).
		const [pick] = await db.query<{ learner: string; unit: string; target: string }>(sql`
			select (select id from learners where origin <> 'real' order by id limit 1) as learner,
				m.credential_id as unit, g.target_credential_id as target
			from requirement_members m join requirement_groups g on g.id = m.group_id
			order by 2, 3 limit 1`);
		enrolments.push(`${pick.learner},late-1,${pick.unit},,2025-02-01,2025-05-01,completed`);
		const awards = [
			'learner_id,id,credential_id,issued_on,verification',
			`${pick.learner},late-award-1,${pick.unit},2025-05-02,verified`,
			`${pick.learner},late-award-2,${pick.target},2025-06-30,unverified`
		];
		const { reports } = await importFiles(db, [
			bufferSource('learners.csv', Buffer.from(learners.join('\n') + '\n')),
			bufferSource('enrolments.csv', Buffer.from(enrolments.join('\n') + '\n')),
			bufferSource('awards.csv', Buffer.from(awards.join('\n') + '\n'))
		]);
		expect(reports.map((r) => r.status)).toEqual(['succeeded']);
		expect(reports[0].files.map((f) => [f.read, f.stored])).toEqual([
			[2, 2],
			[3, 3],
			[2, 2]
		]);

		const after = await getCompletionCounts(db, { scope: SYSTEM, by: ['credential'] });
		expect(after).not.toEqual(before);
		expect(await getIssuance(db, generated)).not.toEqual(issuanceBefore);
		expect(await getStacking(db, generated)).not.toEqual(stackingBefore);

		await expectRollupsMatchBase(db);
	});

	it("follows a change to some learners' histories: their next steps, start cohorts and providers' cells", async () => {
		// A generated learner gains two enrolments from their first one's start (a new next step from
		// a new cohort, taught by another provider than their credentials'), and an award.
		const [{ learner }] = await db.query<{ learner: string }>(sql`
			select e.learner_id as learner from enrolments e join learners l on l.id = e.learner_id
			where l.origin <> 'real' and l.analytics_consent
			group by e.learner_id having count(distinct e.credential_id) > 2 order by 1 limit 1`);
		const [first, second] = await db.query<{ credential: string; started: string }>(sql`
			select credential_id as credential, started_on::text as started from enrolments
			where learner_id = ${learner} order by started_on, id limit 2`);
		const [other] = await db.query<{ id: string }>(sql`
			select id from credentials where id not in (${first.credential}, ${second.credential})
			and id in (select credential_id from enrolments) order by id limit 1`);
		const cohort = '2099X';
		const { reports } = await importFiles(db, [
			bufferSource(
				'enrolments.csv',
				Buffer.from(
					'learner_id,id,credential_id,provider_id,cohort,started_on,ended_on,status\n' +
						`${learner},zz-between,${other.id},open-university,${cohort},${first.started},${second.started},completed\n` +
						`${learner},zz-between-next,${first.credential},open-university,${cohort},${second.started},,in_progress\n`
				)
			),
			bufferSource(
				'awards.csv',
				Buffer.from(
					'learner_id,id,credential_id,provider_id,issued_on,verification\n' +
						`${learner},zz-between-award,${other.id},open-university,${second.started},verified\n`
				)
			)
		]);
		expect(reports.map((r) => r.status)).toEqual(['succeeded']);
		const cells = await db.query<{ provider_id: string; dimension: string; value: string }>(sql`
			select provider_id, dimension, value from panel_rollup
			where panel = 'flows' and k1 = 'next' and k2 = ${other.id} and (value = ${cohort} or provider_id = 'open-university')`);
		expect(cells.some((c) => c.dimension === 'cohort' && c.value === cohort)).toBe(true);
		expect(cells.some((c) => c.provider_id === 'open-university')).toBe(true);
		await expectPanelsMatchBase(db);
	});

	it('follows a consent change and retention', async () => {
		const before = await getCompletionCounts(db, { scope: SYSTEM, by: ['gender'] });
		expect(await setAnalyticsConsent(db, 'oulad-11391', false, null)).toBe(true);
		expect(await getCompletionCounts(db, { scope: SYSTEM, by: ['gender'] })).not.toEqual(before);
		await expectRollupsMatchBase(db);
		await applyRetention(db, { years: 12, today: new Date('2026-11-22') });
		await expectRollupsMatchBase(db);
	});

	it('counts every learner after the rows commit; if that fails, the rows stay and a later count takes them in', async () => {
		// The first imports (OULAD: 32,593 learners) were counted after their commit, and cleared the mark.
		expect(await rollupsPending(db.orm)).toBe(false);
		const version = await dataVersion(db.orm);
		const sums = await db.query(sql`select * from panel_rollup order by 1, 2, 3, 4, 5, 6, 7, 8`);
		// A new provider changes what the panel sums count by, so every learner is counted again —
		// here into a table that is not there. The import also brings an enrolment.
		await db.query(sql`alter table panel_rollup rename to panel_rollup_away`);
		const phases: string[] = [];
		const { reports } = await importFiles(
			db,
			[
				bufferSource('providers.csv', Buffer.from('id,name\nnew-provider,A New Provider\n')),
				bufferSource(
					'learners.csv',
					Buffer.from(
						'id,gender,age_band,disability,deprivation_band,region,prior_education\nnew-2,F,0-35,N,0-10%,Wales,A Level or Equivalent\n'
					)
				),
				bufferSource(
					'enrolments.csv',
					Buffer.from(
						'learner_id,id,credential_id,cohort,started_on,ended_on,status\nnew-2,BBB-2025,BBB,2014J,2025-02-01,2025-05-20,completed\n'
					)
				)
			],
			{ onProgress: (p) => phases.push(p.phase) }
		);
		await db.query(sql`alter table panel_rollup_away rename to panel_rollup`);
		expect(reports.map((r) => [r.status, r.rollups])).toEqual([['succeeded', 'pending']]);
		expect(reports[0].rollupsIssue?.message).toMatch(
			/panel_rollup.*counted again by the next import, by `stackwise rollups refresh` or when the app next starts/
		);
		expect(phases.indexOf('stored')).toBeGreaterThan(phases.indexOf('summarising'));
		// The rows are stored; the sums and the data version are as before the import, and marked.
		expect(await db.query(sql`select name from providers where id = 'new-provider'`)).toEqual([
			{ name: 'A New Provider' }
		]);
		expect(
			await db.query(sql`select id from enrolments where id = 'BBB-2025' and learner_id = 'new-2'`)
		).toHaveLength(1);
		expect(await db.query(sql`select * from panel_rollup order by 1, 2, 3, 4, 5, 6, 7, 8`)).toEqual(sums);
		expect(await dataVersion(db.orm)).toBe(version);
		expect(await rollupsPending(db.orm)).toBe(true);
		const [history] = await db.query<{ status: string; errors: { message: string }[] }>(
			sql`select status, errors from imports where id = ${reports[0].importId}`
		);
		expect(history.status).toBe('succeeded');
		expect(history.errors.map((e) => e.message).join()).toMatch(/counted again by the next import/);

		// The next import that counts everyone counts what the failed one left (its enrolment too).
		const next = await importFiles(db, [
			bufferSource('providers.csv', Buffer.from('id,name\nnewer-provider,A Newer Provider\n'))
		]);
		expect(next.reports.map((r) => [r.status, r.rollups])).toEqual([['succeeded', 'current']]);
		expect(await rollupsPending(db.orm)).toBe(false);
		expect(await dataVersion(db.orm)).not.toBe(version);
		await expectRollupsMatchBase(db);
	});

	it('counts on start what a stopped process left pending, unless another process is counting', async () => {
		// A process that stopped between an import's commit and its count: the mark, stale sums.
		await db.query(sql`insert into app_settings (key, value) values ('rollups_pending', 'import')`);
		await db.query(sql`delete from panel_rollup where panel = 'flows'`);
		const version = await dataVersion(db.orm);
		if (engine.name === 'postgres')
			// A start while another process is counting (it holds the count's lock) leaves it to that one.
			await db.orm.transaction(async (tx) => {
				await tx.execute(sql.raw(`select pg_advisory_xact_lock(${COUNTING_LOCK})`));
				await ensureRollups(db.orm);
				expect(await rollupsPending(tx)).toBe(true);
			});
		await ensureRollups(db.orm);
		expect(await rollupsPending(db.orm)).toBe(false);
		const counted = await dataVersion(db.orm);
		expect(counted).not.toBe(version);
		// Once.
		await ensureRollups(db.orm);
		expect(await dataVersion(db.orm)).toBe(counted);
		await expectRollupsMatchBase(db);
	});
});
