import { describe, expect, it } from 'vitest';
import { COMPLEMENTARY, fewerThan } from '../suppression/suppress-cells.ts';
import { timeToCredential } from '../survival/time-to-credential.ts';
import { timeToCredentialByGroup } from './time-to-credential-by-group.ts';

const day = (d: number, completed: number, withdrawn = 0, censored = 0) => ({
	day: d,
	completed,
	withdrawn,
	failed: 0,
	censored
});

describe('timeToCredentialByGroup', () => {
	const groups = [
		{ group: 'Y', rows: [day(100, 3, 2)] },
		{ group: 'N', rows: [day(10, 0, 5), day(100, 20, 0, 5)] },
		{ group: 'not stated', rows: [day(100, 12, 3)] }
	];

	it('gives each published group its curve, and withholds small ones with a complement', () => {
		const out = timeToCredentialByGroup({ groups, at: [60, 120] });
		expect(out.groups.map((g) => [g.group, g.suppressed])).toEqual([
			['Y', fewerThan(10)],
			['N', null],
			['not stated', COMPLEMENTARY]
		]);
		expect(out.groups[0]).toEqual({
			group: 'Y',
			suppressed: fewerThan(10),
			n: null,
			inProgress: null,
			points: [],
			median: null
		});
		const full = timeToCredential({ rows: groups[1].rows, at: [60, 120] })!;
		// Day 60 follows only 5 withdrawals (fewer than 10 learners' events): that step is not shown.
		expect(out.groups[1]).toEqual({
			group: 'N',
			suppressed: null,
			...full,
			points: full.points.filter((p) => p.day === 120)
		});
	});

	it('under rounding, rounds n and the learners each share stands for, and shows no curve over fewer than 22.5 learners', () => {
		const big = { group: 'big', rows: [day(10, 0, 12), day(50, 13, 0), day(100, 20, 0, 7)] };
		const out = timeToCredentialByGroup({
			groups: [big, { group: 'mid', rows: [day(30, 11, 3), day(90, 5, 0)] }],
			suppression: { threshold: 10, mode: 'both' }
		});
		const full = timeToCredential({ rows: big.rows })!;
		expect(out.groups[0]).toMatchObject({ n: 50, inProgress: 5 }); // 52 → 50, 7 → 5
		// 52 learners: day 10, 12 withdrawn → 10/50; day 50, 13 completed → 15/50; day 100, 33 → 35/50.
		expect(
			full.points.map((p) => [p.day, Math.round(p.withdrawn * 52), Math.round(p.completed * 52)])
		).toEqual([
			[10, 12, 0],
			[50, 12, 13],
			[100, 12, 33]
		]);
		expect(out.groups[0].points.map((p) => [p.day, p.withdrawn, p.completed])).toEqual([
			[10, 10 / 50, 0],
			[50, 10 / 50, 15 / 50],
			[100, 10 / 50, 35 / 50]
		]);
		expect(out.groups[1]).toMatchObject({ suppressed: null, n: 20, points: [], median: null }); // 19 learners
	});

	it('publishes everything for the admin view, an empty group included', () => {
		const out = timeToCredentialByGroup({
			groups: [...groups, { group: 'empty', rows: [] }],
			suppression: false
		});
		expect(out.groups.map((g) => g.suppressed)).toEqual([null, null, null, null]);
		expect(out.groups[3]).toEqual({
			group: 'empty',
			suppressed: null,
			n: 0,
			inProgress: 0,
			points: [],
			median: null
		});
	});

	it('names pairs', () => {
		const out = timeToCredentialByGroup({
			groups: [{ group: ['F', 'Y'], rows: [day(5, 20)] }],
			suppression: false
		});
		expect(out.groups[0]).toMatchObject({ group: 'F × Y', groups: ['F', 'Y'], n: 20 });
	});
});
