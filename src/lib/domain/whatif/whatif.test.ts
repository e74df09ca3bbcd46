import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeCredential as cred, makeGroup as group } from '../stacking/defaults.ts';
import { indexCatalogue, type Catalogue } from '../stacking/catalogue.ts';
import { randomCatalogue } from '../../../../tests/builders/random-catalogues.ts';
import { stackingOutcomes } from '../stacking/stacking-rate.ts';
import { GROUP_DIMENSIONS, type GroupDimension } from '../types.ts';
import { applyScenario } from './rules.ts';
import { QUALIFICATION_COLUMNS } from './columns.ts';
import { toCsv } from '../../csv.ts';
import { parseScenario, ScenarioError } from './scenario.ts';
import { whatIf, type WhatIfLearner } from './report.ts';
import { replayLearner } from './replay.ts';
import { askedToday } from './form.ts';

// Q: core all of {U1, U2}, electives 2 of {E1, E2, E3}. M (a micro-credential of provider P) is
// not part of Q today.
const catalogue: Catalogue = {
	credentials: [
		cred({ id: 'Q', kind: 'macro', providerId: 'QP' }),
		...['U1', 'U2', 'E1', 'E2', 'E3'].map((id) =>
			cred({ id, providerId: 'QP', credits: 10, workloadHours: 20 })
		),
		cred({ id: 'M', kind: 'micro', providerId: 'P', credits: 10, workloadHours: 10 })
	],
	groups: [
		group({ id: 'core', targetCredentialId: 'Q', rule: 'all', members: ['U1', 'U2'], position: 0 }),
		group({ id: 'el', targetCredentialId: 'Q', rule: 'n_of', n: 2, members: ['E1', 'E2', 'E3'], position: 1 })
	],
	prerequisites: [],
	recognitions: []
};
const index = indexCatalogue(catalogue);
const providers = new Set(['QP', 'P', 'R']);
const groups = (g = 'F'): Record<GroupDimension, string> =>
	Object.fromEntries(GROUP_DIMENSIONS.map((d) => [d, d === 'gender' ? g : 'x'])) as Record<
		GroupDimension,
		string
	>;
const award = (credentialId: string, issuedOn: string, providerId: string | null = 'QP') => ({
	credentialId,
	issuedOn,
	providerId
});

describe('scenario', () => {
	it('refuses what does not fit the schema, saying where', () => {
		expect(() => parseScenario({ version: 2, changes: [] })).toThrow(ScenarioError);
		expect(() => parseScenario({ version: 1, changes: [{ type: 'recognise', credential: 'M' }] })).toThrow(
			/changes\.0\.as/
		);
	});
	it('refuses unknown credentials, groups and providers, naming every one', () => {
		const scenario = parseScenario({
			version: 1,
			changes: [
				{ type: 'recognise', credential: 'NOPE', as: 'U2', providers: ['NOBODY'] },
				{ type: 'requirement', group: 'no-group', n: 1 },
				{ type: 'requirement', group: 'el', add: ['GHOST'] }
			]
		});
		expect(() => applyScenario({ index, scenario, providers })).toThrow(
			'whatif/scenario: unknown credentials: GHOST, NOPE; unknown group: no-group; unknown provider: NOBODY'
		);
	});
	it('names the qualifications a change can move', () => {
		const scenario = parseScenario({
			version: 1,
			changes: [{ type: 'recognise', credential: 'M', as: 'U2' }]
		});
		expect(applyScenario({ index, scenario, providers }).affected).toEqual(['Q']);
	});
});

describe('replay', () => {
	it('a recognition of a held credential as a missing core unit completes the learner on the day the last piece is held', () => {
		const scenario = parseScenario({
			version: 1,
			changes: [{ type: 'recognise', credential: 'M', as: 'U2', providers: ['P'] }]
		});
		const applied = applyScenario({ index, scenario, providers });
		const awards = [
			award('U1', '2024-01-10'),
			award('M', '2024-02-01', 'P'),
			award('E1', '2024-03-05'),
			award('E2', '2024-04-20')
		];
		const now = replayLearner({ rules: applied.now, awards, targets: ['Q'], asOf: '2024-12-31' });
		const then = replayLearner({ rules: applied.scenario, awards, targets: ['Q'], asOf: '2024-12-31' });
		expect(now.targets.get('Q')).toMatchObject({ firstOn: '2024-01-10', completedOn: null });
		expect(now.targets.get('Q')!.remaining).toEqual({ count: 1, hours: 20 });
		expect(then.targets.get('Q')).toMatchObject({
			firstOn: '2024-01-10',
			completedOn: '2024-04-20',
			remaining: null
		});
		expect([...then.targets.get('Q')!.counted].sort()).toEqual(['E1', 'E2', 'M', 'U1']);
		expect([...then.recognised]).toEqual(['U2']);
		// From another provider the award does not count.
		const other = replayLearner({
			rules: applied.scenario,
			awards: awards.map((a) => (a.credentialId === 'M' ? { ...a, providerId: 'R' } : a)),
			targets: ['Q'],
			asOf: '2024-12-31'
		});
		expect(other.targets.get('Q')!.completedOn).toBeNull();
		// Before the as-of date the learner is still in progress.
		const early = replayLearner({ rules: applied.scenario, awards, targets: ['Q'], asOf: '2024-04-19' });
		expect(early.targets.get('Q')!.completedOn).toBeNull();
	});

	it('an added prerequisite counts an award only once the prerequisite is held', () => {
		const scenario = parseScenario({
			version: 1,
			changes: [{ type: 'prerequisite', action: 'add', credential: 'U2', requires: 'E3' }]
		});
		const applied = applyScenario({ index, scenario, providers });
		const awards = ['U1', 'U2', 'E1', 'E2'].map((c, i) => award(c, `2024-0${i + 1}-01`));
		const run = (asOf: string, extra: typeof awards = []) =>
			replayLearner({
				rules: applied.scenario,
				awards: [...awards, ...extra],
				targets: ['Q'],
				asOf
			}).targets.get('Q')!.completedOn;
		expect(run('2024-12-31')).toBeNull();
		expect(run('2024-12-31', [award('E3', '2024-06-01')])).toBe('2024-06-01');
	});

	it('credit transfer counts another provider’s units toward the electives, up to the cap', () => {
		const scenario = parseScenario({
			version: 1,
			changes: [{ type: 'creditTransfer', fromProvider: 'P', toProvider: 'QP', maxCredits: 10 }]
		});
		const applied = applyScenario({ index, scenario, providers });
		const awards = [
			award('U1', '2024-01-01'),
			award('U2', '2024-01-02'),
			award('E1', '2024-01-03'),
			award('M', '2024-05-01', 'P')
		];
		const then = replayLearner({ rules: applied.scenario, awards, targets: ['Q'], asOf: '2024-12-31' });
		expect(then.targets.get('Q')!.completedOn).toBe('2024-05-01');
		const capped = applyScenario({
			index,
			scenario: parseScenario({
				version: 1,
				changes: [{ type: 'creditTransfer', fromProvider: 'P', toProvider: 'QP', maxCredits: 5 }]
			}),
			providers
		});
		expect(
			replayLearner({ rules: capped.scenario, awards, targets: ['Q'], asOf: '2024-12-31' }).targets.get('Q')!
				.completedOn
		).toBeNull();
	});
});

/** Learners with random subsets of the units, on random days, in two genders. */
const learnersOf = (ids: string[]) =>
	fc.array(
		fc.record({
			held: fc.subarray(ids),
			days: fc.array(fc.integer({ min: 1, max: 28 }), { minLength: 12, maxLength: 12 }),
			gender: fc.constantFrom('F', 'M')
		}),
		{ maxLength: 30 }
	);
const toLearners = (rows: { held: string[]; days: number[]; gender: string }[]): WhatIfLearner[] =>
	rows.map((r) => ({
		groups: groups(r.gender),
		awards: r.held.map((c, i) => award(c, `2024-03-${String(r.days[i % 12]).padStart(2, '0')}`))
	}));

describe('remembered walks', () => {
	it('give every learner exactly what walking their own awards gives, under any scenario', () => {
		const provider = fc.constantFrom('P', 'QP', 'R');
		fc.assert(
			fc.property(
				randomCatalogue.chain(({ catalogue }) => {
					const ids = catalogue.credentials.map((c) => c.id).filter((id) => id !== 'T');
					const change = fc.oneof(
						fc.record({
							type: fc.constant('recognise' as const),
							credential: fc.constantFrom(...ids),
							as: fc.constantFrom(...ids),
							providers: fc.option(fc.constant(['P']), { nil: undefined })
						}),
						fc.record({
							type: fc.constant('creditTransfer' as const),
							fromProvider: fc.constant('P'),
							toProvider: fc.constant('QP'),
							maxCredits: fc.integer({ min: 1, max: 12 })
						}),
						fc.record({
							type: fc.constant('prerequisite' as const),
							action: fc.constant('add' as const),
							credential: fc.constantFrom(...ids),
							requires: fc.constantFrom(...ids)
						}),
						fc.record({
							type: fc.constant('requirement' as const),
							group: fc.constantFrom(...catalogue.groups.map((g) => g.id)),
							n: fc.integer({ min: 0, max: 4 })
						})
					);
					return fc.tuple(
						fc.constant(catalogue),
						fc.array(
							fc.record({
								held: fc.subarray(ids),
								days: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 12, maxLength: 12 }),
								providers: fc.array(provider, { minLength: 12, maxLength: 12 }),
								// The same awards from other providers: a walk remembered must not be reused for them.
								otherProviders: fc.array(provider, { minLength: 12, maxLength: 12 })
							}),
							{ maxLength: 25 }
						),
						fc.array(change, { minLength: 1, maxLength: 3 })
					);
				}),
				([cat, rows, changes]) => {
					// Half of the units are provider P's, the rest and T are QP's.
					const ix = indexCatalogue({
						...cat,
						credentials: cat.credentials.map((c, i) => ({ ...c, providerId: i % 2 ? 'P' : 'QP' }))
					});
					const scenario = parseScenario({ version: 1, changes });
					let applied;
					try {
						applied = applyScenario({ index: ix, scenario, providers });
					} catch (e) {
						if (e instanceof ScenarioError) return;
						throw e;
					}
					const learners = rows.flatMap((r) =>
						[r.providers, r.otherProviders].map((from) =>
							r.held.map((c, i) => award(c, `2024-03-0${r.days[i % 12]}`, from[i % 12]))
						)
					);
					for (const rules of [applied.now, applied.scenario])
						for (const awards of [...learners, ...learners]) {
							const ask = (remember: boolean) =>
								replayLearner({ rules, awards, targets: applied.affected, asOf: '2024-03-03', remember });
							expect(ask(true)).toEqual(ask(false));
						}
				}
			),
			{ seed: 20261206, numRuns: 300 }
		);
	});
});

describe('whatIf', () => {
	it('with no change reproduces today’s stacking figures exactly', () => {
		fc.assert(
			fc.property(
				randomCatalogue.chain(({ catalogue }) =>
					fc.tuple(
						fc.constant(catalogue),
						learnersOf(catalogue.credentials.map((c) => c.id).filter((id) => id !== 'T'))
					)
				),
				([cat, rows]) => {
					const ix = indexCatalogue(cat);
					const learners = toLearners(rows);
					// T's first group asked for exactly what it asks today: T is affected, nothing differs.
					const first = cat.groups[0];
					const children = cat.groups.filter((c) => c.parentGroupId === first.id).length;
					const asked = askedToday({ ...first, children });
					const same = parseScenario({
						version: 1,
						changes: [
							first.rule === 'min_credits'
								? { type: 'requirement', group: first.id, minCredits: asked }
								: { type: 'requirement', group: first.id, n: asked }
						]
					});
					const applied = applyScenario({ index: ix, scenario: same, providers });
					const report = whatIf({
						applied,
						scenario: same,
						learners,
						asOf: '2024-12-31',
						suppression: false
					});
					const [cell] = stackingOutcomes({
						catalogue: ix,
						learners: learners.map((l) => ({ held: l.awards.map((a) => a.credentialId), groups: [] }))
					});
					const q = report.qualifications.find((x) => x.id === 'T')!;
					expect(q.learners).toBe(cell?.holders ?? 0);
					expect(q.completedNow).toBe(cell?.achieved ?? 0);
					expect(q.completedScenario).toBe(q.completedNow);
					expect(q.difference).toBe(0);
					expect(q.medianDaysScenario).toBe(q.medianDaysNow);
					expect(q.curveScenario).toEqual(q.curveNow);
					expect(q.remainingScenario).toEqual(q.remainingNow);
					for (const g of q.byGroup) expect(g.completedScenario).toBe(g.completedNow);
				}
			),
			{ numRuns: 150 }
		);
	});

	it('raising a group’s n never increases completions', () => {
		fc.assert(
			fc.property(
				randomCatalogue.chain(({ catalogue }) =>
					fc.tuple(
						fc.constant(catalogue),
						learnersOf(catalogue.credentials.map((c) => c.id).filter((id) => id !== 'T')),
						fc.nat({ max: catalogue.groups.length - 1 }),
						fc.integer({ min: 1, max: 3 })
					)
				),
				([cat, rows, g, by]) => {
					const ix = indexCatalogue(cat);
					const target = cat.groups[g];
					if (target.rule === 'min_credits') return;
					// What the group asks today ('all': every member and every nested group), plus some.
					const children = cat.groups.filter((c) => c.parentGroupId === target.id).length;
					const n = askedToday({ ...target, children }) + by;
					const scenario = parseScenario({
						version: 1,
						changes: [{ type: 'requirement', group: target.id, n }]
					});
					const applied = applyScenario({ index: ix, scenario, providers });
					const report = whatIf({
						applied,
						scenario,
						learners: toLearners(rows),
						asOf: '2024-12-31',
						suppression: false
					});
					for (const q of report.qualifications)
						expect(q.completedScenario!).toBeLessThanOrEqual(q.completedNow!);
				}
			),
			{ numRuns: 150 }
		);
	});

	it('publishes no cell describing fewer learners than the threshold, and no small change', () => {
		const scenario = parseScenario({
			version: 1,
			changes: [{ type: 'recognise', credential: 'M', as: 'U2' }]
		});
		const applied = applyScenario({ index, scenario, providers });
		fc.assert(
			fc.property(learnersOf(['U1', 'U2', 'E1', 'E2', 'E3', 'M']), (rows) => {
				const learners = toLearners(rows);
				const policy = { threshold: 10, mode: 'suppress' as const };
				const report = whatIf({ applied, scenario, learners, asOf: '2024-12-31', suppression: policy });
				const exact = whatIf({ applied, scenario, learners, asOf: '2024-12-31', suppression: false });
				const [q, e] = [report.qualifications[0], exact.qualifications[0]];
				if (q.learners !== null) expect(q.learners === 0 || q.learners >= 10).toBe(true);
				else expect(q.curveNow).toEqual([]);
				const changed = (e.completedScenario ?? 0) - (e.completedNow ?? 0);
				if (changed > 0 && changed < 10) {
					expect(q.difference).toBeNull();
					expect(q.completedScenario).toBeNull();
				}
				for (const g of q.byGroup) if (g.learners !== null) expect(g.learners).toBeGreaterThanOrEqual(10);
				for (const p of q.providersNewlyCounted)
					if (p.learners !== null) expect(p.learners).toBeGreaterThanOrEqual(10);
				const r = q.remainingNow;
				if (r.inProgress !== null && r.inProgress > 0) expect(r.inProgress).toBeGreaterThanOrEqual(10);
			}),
			{ numRuns: 150 }
		);
	});

	it('counts completions, the difference and the recognitions a change creates', () => {
		const scenario = parseScenario({
			version: 1,
			changes: [{ type: 'recognise', credential: 'M', as: 'U2' }]
		});
		const applied = applyScenario({ index, scenario, providers });
		const learners: WhatIfLearner[] = [
			...Array.from({ length: 12 }, (_, i) => ({
				groups: groups(i % 2 ? 'F' : 'M'),
				awards: [
					award('U1', '2024-01-01'),
					award('E1', '2024-01-02'),
					award('E2', '2024-01-03'),
					award('M', '2024-02-01', 'P')
				]
			})),
			...Array.from({ length: 10 }, () => ({
				groups: groups('F'),
				awards: ['U1', 'U2', 'E1', 'E2'].map((c) => award(c, '2024-01-05'))
			}))
		];
		const report = whatIf({ applied, scenario, learners, asOf: '2024-12-31', suppression: false });
		const [q] = report.qualifications;
		expect(q).toMatchObject({
			learners: 22,
			completedNow: 10,
			completedScenario: 22,
			difference: 12,
			recognitionsCreated: 12
		});
		expect(q.providersNewlyCounted).toEqual([{ provider: 'P', learners: 12, awards: 12, suppressed: null }]);
		expect(q.remainingNow).toMatchObject({
			inProgress: 12,
			meanCredentials: 1,
			meanHours: 20,
			hoursKnown: 12
		});
		expect(q.remainingScenario).toEqual({
			inProgress: 0,
			meanCredentials: null,
			meanHours: null,
			hoursKnown: 0
		});
		expect(q.medianDaysNow).toBeNull();
		expect(q.medianDaysScenario).toBe(31);
		expect(report.overall).toMatchObject({
			learners: 22,
			completedNow: 10,
			completedScenario: 22,
			difference: 12
		});
	});
});

describe('hours still to go', () => {
	// E3 states no nominal hours: whoever could still take it has unknown hours to go.
	const noHours = indexCatalogue({
		...catalogue,
		credentials: catalogue.credentials.map((c) => (c.id === 'E3' ? { ...c, workloadHours: null } : c))
	});
	const scenario = parseScenario({ version: 1, changes: [{ type: 'recognise', credential: 'M', as: 'E1' }] });
	const applied = applyScenario({ index: noHours, scenario, providers });
	const learner = (held: string[]): WhatIfLearner => ({
		groups: groups(),
		awards: held.map((c, i) => award(c, `2024-01-0${i + 1}`))
	});

	it('are the planner’s fewest nominal hours, unknown when a credential that could complete it has none', () => {
		const run = (held: string[]) =>
			replayLearner({
				rules: applied.now,
				awards: learner(held).awards,
				targets: ['Q'],
				asOf: '2024-12-31'
			}).targets.get('Q')!.remaining;
		// E3 held: U2 (20 hours) is all that remains.
		expect(run(['U1', 'E1', 'E3'])).toEqual({ count: 1, hours: 20 });
		// E3 could be taken instead of E2: the hours are not known.
		expect(run(['U1', 'U2', 'E1'])).toEqual({ count: 1, hours: null });
	});

	it('are averaged over those whose hours are known, and withheld when a few are not', () => {
		const policy = { threshold: 10, mode: 'suppress' as const };
		const report = (known: number, unknown: number) =>
			whatIf({
				applied,
				scenario,
				learners: [
					...Array.from({ length: known }, () => learner(['U1', 'E1', 'E3'])),
					...Array.from({ length: unknown }, () => learner(['U1', 'U2', 'E1']))
				],
				asOf: '2024-12-31',
				suppression: policy
			}).qualifications[0].remainingNow;
		expect(report(12, 10)).toEqual({ inProgress: 22, meanCredentials: 1, meanHours: 20, hoursKnown: 12 });
		// Three left out would be singled out by the difference: how many are known is withheld.
		expect(report(12, 3)).toEqual({ inProgress: 15, meanCredentials: 1, meanHours: 20, hoursKnown: null });
		// Too few known: no mean.
		expect(report(3, 12)).toEqual({ inProgress: 15, meanCredentials: 1, meanHours: null, hoursKnown: null });
	});

	it('are in the qualifications’ CSV as the report publishes them, withheld cells empty', () => {
		const report = whatIf({
			applied,
			scenario,
			learners: [
				...Array.from({ length: 12 }, () => learner(['U1', 'E1', 'E3'])),
				...Array.from({ length: 3 }, () => learner(['U1', 'U2', 'E1']))
			],
			asOf: '2024-12-31',
			suppression: { threshold: 10, mode: 'suppress' }
		});
		const [header, row] = toCsv(report.qualifications, QUALIFICATION_COLUMNS).trim().split('\r\n');
		const cells = Object.fromEntries(header.split(',').map((label, i) => [label, row.split(',')[i]]));
		const q = report.qualifications[0];
		expect(cells.in_progress_now).toBe(String(q.remainingNow.inProgress));
		expect(cells.mean_hours_to_go_now).toBe('20');
		expect(cells.mean_credentials_to_go_scenario).toBe(
			q.remainingScenario.meanCredentials === null ? '' : String(q.remainingScenario.meanCredentials)
		);
		// Withheld (three would be singled out): an empty cell, not a number.
		expect(q.remainingNow.hoursKnown).toBeNull();
		expect(cells.hours_known_now).toBe('');
	});
});

describe('the page form', () => {
	const groupsOf = [
		{ id: 'core', rule: 'all' as const, n: null, minCredits: null, members: ['U1', 'U2'], children: 0 },
		{ id: 'el', rule: 'n_of' as const, n: 2, minCredits: null, members: ['E1', 'E2', 'E3'], children: 0 }
	];
	it('turns changed numbers and a new recognition into a scenario, keeping earlier changes', async () => {
		const { scenarioFromForm, askedUnder } = await import('./form.ts');
		const earlier = { type: 'recognise', credential: 'M', as: 'E3' };
		const scenario = scenarioFromForm({
			fields: [
				['n.core', '2'],
				['n.el', '1'],
				['change', JSON.stringify(earlier)],
				['change', JSON.stringify({ type: 'requirement', group: 'el', n: 3 })],
				['recognise', 'M'],
				['as', 'U2'],
				['provider', 'P']
			],
			groups: groupsOf
		});
		expect(scenario).toEqual({
			version: 1,
			changes: [
				earlier,
				{ type: 'requirement', group: 'el', n: 1 },
				{ type: 'recognise', credential: 'M', as: 'U2', providers: ['P'] }
			]
		});
		expect(parseScenario(scenario)).toEqual(scenario);
		expect(askedUnder(scenario, groupsOf[1])).toBe(1);
		expect(askedUnder(scenario, groupsOf[0])).toBe(2);
	});
	it('turns the credit transfer controls into a change, and refuses one half filled in', async () => {
		const { scenarioFromForm } = await import('./form.ts');
		const fields = (credits: string, to = 'QP'): [string, string][] => [
			['n.el', '2'],
			['transferFrom', 'P'],
			['transferTo', to],
			['transferCredits', credits]
		];
		const scenario = scenarioFromForm({ fields: fields('10'), groups: groupsOf });
		expect(scenario.changes).toEqual([
			{ type: 'creditTransfer', fromProvider: 'P', toProvider: 'QP', maxCredits: 10 }
		]);
		expect(parseScenario(scenario)).toEqual(scenario);
		// Run, it counts P's unit toward Q's electives.
		const applied = applyScenario({ index, scenario, providers });
		expect(applied.affected).toEqual(['Q']);
		for (const bad of [fields('0'), fields(''), fields('ten'), fields('10', '')])
			expect(() => scenarioFromForm({ fields: bad, groups: groupsOf })).toThrow(/credit transfer needs/);
		// Left empty, no credit transfer.
		expect(scenarioFromForm({ fields: [['transferCredits', '10']], groups: groupsOf }).changes).toEqual([]);
	});
});
