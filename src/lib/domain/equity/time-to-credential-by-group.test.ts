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
		expect(out.groups[1]).toEqual({
			group: 'N',
			suppressed: null,
			...timeToCredential({ rows: groups[1].rows, at: [60, 120] })
		});
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
