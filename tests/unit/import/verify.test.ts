// Building blocks of verification: validity windows, status-list bits, offline key resolution,
// and how the checks combine.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { validityProblem } from '../../../src/lib/server/import/verify/validity.ts';
import { readBit } from '../../../src/lib/server/import/verify/status.ts';
import { resolveVerificationMethod } from '../../../src/lib/server/import/verify/keys.ts';
import { decide } from '../../../src/lib/server/import/verify/check.ts';

const now = new Date('2025-06-01T12:00:00Z');

describe('validity', () => {
	it('accepts a current credential and names what is wrong with others', () => {
		expect(validityProblem({ validFrom: '2020-01-01T00:00:00Z', validUntil: '2030-01-01', now })).toBeNull();
		expect(validityProblem({ validFrom: '2020-01-01', validUntil: '2025-06-01T11:59:59Z', now })).toMatch(
			/expired/
		);
		expect(validityProblem({ validFrom: '2025-06-01T13:00:00+00:00', now })).toMatch(/not valid until/);
		expect(validityProblem({ validFrom: '2022-12-31', validUntil: '2022-11-15', now })).toMatch(
			/before it is valid/
		);
		expect(validityProblem({ validUntil: 'someday', now })).toMatch(/not a date/);
	});
});

describe('status list bits', () => {
	it('reads bits most significant first, with or without the multibase prefix', () => {
		const bytes = new Uint8Array(16);
		bytes[2] = 0b0001_0000; // index 19
		const encoded = gzipSync(bytes).toString('base64url');
		expect(readBit('u' + encoded, 19)).toBe(true);
		expect(readBit(encoded, 19)).toBe(true);
		expect(readBit(encoded, 18)).toBe(false);
		expect(readBit(encoded, 10_000)).toBeNull();
		expect(readBit('u!!!', 1)).toBeNull();
	});
});

describe('offline key resolution', () => {
	const key = 'z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi';
	it('decodes did:key and issuer-controlled fragment keys', () => {
		expect(resolveVerificationMethod(`did:key:${key}`)).toMatchObject({
			ok: true,
			key: { type: 'Ed25519', controller: `did:key:${key}` }
		});
		expect(
			resolveVerificationMethod(`https://issuer.example/1#${key}`, 'https://issuer.example/1')
		).toMatchObject({ ok: true });
	});
	it('fails malformed methods and keys controlled by someone else; leaves fetchable ones unverified', () => {
		expect(resolveVerificationMethod(key)).toMatchObject({ ok: false, state: 'failed' });
		expect(resolveVerificationMethod(`xxx:${key}`)).toMatchObject({ ok: false, state: 'failed' });
		expect(resolveVerificationMethod(`https://a.example#${key}`, 'https://b.example')).toMatchObject({
			ok: false,
			state: 'failed'
		});
		expect(resolveVerificationMethod('https://issuer.example/keys/1')).toMatchObject({
			ok: false,
			state: 'unverified'
		});
		expect(resolveVerificationMethod('did:web:issuer.example#key-1')).toMatchObject({
			ok: false,
			state: 'unverified'
		});
	});
});

describe('decide', () => {
	it('fails on a bad proof, a date or a revocation; an unknown status keeps a valid proof unverified', () => {
		expect(decide({ proof: { state: 'verified', reason: 'ok' } })).toEqual({
			verification: 'verified',
			verificationReason: 'ok'
		});
		expect(
			decide({ proof: { state: 'verified', reason: 'ok' }, validity: 'expired on X' }).verification
		).toBe('failed');
		expect(
			decide({
				proof: { state: 'unsigned', reason: 'no proof' },
				status: { state: 'revoked', reason: 'revoked' }
			}).verification
		).toBe('failed');
		expect(
			decide({
				proof: { state: 'verified', reason: 'ok' },
				status: { state: 'unknown', reason: 'list not at hand' }
			})
		).toEqual({
			verification: 'unverified',
			verificationReason: 'ok; list not at hand'
		});
	});
});
