import { describe, expect, it } from 'vitest';
import { bare, full } from '../../../../tests/fixtures/credentials.ts';
import { classifyCredential, conformanceShares } from './conformance-shares.ts';

describe('classifyCredential', () => {
	it('checks all three definitions', () => {
		expect(classifyCredential({ ...full, kind: 'macro' })).toEqual({
			eu: { meets: true, missing: [] },
			australia: { meets: false, missing: ['belowFullAward'] },
			unesco: { meets: true, missing: [] }
		});
	});
});

describe('conformanceShares', () => {
	it('weights each definition by awards issued', () => {
		const shares = conformanceShares([
			{ credential: full, awards: 30 },
			{ credential: { ...full, id: 'c2', qualityAssured: false }, awards: 60 },
			{ credential: { ...bare, id: 'c3' }, awards: 10 },
			{ credential: { ...full, id: 'c4', kind: 'macro' }, awards: 0 }
		])!;
		expect(shares.awards).toBe(100);
		expect(shares.eu).toEqual({ awards: 30, share: 0.3 });
		expect(shares.australia).toEqual({ awards: 90, share: 0.9 });
		expect(shares.unesco).toEqual({ awards: 30, share: 0.3 });
	});
	it('is undefined with no awards', () => {
		expect(conformanceShares([])).toBeUndefined();
		expect(conformanceShares([{ credential: full, awards: 0 }])).toBeUndefined();
	});
	it('refuses a bad award count', () => {
		expect(() => conformanceShares([{ credential: full, awards: -1 }])).toThrow(
			/^conformanceShares: credential c1/
		);
	});
});
