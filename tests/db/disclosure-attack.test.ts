// The attack suite (docs/disclosure.md): as a policymaker and as a provider would, ask every
// question the completion and flows answers allow over a crafted data set of small cells — every
// dimension and pair of them, every cohort filter, as-of dates at quarter ends, each provider (as a
// filter, as the provider's own scope and as its system benchmark), flows by group and by start
// cohort — collect every published cell, and try to work out every withheld one by linear
// combination: margins, pairs of dimensions, and differences across cohort, provider and as-of
// filters. No withheld cell may come out exactly.
//
// The solver (attack-solver.ts): every cell a variable named by what it counts, partitions and
// identities kept where they hold on the true counts, interval propagation to a fixed point. Whole
// answers with identical true figures are merged (an as-of date before a cohort's start equals the
// earlier cohort alone). The questions are asked as attack-questions.ts asks them, as the OULAD
// suite (disclosure-attack-oulad.test.ts) does; every other aggregate is attacked in
// disclosure-attack-views.test.ts.
//
// Sampling: the data set is small (~400 learners) so the whole space of these parameters is asked
// (about 500 completion answers per role); the OULAD suite samples the bundled data's larger one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db/client.ts';
import type { Breakdown, Scope } from '../../src/lib/server/queries/scope.ts';
import { disclosurePolicy } from '../../src/lib/domain/suppression/policy.ts';
import { openWithData, type Block, type CraftedData } from './attack-data.ts';
import { Attack } from './attack-solver.ts';
import { attackCompletion, attackFlows, type Ask, type Space } from './attack-questions.ts';
import { NOT_STATED } from '../../src/lib/domain/types.ts';
import { engines } from './engines.ts';

// -----------------------------------------------------------------------------------------------
// The crafted data (attack-data.ts): blocks of learners, each with one enrolment (some a next one, for flows).

const BLOCKS: Block[] = [
	// gender × disability: disability Y is withheld beside "not stated" in the one-dimension view,
	// while F×Y and M×Y are large (the example).
	{ n: 30, gender: 'F', disability: 'Y', region: 'North', cohort: '2023A', credential: 'CA', next: 29 },
	{ n: 15, gender: 'F', disability: 'N', region: 'North', cohort: '2023A', credential: 'CA' },
	{ n: 4, gender: 'F', disability: NOT_STATED, region: 'North', cohort: '2023A', credential: 'CA' },
	{ n: 30, gender: 'M', disability: 'Y', region: 'North', cohort: '2023A', credential: 'CA', next: 1 },
	{ n: 15, gender: 'M', disability: 'N', region: 'North', cohort: '2023A', credential: 'CA' },
	{ n: 3, gender: 'M', disability: NOT_STATED, region: 'North', cohort: '2023A', credential: 'CA' },
	{ n: 100, gender: NOT_STATED, disability: 'N', region: 'North', cohort: '2023A', credential: 'CA' },
	// A region in two cohorts, 11 and 8 (the cohort filter attack).
	{ n: 11, gender: 'F', disability: 'N', region: 'East', cohort: '2023A', credential: 'CA' },
	{ n: 8, gender: 'F', disability: 'N', region: 'East', cohort: '2023B', credential: 'CA', next: 7 },
	// A region at two providers, 20 and 6 (the provider attack).
	{ n: 20, gender: 'F', disability: 'N', region: 'South', cohort: '2023A', credential: 'CA' },
	{ n: 6, gender: 'F', disability: 'N', region: 'South', cohort: '2023A', credential: 'CB' },
	{ n: 60, gender: NOT_STATED, disability: 'N', region: 'South', cohort: '2023B', credential: 'CB' },
	{ n: 40, gender: 'F', disability: 'Y', region: 'North', cohort: '2023B', credential: 'CA', next: 12 }
];
const DATA: CraftedData = {
	prefix: 'at',
	blocks: BLOCKS,
	files: {
		providers: [
			'id,name,kind,country,qa_approach,accredited,origin',
			'at-a,Attack College A,vet,AU,regulatory,true,real',
			'at-b,Attack College B,higher_education,GB,,false,real'
		],
		credentials: [
			'id,provider_id,title,kind,level_framework,level,workload_hours,credits,credit_system,assessed,assessment_type,participation_mode,quality_assured,description,learning_outcomes,valid_from,valid_to,unparsed,origin',
			'CA,at-a,Credential A,micro,,4,30,5,ECTS,true,exam,online,,,Outcome,2023-01-01,,,real',
			'CB,at-b,Credential B,micro,,5,30,5,ECTS,true,exam,online,,,Outcome,2023-01-01,,,real'
		]
	}
};

// -----------------------------------------------------------------------------------------------
// The question space.

const DIMENSIONS = ['gender', 'disability', 'region', 'cohort'] as const;
const BYS: Breakdown[][] = [
	[],
	...DIMENSIONS.map((d) => [d]),
	...DIMENSIONS.flatMap((d, i) => DIMENSIONS.slice(i + 1).map((e) => [d, e]))
];
const COHORTS = [undefined, '2023A', '2023B'];
const PROVIDERS = ['at-a', 'at-b'];
const SPACE: Space = { cohorts: ['2023A', '2023B'], providers: PROVIDERS };
const AS_OF = [undefined, '2023-03-31', '2023-06-30', '2023-09-30', '2023-12-31'];
function policymakerAsks(): Ask[] {
	const asks: Ask[] = [];
	for (const by of BYS)
		for (const cohort of COHORTS)
			for (const asOf of AS_OF)
				for (const provider of [undefined, ...PROVIDERS])
					if (!(cohort && by.includes('cohort')))
						asks.push({ scope: { kind: 'system' }, provider, cohort, asOf, by });
	return asks;
}

function providerAsks(providerId: string): Ask[] {
	const asks: Ask[] = [];
	for (const by of BYS)
		for (const cohort of COHORTS)
			for (const asOf of AS_OF) {
				if (cohort && by.includes('cohort')) continue;
				asks.push({ scope: { kind: 'provider', providerId }, cohort, asOf, by });
				// The system benchmark beside the provider's own figures (the whole population only).
				if (by.length === 0) asks.push({ scope: { kind: 'system' }, cohort, asOf, by });
			}
	return asks;
}

describe.each(engines)('disclosure attacks on $name', (engine) => {
	let db: Db;
	let close: () => Promise<void>;
	beforeAll(async () => {
		({ db, close } = await openWithData(engine, DATA));
	}, 120_000);
	afterAll(async () => {
		await close?.();
	});

	const roles = [
		['a policymaker', policymakerAsks(), { kind: 'system' } as Scope],
		['a provider', providerAsks('at-a'), { kind: 'provider', providerId: 'at-a' } as Scope]
	] as const;

	it.each(roles)(
		'as %s, under the default policy (suppress and round), recovers no withheld cell',
		async (_role, asks, scope) => {
			const attack = new Attack(disclosurePolicy({}));
			await attackCompletion(db, attack, [...asks], SPACE);
			await attackFlows(db, attack, scope);
			const withheld = [...attack.vars.values()].filter((v) => v.withheld).length;
			expect(withheld).toBeGreaterThan(20); // the data set has small cells to attack
			expect(attack.solve()).toEqual([]);
		},
		600_000
	);

	it('with suppression alone, no withheld cell is recovered from one answer and its margins (rules a, b, d)', async () => {
		// Only answers without a cohort, provider or as-of filter: what suppression alone protects.
		const attack = new Attack(disclosurePolicy({ mode: 'suppress' }));
		await attackCompletion(
			db,
			attack,
			BYS.map((by) => ({ scope: { kind: 'system' }, by })),
			SPACE
		);
		await attackFlows(db, attack, { kind: 'system' });
		expect(attack.solve()).toEqual([]);
	}, 600_000);

	it('with suppression alone, differences across filters do recover cells — which is why the default rounds', async () => {
		const attack = new Attack(disclosurePolicy({ mode: 'suppress' }));
		await attackCompletion(db, attack, policymakerAsks(), SPACE);
		const recovered = attack.solve();
		// e.g. East at provider B (7 enrolments) = East − East at provider A.
		expect(recovered).toContain('[["asOf","now"],["provider","at-b"],["region","East"],"known"] = 7');
	}, 600_000);
});
