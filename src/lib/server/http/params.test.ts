// Bad query parameters answer 400 naming the parameter: a NUL byte reached
// PostgreSQL and gave a 500.
import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { UnknownReferenceGroup } from '../../domain/equity/compare-groups.ts';
import { dashboardParams, metricParams, parseQuery, refusingUnknownReference } from './params.ts';

const statusOf = (run: () => unknown) => {
	try {
		run();
	} catch (e) {
		if (isHttpError(e)) return { status: e.status, message: e.body.message };
		throw e;
	}
	return { status: 200 };
};

describe('parseQuery', () => {
	it('answers 400 naming the parameter for a NUL byte or another control character', () => {
		for (const name of ['credential', 'cohort', 'provider', 'level', 'mode', 'qaApproach', 'reference'])
			for (const value of ['a\u0000b', '\u0000', 'x\u001by'])
				for (const schema of [metricParams, dashboardParams]) {
					const url = new URL(`http://x/api?${name}=${encodeURIComponent(value)}`);
					expect(
						statusOf(() => parseQuery(url, schema)),
						`${name}=${JSON.stringify(value)}`
					).toEqual({
						status: 400,
						message: `${name}: must not hold control characters`
					});
				}
	});

	it('keeps ordinary text, accents and spaces too', () => {
		const url = new URL('http://x/api?cohort=2014J&provider=Université%20Côte%20d%E2%80%99Azur');
		expect(parseQuery(url, metricParams)).toMatchObject({
			cohort: '2014J',
			provider: 'Université Côte d’Azur'
		});
	});
});

describe('refusingUnknownReference', () => {
	it('answers 400 for a reference group the data does not have, and passes anything else on', async () => {
		await expect(
			refusingUnknownReference(Promise.reject(new UnknownReferenceGroup('completionEquity', 'Z')))
		).rejects.toMatchObject({ status: 400, body: { message: expect.stringMatching(/^reference: .*Z/) } });
		const other = new Error('boom');
		await expect(refusingUnknownReference(Promise.reject(other))).rejects.toBe(other);
		expect(await refusingUnknownReference(Promise.resolve(3))).toBe(3);
	});
});
