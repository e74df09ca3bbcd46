import { describe, expect, it } from 'vitest';
import { awardsPerCredential, firstsPerQuarter, quarterOf, type CredentialFacts } from './proliferation.ts';

const facts = (id: string, over: Partial<CredentialFacts>): CredentialFacts => ({
	id,
	providerId: 'p',
	level: 'not stated',
	providerKind: 'vet',
	mode: 'online',
	firstOffered: null,
	firstAwarded: null,
	awards: 0,
	...over
});

describe('proliferation', () => {
	it('names quarters', () => {
		expect(quarterOf('2014-02-01')).toBe('2014-Q1');
		expect(quarterOf('2014-12-31')).toBe('2014-Q4');
		expect(() => quarterOf('31/12/2014')).toThrow(/quarterOf/);
	});

	it('counts credentials first offered and first awarded per quarter and group, up to the cut-off', () => {
		const items = [
			facts('a', { firstOffered: '2014-01-10', firstAwarded: '2014-05-01', level: 'AQF 3' }),
			facts('b', { firstOffered: '2014-02-10', level: 'AQF 3' }),
			facts('c', { firstOffered: '2014-02-11', firstAwarded: '2015-01-01', level: 'AQF 4' })
		];
		expect(firstsPerQuarter(items)).toEqual([
			{ period: '2014-Q1', group: 'all', offered: 3, awarded: 0 },
			{ period: '2014-Q2', group: 'all', offered: 0, awarded: 1 },
			{ period: '2015-Q1', group: 'all', offered: 0, awarded: 1 }
		]);
		expect(firstsPerQuarter(items, 'level', '2014-12-31')).toEqual([
			{ period: '2014-Q1', group: 'AQF 3', offered: 2, awarded: 0 },
			{ period: '2014-Q1', group: 'AQF 4', offered: 1, awarded: 0 },
			{ period: '2014-Q2', group: 'AQF 3', offered: 0, awarded: 1 }
		]);
	});

	it('bands credentials by awards: never, almost never, …', () => {
		const bands = awardsPerCredential([0, 0, 3, 9, 10, 250].map((awards, i) => facts(`c${i}`, { awards })));
		expect(bands.map((b) => [b.band, b.credentials])).toEqual([
			['never awarded', 2],
			['almost never (1–9 awards)', 2],
			['10–99 awards', 1],
			['100 or more awards', 1]
		]);
		expect(bands[0].share).toBeCloseTo(2 / 6, 12);
	});
});
