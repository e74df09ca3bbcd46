// One filter context reaches every figure of the dashboards: on a small hand-made data set (two
// providers, three credentials of two levels and modes, two cohorts, awards linked to their
// enrolments, some verified), each filter the URL can carry changes every figure that follows it
// to what counting the matching rows by hand gives — the tiles, the issuance and conformance
// panels and the data endpoints' queries — from the rollups and from the base tables alike. The
// stacking rate, which follows only the cut-off, stays put, and says so (filter-context.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db/client.ts';
import { collectFiles, importFiles } from '../../src/lib/server/import/index.ts';
import { ensureRollups } from '../../src/lib/server/rollups.ts';
import { getOverview, publishOverview } from '../../src/lib/server/queries/overview.ts';
import { getIssuance } from '../../src/lib/server/queries/issuance.ts';
import { getConformance } from '../../src/lib/server/queries/conformance.ts';
import { getSystemDashboard } from '../../src/lib/server/queries/system.ts';
import { getFlows, getFlowsPage } from '../../src/lib/server/queries/flows.ts';
import { disclosurePolicy } from '../../src/lib/domain/suppression/policy.ts';
import { getProviderDashboard } from '../../src/lib/server/queries/providers.ts';
import { SYSTEM, type EnrolmentFilters } from '../../src/lib/server/queries/scope.ts';
import { filtersNotFollowed } from '../../src/lib/components/dashboard/filter-context.ts';
import { engines } from './engines.ts';

type Enrolment = {
	learner: string;
	id: string;
	credential: string;
	cohort: string;
	started: string;
	ended: string | null;
	status: 'completed' | 'withdrawn' | 'failed' | 'in_progress';
	verified: boolean;
};

const CREDENTIALS = [
	{ id: 'FC-1', provider: 'fc-tafe', level: '4', mode: 'online' },
	{ id: 'FC-2', provider: 'fc-tafe', level: '5', mode: 'onsite' },
	{ id: 'FC-3', provider: 'fc-uni', level: '5', mode: 'online' }
];

// 48 learners, each enrolled once or twice; outcomes, dates and verification vary by index so
// every filter selects a different part.
const ENROLMENTS: Enrolment[] = [];
for (let i = 0; i < 48; i++) {
	const learner = `fc-${String(i).padStart(3, '0')}`;
	const picks = i % 3 === 0 ? [0, 2] : [i % 3];
	for (const c of picks) {
		const cohort = i % 2 === 0 ? '2023A' : '2023B';
		const started = cohort === '2023A' ? `2023-0${1 + (i % 3)}-10` : `2023-0${7 + (i % 3)}-10`;
		const statuses = ['completed', 'withdrawn', 'completed', 'failed', 'in_progress'] as const;
		const status = statuses[(i + c) % statuses.length];
		const ended =
			status === 'in_progress'
				? null
				: cohort === '2023A'
					? `2023-0${4 + (i % 4)}-2${c}`
					: `2024-0${1 + (i % 4)}-1${c}`;
		ENROLMENTS.push({
			learner,
			id: `${learner}-${c}`,
			credential: CREDENTIALS[c].id,
			cohort,
			started,
			ended,
			status,
			verified: i % 4 === 0
		});
	}
}

function writeData(dir: string) {
	const csv = (name: string, header: string, rows: string[]) =>
		writeFileSync(join(dir, `${name}.csv`), [header, ...rows].join('\n') + '\n');
	csv('providers', 'id,name,kind,country,qa_approach,accredited,origin', [
		'fc-tafe,Filter College TAFE,vet,AU,regulatory,true,real',
		'fc-uni,Filter University,higher_education,GB,,false,real'
	]);
	csv(
		'credentials',
		'id,provider_id,title,kind,level_framework,level,workload_hours,credits,credit_system,assessed,assessment_type,participation_mode,quality_assured,description,learning_outcomes,valid_from,valid_to,unparsed,origin',
		CREDENTIALS.map(
			(c) =>
				`${c.id},${c.provider},Credential ${c.id},micro,,${c.level},30,5,ECTS,true,exam,${c.mode},,,Outcome,2023-01-01,,,real`
		)
	);
	const learners = [...new Set(ENROLMENTS.map((e) => e.learner))];
	csv(
		'learners',
		'id,gender,age_band,disability,deprivation_band,region,prior_education,analytics_consent,identity_hash,origin',
		learners.map((id, i) => `${id},${i % 2 ? 'F' : 'M'},0-35,N,20-30%,North,A Level,true,,real`)
	);
	csv(
		'enrolments',
		'learner_id,id,credential_id,cohort,started_on,ended_on,status,result',
		ENROLMENTS.map(
			(e) => `${e.learner},${e.id},${e.credential},${e.cohort},${e.started},${e.ended ?? ''},${e.status},`
		)
	);
	csv(
		'awards',
		'learner_id,id,credential_id,enrolment_id,issued_on,expires_on,verification,verification_reason,source',
		ENROLMENTS.filter((e) => e.status === 'completed').map(
			(e) =>
				`${e.learner},${e.id}-award,${e.credential},${e.id},${e.ended},,${e.verified ? 'verified' : 'unsigned'},,`
		)
	);
}

type Question = { asOf?: string; filters: EnrolmentFilters; verifiedOnly?: boolean };

/** The figures counted by hand from the rows the question selects. */
function expected({ asOf, filters, verifiedOnly }: Question) {
	const credential = (id: string) => CREDENTIALS.find((c) => c.id === id)!;
	const enrolments = ENROLMENTS.filter(
		(e) =>
			(!asOf || e.started <= asOf) &&
			(!filters.cohort || e.cohort === filters.cohort) &&
			(!filters.credentialId || e.credential === filters.credentialId) &&
			(!filters.providerId || credential(e.credential).provider === filters.providerId) &&
			(!filters.level || credential(e.credential).level === filters.level) &&
			(!filters.mode || credential(e.credential).mode === filters.mode)
	);
	const ended = (e: Enrolment) => e.ended !== null && (!asOf || e.ended <= asOf);
	const status = (e: Enrolment) => (ended(e) ? e.status : 'in_progress');
	const awards = enrolments.filter(
		(e) => e.status === 'completed' && ended(e) && (!verifiedOnly || e.verified)
	);
	const quarter = (d: string) => `${d.slice(0, 4)}-Q${Math.ceil(Number(d.slice(5, 7)) / 3)}`;
	const perQuarter = new Map<string, number>();
	for (const a of awards) perQuarter.set(quarter(a.ended!), (perQuarter.get(quarter(a.ended!)) ?? 0) + 1);
	return {
		learners: new Set(enrolments.map((e) => e.learner)).size,
		enrolments: enrolments.length,
		awards: awards.length,
		completed: enrolments.filter((e) => status(e) === 'completed').length,
		known: enrolments.filter((e) => status(e) !== 'in_progress').length,
		inProgress: enrolments.filter((e) => status(e) === 'in_progress').length,
		issuance: [...perQuarter].sort(([a], [b]) => a.localeCompare(b))
	};
}

const QUESTIONS: Question[] = [
	{ filters: {} },
	{ filters: { cohort: '2023A' } },
	{ filters: { cohort: '2023B' }, asOf: '2023-12-31' },
	{ filters: {}, asOf: '2023-06-30' },
	{ filters: { providerId: 'fc-tafe' } },
	{ filters: { credentialId: 'FC-3' } },
	{ filters: { level: '5' } },
	{ filters: { mode: 'online' }, asOf: '2024-02-01' },
	{ filters: { cohort: '2023A' }, verifiedOnly: true },
	{ filters: { qaApproach: 'regulatory' } }
];

describe.each(engines)('the filter context reaches every figure on $name', (engine) => {
	let db: Db;
	const dir = mkdtempSync(join(tmpdir(), 'stackwise-filter-context-'));
	beforeAll(async () => {
		db = await engine.open();
		writeData(dir);
		const { reports } = await importFiles(db, collectFiles([dir]));
		expect(reports.map((r) => r.status)).toEqual(['succeeded']);
		expect(reports[0].files.map((f) => f.rejected)).toEqual(reports[0].files.map(() => 0));
		await ensureRollups(db.orm);
	}, 120_000);
	afterAll(async () => {
		await db?.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it.each(QUESTIONS)('$filters as of $asOf (verified only: $verifiedOnly)', async (question) => {
		// The qaApproach filter keeps the credentials of the regulated provider, as the provider filter.
		const byHand = expected(
			question.filters.qaApproach
				? { ...question, filters: { ...question.filters, qaApproach: undefined, providerId: 'fc-tafe' } }
				: question
		);
		const options = {
			scope: SYSTEM,
			suppression: false as const,
			asOf: question.asOf,
			filters: question.filters,
			verifiedOnly: question.verifiedOnly ?? false,
			by: ['gender' as const],
			issuanceBy: 'none' as const
		};
		const dashboard = await getSystemDashboard(db, options);
		// Tiles.
		expect(dashboard.overview).toMatchObject({
			learners: byHand.learners,
			enrolments: byHand.enrolments,
			awards: byHand.awards
		});
		expect(dashboard.completion).toMatchObject({
			completed: byHand.completed,
			known: byHand.known,
			inProgress: byHand.inProgress
		});
		// The equity panel's groups add up to the same population.
		const equityKnown = dashboard.equity.rows.reduce((n, r) => n + (r.known ?? 0), 0);
		expect(equityKnown).toBe(byHand.known);
		// The curve's population: the completers among the enrolments the filters keep.
		const completers = dashboard.completionByCredential.reduce((n, r) => n + (r.completed ?? 0), 0);
		expect(completers).toBe(byHand.completed);
		// Issuance: awards per quarter; conformance: the awards it weighs.
		expect(dashboard.issuance.map((r) => [r.period, r.awards])).toEqual(byHand.issuance);
		expect(dashboard.conformance.shares?.awards ?? 0).toBe(byHand.awards);

		// The same from the base tables, without the rollups.
		const context = { scope: SYSTEM, asOf: question.asOf, filters: question.filters };
		expect(
			publishOverview(
				await getOverview(db, { ...context, verifiedOnly: options.verifiedOnly, source: 'base' }),
				false
			)
		).toEqual(dashboard.overview);
		expect(
			await getIssuance(db, {
				...context,
				suppression: false,
				verifiedOnly: options.verifiedOnly,
				source: 'base'
			})
		).toEqual(dashboard.issuance);
		expect(
			(
				await getConformance(db, {
					...context,
					suppression: false,
					verifiedOnly: options.verifiedOnly,
					source: 'base'
				})
			).shares
		).toEqual(dashboard.conformance.shares);

		// A provider's dashboard under the same filters: its own tiles are the system's for its rows.
		const own = await getProviderDashboard(db, 'fc-tafe', options);
		const ownByHand = expected(
			question.filters.providerId === 'fc-uni' || question.filters.credentialId === 'FC-3'
				? { ...question, filters: { ...question.filters, credentialId: 'none' } }
				: { ...question, filters: { ...question.filters, qaApproach: undefined, providerId: 'fc-tafe' } }
		);
		expect(own!.own.overview).toMatchObject({
			learners: ownByHand.learners,
			enrolments: ownByHand.enrolments,
			awards: ownByHand.awards
		});
		expect(own!.own.completion).toMatchObject({
			completed: ownByHand.completed,
			inProgress: ownByHand.inProgress
		});
	});

	it("a credential's flows are the flows into and out of it: the same cells, withheld alike", async () => {
		const context = { scope: SYSTEM, byCohort: false, kind: 'next' as const };
		// By hand: every third learner takes FC-1, then FC-3 (same day, FC-1's enrolment first).
		const open = await getFlows(db, { ...context, suppression: false, filters: { credentialId: 'FC-3' } });
		expect(open.map((r) => [r.from, r.to, r.count])).toEqual([['FC-1', 'FC-3', 16]]);
		expect(await getFlows(db, { ...context, suppression: false, filters: { credentialId: 'FC-2' } })).toEqual(
			[]
		);
		// Under a policy, by gender: the rows of the whole table that touch FC-1, as published there
		// (a subset of the same cells, never a second table to subtract).
		for (const policy of [disclosurePolicy({ threshold: 10, mode: 'suppress' }), disclosurePolicy({})]) {
			const question = { ...context, suppression: policy, dimension: 'gender' as const };
			const whole = await getFlows(db, question);
			const ofCredential = await getFlowsPage(db, { ...question, filters: { credentialId: 'FC-1' } });
			const touching = whole.filter((r) => r.from === 'FC-1' || r.to === 'FC-1');
			expect(touching.length).toBeGreaterThan(0);
			expect(ofCredential).toEqual({ rows: touching, total: touching.length });
			const page = await getFlowsPage(db, {
				...question,
				filters: { credentialId: 'FC-1' },
				page: { limit: 1, offset: 1 }
			});
			expect(page).toEqual({ rows: touching.slice(1, 2), total: touching.length });
		}
		expect(filtersNotFollowed('flows', { credential: 'FC-1', data: 'real', verifiedOnly: false })).toEqual(
			[]
		);
	});

	it('the stacking rate follows only the cut-off, and says which set filters it leaves aside', async () => {
		const base = {
			scope: SYSTEM,
			suppression: false as const,
			by: ['gender' as const],
			issuanceBy: 'none' as const,
			verifiedOnly: false
		};
		const all = await getSystemDashboard(db, { ...base, filters: {} });
		const cohort = await getSystemDashboard(db, { ...base, filters: { cohort: '2023A', level: '5' } });
		expect(cohort.stacking).toEqual(all.stacking);
		expect(
			filtersNotFollowed('stacking', {
				cohort: '2023A',
				level: '5',
				asOf: '2024-01-01',
				data: 'real',
				verifiedOnly: false
			})
		).toEqual(['cohort', 'level']);
	});
});
