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
// earlier cohort alone). Every other aggregate is attacked in disclosure-attack-views.test.ts.
//
// Sampling: the data set is small (~400 learners) so the whole space of these parameters is asked
// (about 500 completion answers per role), rather than sampling the bundled data's much larger one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db/client.ts';
import { getCompletion } from '../../src/lib/server/queries/completion.ts';
import { getFlows } from '../../src/lib/server/queries/flows.ts';
import type { Breakdown, EnrolmentFilters, Scope } from '../../src/lib/server/queries/scope.ts';
import { disclosurePolicy } from '../../src/lib/domain/suppression/policy.ts';
import { openWithData, type Block, type CraftedData } from './attack-data.ts';
import { Attack, cellKey } from './attack-solver.ts';
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
const AS_OF = [undefined, '2023-03-31', '2023-06-30', '2023-09-30', '2023-12-31'];
const FIELDS = ['known', 'completed', 'inProgress'] as const;

type Ask = { scope: Scope; provider?: string; cohort?: string; asOf?: string; by: Breakdown[] };

const constraintsOf = (a: Ask): Record<string, string | undefined> => ({
	provider: a.scope.kind === 'provider' ? a.scope.providerId : a.provider,
	cohort: a.cohort,
	asOf: a.asOf ?? 'now'
});

async function askCompletion(db: Db, attack: Attack, a: Ask) {
	const filters: EnrolmentFilters = {
		...(a.provider ? { providerId: a.provider } : {}),
		...(a.cohort ? { cohort: a.cohort } : {})
	};
	const context = { scope: a.scope, asOf: a.asOf, filters, by: a.by };
	const [shown, truth] = await Promise.all([
		getCompletion(db, { ...context, suppression: attack.policy }),
		getCompletion(db, { ...context, suppression: false })
	]);
	const base = constraintsOf(a);
	const groupsOf = (r: { group: string | null; groups?: [string, string] }) =>
		r.groups ?? (r.group === null ? [] : [r.group]);
	const keyOf = (groups: string[], field: string) =>
		cellKey({ ...base, ...Object.fromEntries(a.by.map((d, i) => [d, groups[i]])) }, field);
	const keys: string[] = [];
	truth.rows.forEach((t, i) => {
		const s = shown.rows[i];
		for (const f of FIELDS) {
			const key = keyOf(groupsOf(t), f);
			attack.see(key, s[f], t[f]!);
			keys.push(key);
		}
	});
	attack.answer(
		keys,
		JSON.stringify(truth.rows.map((t) => [groupsOf(t), t.known, t.completed, t.inProgress]))
	);
	// Partitions: each cell of a breakdown adds up, over one of its dimensions, to the cell without it.
	for (const [j, d] of a.by.entries()) {
		const parents = new Map<string, string[][]>();
		for (const t of truth.rows) {
			const g = groupsOf(t);
			const rest = g.filter((_, i) => i !== j);
			const id = JSON.stringify(rest);
			parents.set(id, [...(parents.get(id) ?? []), g]);
		}
		for (const [id, members] of parents) {
			const rest: string[] = JSON.parse(id);
			const others = a.by.filter((_, i) => i !== j);
			for (const f of FIELDS)
				attack.relate(
					cellKey({ ...base, ...Object.fromEntries(others.map((o, i) => [o, rest[i]])) }, f),
					members.map((g) => keyOf(g, f))
				);
		}
		void d;
	}
	return truth.rows.map(groupsOf);
}

async function attackCompletion(db: Db, attack: Attack, asks: Ask[]) {
	const listed = new Map<string, string[][]>();
	for (const a of asks) listed.set(JSON.stringify(a), await askCompletion(db, attack, a));
	// Partitions across filters: no cohort = the sum over cohorts; no provider = the sum over providers.
	for (const a of asks) {
		const groups = listed.get(JSON.stringify(a))!;
		const splits: Array<[keyof Ask, string[]]> = [];
		if (a.cohort === undefined && !a.by.includes('cohort')) splits.push(['cohort', ['2023A', '2023B']]);
		if (a.provider === undefined && a.scope.kind === 'system') splits.push(['provider', PROVIDERS]);
		for (const [what, values] of splits)
			for (const g of groups)
				for (const f of FIELDS) {
					const constraints = { ...constraintsOf(a), ...Object.fromEntries(a.by.map((d, i) => [d, g[i]])) };
					const children = values.map((v) => cellKey({ ...constraints, [what]: v }, f));
					// A child no answer lists (its group is empty there) is 0, when that answer was asked.
					for (const [i, v] of values.entries())
						if (asks.some((b) => JSON.stringify(b) === JSON.stringify({ ...a, [what]: v })))
							attack.zero(children[i]);
					attack.relate(cellKey(constraints, f), children);
				}
	}
}

async function attackFlows(db: Db, attack: Attack, scope: Scope) {
	for (const dimension of [undefined, 'gender'] as const)
		for (const byCohort of [true, false]) {
			const question = { scope, dimension, byCohort };
			const [shown, truth] = await Promise.all([
				getFlows(db, { ...question, suppression: attack.policy }),
				getFlows(db, { ...question, suppression: false })
			]);
			const key = (r: {
				kind: string;
				from: string;
				to: string;
				cohort: string | null;
				group: string | null;
			}) => JSON.stringify(['flow', r.kind, r.from, r.to, r.cohort ?? '*', r.group ?? '*']);
			const seen = new Map(shown.map((r) => [key(r), r.count]));
			for (const t of truth) attack.see(key(t), seen.get(key(t)) ?? null, t.count!);
		}
	// A flow's groups add up to it, and (where it holds) its start cohorts to the flow of all cohorts.
	const flows = [...attack.vars.keys()]
		.filter((k) => k.startsWith('["flow"'))
		.map((k) => JSON.parse(k) as string[]);
	const parentOf = (f: string[], at: number) => JSON.stringify(f.map((v, i) => (i === at ? '*' : v)));
	for (const at of [4, 5]) {
		const families = new Map<string, string[]>();
		for (const f of flows)
			if (f[at] !== '*')
				families.set(parentOf(f, at), [...(families.get(parentOf(f, at)) ?? []), JSON.stringify(f)]);
		for (const [parent, children] of families) attack.relate(parent, children);
	}
}

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
			await attackCompletion(db, attack, [...asks]);
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
			BYS.map((by) => ({ scope: { kind: 'system' }, by }))
		);
		await attackFlows(db, attack, { kind: 'system' });
		expect(attack.solve()).toEqual([]);
	}, 600_000);

	it('with suppression alone, differences across filters do recover cells — which is why the default rounds', async () => {
		const attack = new Attack(disclosurePolicy({ mode: 'suppress' }));
		await attackCompletion(db, attack, policymakerAsks());
		const recovered = attack.solve();
		// e.g. East at provider B (7 enrolments) = East − East at provider A.
		expect(recovered).toContain('[["asOf","now"],["provider","at-b"],["region","East"],"known"] = 7');
	}, 600_000);
});
