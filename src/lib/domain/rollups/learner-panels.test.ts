import { randomLcg } from 'd3-random';
import { describe, expect, it } from 'vitest';
import { indexCatalogue } from '../stacking/catalogue.ts';
import { makeCredential, makeGroup } from '../stacking/defaults.ts';
import { countFlows } from '../stacking/flows.ts';
import { membersOf } from '../stacking/requirements.ts';
import { stackingOutcomes } from '../stacking/stacking-rate.ts';
import type { Enrolment, EnrolmentStatus } from '../types.ts';
import { PanelSums, type PanelCatalogue, type PanelLearner } from './learner-panels.ts';

const units = Array.from({ length: 8 }, (_, i) => makeCredential({ id: `u${i}`, credits: 10 }));
const index = indexCatalogue({
	credentials: [
		...units,
		makeCredential({ id: 'qa', kind: 'macro' }),
		makeCredential({ id: 'qb', kind: 'macro' })
	],
	groups: [
		makeGroup({ id: 'a1', targetCredentialId: 'qa', rule: 'n_of', n: 2, members: ['u0', 'u1', 'u2'] }),
		makeGroup({ id: 'a2', targetCredentialId: 'qa', rule: 'all', members: ['u3'] }),
		makeGroup({ id: 'b1', targetCredentialId: 'qb', rule: 'n_of', n: 1, members: ['qa', 'u4'] })
	],
	prerequisites: [],
	recognitions: [{ credentialId: 'u7', recognisedAsId: 'u2' }]
});
const towardTargets = new Map<string, string[]>();
for (const target of index.targets)
	for (const member of membersOf({ index, target }))
		towardTargets.set(member, [...(towardTargets.get(member) ?? []), target]);
const facets = new Map<string, Record<string, string>>();
const catalogue: PanelCatalogue = {
	index,
	towardTargets,
	facetsOf: (credentialId) => {
		const level = credentialId.startsWith('q') ? '5' : '3';
		if (!facets.has(level)) facets.set(level, { none: 'all', level });
		return facets.get(level)!;
	}
};

const ids = [...units.map((u) => u.id), 'qa', 'qb'];
const STATUSES: EnrolmentStatus[] = ['completed', 'withdrawn', 'in_progress', 'failed'];
const GENDERS = ['F', 'M', 'not stated'];
const COHORTS = ['2019B', '2020J', null];

/** Learners with random histories (deterministic), with the same rows as domain records. */
function randomLearners(count: number) {
	const random = randomLcg(11);
	const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
	const day = () => `2020-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`;
	return Array.from({ length: count }, (_, n) => {
		const learnerId = `l${n}`;
		const enrolments: Enrolment[] = Array.from({ length: Math.floor(random() * 6) }, (_, i) => {
			const status = pick(STATUSES);
			const startedOn = day();
			return {
				learnerId,
				id: `e${i}`,
				credentialId: pick(ids),
				providerId: pick(['p1', 'p2']),
				cohort: pick(COHORTS),
				startedOn,
				endedOn: status === 'in_progress' ? null : startedOn.replace('2020', '2021'),
				status,
				result: null
			} as unknown as Enrolment;
		});
		const awards = Array.from({ length: Math.floor(random() * 5) }, () => ({
			credentialId: pick(ids),
			providerId: pick(['p1', 'p2', null]),
			issuedOn: day(),
			verified: random() < 0.5
		}));
		// In start order, then by id, as the panel sums take them (and countFlows orders them).
		const ordered = [...enrolments].sort((a, b) =>
			a.startedOn < b.startedOn ? -1 : a.startedOn > b.startedOn ? 1 : a.id < b.id ? -1 : 1
		);
		const learner: PanelLearner = {
			origin: 'generated',
			groups: [pick(GENDERS), 'a', 'b', 'c', 'd', 'e'],
			enrolments: ordered.map((e) => ({
				credentialId: e.credentialId,
				providerId: e.providerId ?? null,
				cohort: e.cohort,
				status: e.status,
				startedOn: e.startedOn,
				endedOn: e.endedOn ?? null
			})),
			awards
		};
		return { learnerId, learner, enrolments };
	});
}

/** The cells of one panel, provider and dimension: keys after the dimension → counts. */
function cellsOf(sums: PanelSums, panel: string, provider: string, dimension: string) {
	const out = new Map<string, number[]>();
	for (const [key, counts] of sums.entries())
		if (key[0] === panel && key[2] === provider && key[3] === dimension)
			out.set(key.slice(4).join('|'), counts);
	return out;
}

describe('PanelSums', () => {
	const learners = randomLearners(400);
	const sums = new PanelSums();
	for (const { learner } of learners) sums.add(learner, catalogue);

	it('sums stacking as stackingOutcomes counts it, overall and per group', () => {
		for (const dimension of ['all', 'gender'] as const) {
			const expected = stackingOutcomes({
				catalogue: index,
				learners: learners.map(({ learner }) => ({
					held: learner.awards.map((a) => a.credentialId),
					groups: dimension === 'all' ? [] : [learner.groups[0]]
				}))
			});
			const cells = cellsOf(sums, 'stacking', '', dimension);
			expect(expected.length).toBeGreaterThan(2);
			expect(cells.size).toBe(expected.length);
			for (const c of expected) {
				const value = dimension === 'all' ? 'all' : c.groups[0];
				expect(cells.get([value, c.qualification ?? '', '', ''].join('|'))).toEqual([
					c.holders,
					c.achieved,
					...c.progress
				]);
			}
		}
	});

	const awards = learners.flatMap(({ learnerId, learner }) =>
		learner.awards.map((a, i) => ({ learnerId, id: `a${i}`, ...a }) as never)
	);
	const withCohorts = learners.flatMap(({ enrolments }) => enrolments);

	it('sums flows of both kinds as countFlows counts them (without cohorts)', () => {
		const flowsOf = (enrolments: Enrolment[]) => countFlows({ enrolments, awards, catalogue: index });
		const all = withCohorts.map((e) => ({ ...e, cohort: null }));
		const expected = flowsOf(all);
		const cells = cellsOf(sums, 'flows', '', 'all');
		for (const kind of ['next', 'toward'])
			expect(expected.filter((f) => f.kind === kind).length, kind).toBeGreaterThan(5);
		expect(cells.size).toBe(expected.length);
		for (const f of expected)
			expect(cells.get(['all', f.kind, f.from, f.to].join('|'))?.[0], JSON.stringify(f)).toBe(f.count);

		// A provider's next steps are those of its own enrolments alone, in their order; its pairs
		// toward a qualification start from its enrolments (a qualification achieved anywhere), so
		// each is one of the learner's system pairs.
		const ofP1 = cellsOf(sums, 'flows', 'p1', 'all');
		const nextOfP1 = flowsOf(all.filter((e) => e.providerId === 'p1')).filter((f) => f.kind === 'next');
		expect(nextOfP1.length).toBeGreaterThan(5);
		expect([...ofP1.keys()].filter((k) => k.startsWith('all|next|')).length).toBe(nextOfP1.length);
		for (const f of nextOfP1)
			expect(ofP1.get(['all', 'next', f.from, f.to].join('|'))?.[0], JSON.stringify(f)).toBe(f.count);
		for (const [key, counts] of ofP1)
			if (key.startsWith('all|toward|')) expect(counts[0]).toBeLessThanOrEqual(cells.get(key)![0]);

		// The whole system's flows per group, as countFlows splits them; a provider's are not.
		const byGender = countFlows({
			enrolments: all,
			awards,
			learners: learners.map(
				({ learnerId, learner }) => ({ id: learnerId, gender: learner.groups[0] }) as never
			),
			catalogue: index,
			dimension: 'gender'
		});
		const genderCells = cellsOf(sums, 'flows', '', 'gender');
		expect(new Set(byGender.map((f) => f.group)).size).toBe(GENDERS.length);
		expect(genderCells.size).toBe(byGender.length);
		for (const f of byGender)
			expect(genderCells.get([f.group, f.kind, f.from, f.to].join('|'))?.[0], JSON.stringify(f)).toBe(
				f.count
			);
		expect(cellsOf(sums, 'flows', 'p1', 'gender').size).toBe(0);
	});

	it('sums flows per start cohort as countFlows splits them', () => {
		const expected = countFlows({ enrolments: withCohorts, awards, catalogue: index });
		// Every cohort, and enrolments without one, start some flows of both kinds.
		for (const kind of ['next', 'toward'])
			expect(new Set(expected.filter((f) => f.kind === kind).map((f) => f.cohort))).toEqual(new Set(COHORTS));
		const cells = cellsOf(sums, 'flows', '', 'cohort');
		expect(cells.size).toBe(expected.length);
		for (const f of expected)
			expect(cells.get([f.cohort ?? '', f.kind, f.from, f.to].join('|'))?.[0], JSON.stringify(f)).toBe(
				f.count
			);

		// A provider's flows are not kept per cohort.
		expect(cellsOf(sums, 'flows', 'p1', 'cohort').size).toBe(0);
	});

	it('counts a learner once per issuance cell, and their awards in it', () => {
		const award = (credentialId: string, issuedOn: string, verified: boolean) => ({
			credentialId,
			providerId: 'p1',
			issuedOn,
			verified
		});
		const sumsOf = (awards: PanelLearner['awards']) => {
			const sums = new PanelSums();
			sums.add({ origin: 'real', groups: ['F', 'a', 'b', 'c', 'd', 'e'], enrolments: [], awards }, catalogue);
			return sums;
		};
		const one = sumsOf([award('u0', '2020-01-02', true), award('u5', '2020-02-03', false)]);
		expect(cellsOf(one, 'issuance', '', 'none')).toEqual(
			new Map([
				['all|2020-Q1|all|', [2, 1, 0, 0, 0, 0, 0, 0]],
				['all|2020-Q1|verified|', [1, 1, 0, 0, 0, 0, 0, 0]]
			])
		);
		expect(cellsOf(one, 'issuance', 'p1', 'none').size).toBe(2);
		expect([...cellsOf(one, 'issuance', '', 'level').keys()]).toEqual([
			'3|2020-Q1|all|',
			'3|2020-Q1|verified|'
		]);
		// The quarter is the date's: 30 June is Q2, 1 July Q3.
		const two = sumsOf([award('u0', '2020-06-30', false), award('u1', '2020-07-01', false)]);
		expect([...cellsOf(two, 'issuance', '', 'none').keys()]).toEqual([
			'all|2020-Q2|all|',
			'all|2020-Q3|all|'
		]);
	});

	it('takes a learner out exactly as it put them in', () => {
		const both = new PanelSums();
		for (const { learner } of learners.slice(0, 50)) both.add(learner, catalogue);
		for (const { learner } of learners.slice(0, 50)) both.add(learner, catalogue, -1);
		expect(both.size).toBeGreaterThan(0);
		for (const [, counts] of both.entries()) expect(counts.every((n) => n === 0)).toBe(true);
	});
});
