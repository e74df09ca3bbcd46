// The VC 2.0 rule set and `verify`: the Working Group's own inputs (a vendored part; every input
// is checked in the conformance run) get the verdict their names state, each failure names the
// rule and section it breaks, and the readings taken (no issuer yet, contexts not bundled) hold.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseElm } from '../../../src/lib/server/import/elm/parse.ts';
import { parseOpenBadges } from '../../../src/lib/server/import/openbadges/parse.ts';
import { parsePresentation } from '../../../src/lib/server/import/presentation/parse.ts';
import { verifyFile } from '../../../src/lib/server/import/verify-file.ts';
import { collect, fixture, fixtureFiles, NOW } from './helpers.ts';

const run = promisify(execFile);
const encode = (doc: unknown) => new TextEncoder().encode(JSON.stringify(doc));
const verifyDoc = async (doc: unknown) => (await verifyFile(encode(doc), 'doc.json'))[0];

const V2 = 'https://www.w3.org/ns/credentials/v2';
const credential = (extra: object = {}) => ({
	'@context': [V2],
	type: ['VerifiableCredential'],
	issuer: 'did:example:issuer',
	credentialSubject: { id: 'did:example:subject' },
	...extra
});

describe('the W3C VC 2.0 test-suite inputs (vendored part)', () => {
	const inputs = fixtureFiles('w3c-vc2/input');
	it('holds fifteen of them', () => expect(inputs).toHaveLength(15));
	for (const name of inputs)
		it(`${name.split('/').pop()} gets the verdict its name states`, async () => {
			const checks = await verifyFile(fixture(name), name);
			expect(checks).toHaveLength(1);
			expect(checks[0].conforms).toBe(/-ok\.json$/.test(name));
		});

	it('names the rule and the section each failure breaks', async () => {
		const rules = async (name: string) =>
			(await verifyFile(fixture(`w3c-vc2/input/${name}`), name))[0].problems.map((p) => p.rule);
		expect(await rules('credential-issuer-null-fail.json')).toEqual(['§4.7 issuer']);
		expect(await rules('credential-type-unmapped-fail.json')).toEqual(['§4.5 type-values']);
		expect(await rules('credential-redef-type-fail.json')).toEqual(['§5.2 protected-terms']);
		expect(await rules('credential-schema-non-url-id-fail.json')).toEqual(['§4.11 schema-type-id']);
		expect(await rules('credential-subject-no-claims-fail.json')).toEqual(['§4.8 subject-claims']);
		expect(await rules('credential-validUntil-validFrom-fail.json')).toEqual([
			'§4.9 valid-from',
			'§4.9 valid-until'
		]);
	});

	it('opens an enveloped credential inside a presentation and judges it too', async () => {
		const [vp] = await verifyFile(fixture('w3c-vc2/input/presentation-enveloped-vc-ok.json'), 'vp.json');
		expect(vp).toMatchObject({ kind: 'presentation', conforms: true, proof: 'unsigned', holder: null });
		expect(vp.credentials).toHaveLength(1);
		// ES256 without a key in the header: the issuer's key would have to be fetched.
		expect(vp.credentials[0]).toMatchObject({ kind: 'credential', conforms: true, proof: 'unverified' });
	});

	it('refuses a presentation whose credential is a bare string, on the credential', async () => {
		const [vp] = await verifyFile(fixture('w3c-vc2/input/presentation-vc-as-string-fail.json'), 'vp.json');
		expect(vp.problems).toEqual([]);
		expect(vp.conforms).toBe(false);
		expect(vp.credentials[0].problems[0].rule).toBe('§4.13 vp-credentials');
	});
});

describe('the VC 2.0 rules', () => {
	it('reads a credential without an issuer as not yet issued: a warning, not a failure', async () => {
		const { issuer: _issuer, ...unissued } = credential();
		const check = await verifyDoc(unissued);
		expect(check.conforms).toBe(true);
		expect(check.warnings.map((w) => w.rule)).toContain('§4.7 issuer-present');
		expect(check.proof).toBe('unsigned');
	});

	it('checks validity dates as dateTimeStamps in order, not against today', async () => {
		expect((await verifyDoc(credential({ validFrom: '2024-01-01T00:00:00Z' }))).conforms).toBe(true);
		// A date without an offset is not a dateTimeStamp.
		const local = await verifyDoc(credential({ validFrom: '2024-01-01T00:00:00' }));
		expect(local.problems.map((p) => p.rule)).toEqual(['§4.9 valid-from']);
		const reversed = await verifyDoc(
			credential({ validFrom: '2024-01-02T00:00:00+01:00', validUntil: '2024-01-01T00:00:00Z' })
		);
		expect(reversed.problems.map((p) => p.rule)).toEqual(['§4.9 validity-order']);
		// Expired long ago still conforms: expiry is the verification's business, not the model's.
		expect((await verifyDoc(credential({ validUntil: '2001-01-01T00:00:00Z' }))).conforms).toBe(true);
	});

	it('takes names as strings or language value objects, and nothing else', async () => {
		const ok = await verifyDoc(
			credential({ name: [{ '@value': 'Diplôme', '@language': 'fr' }, 'Diploma'], description: 'd' })
		);
		expect(ok.conforms).toBe(true);
		const extra = await verifyDoc(credential({ name: { '@value': 'x', '@language': 'en', colour: 'red' } }));
		expect(extra.problems.map((p) => p.rule)).toEqual(['§4.6 name-description']);
	});

	it('requires a type on status, schema, evidence, refresh and terms-of-use objects', async () => {
		const check = await verifyDoc(
			credential({
				credentialStatus: { id: 'https://example.org/status/1' },
				evidence: [{ id: 'https://example.org/evidence/1', type: 'https://example.org/#Evidence' }, {}],
				termsOfUse: { id: 'https://example.org/tou' }
			})
		);
		expect(check.problems.map((p) => [p.rule, p.path])).toEqual([
			['§5.5 terms-type', '$.termsOfUse'],
			['§4.10 status-type', '$.credentialStatus'],
			['§5.6 evidence-type', '$.evidence[1]']
		]);
	});

	it('says which contexts it could not process instead of judging terms it cannot see', async () => {
		const check = await verifyDoc(
			credential({
				'@context': [V2, 'https://example.org/unbundled/context.jsonld'],
				type: ['VerifiableCredential', 'X']
			})
		);
		expect(check.conforms).toBe(true);
		expect(check.warnings.find((w) => w.rule === '§4.3 context-items')?.message).toContain(
			'https://example.org/unbundled/context.jsonld is not bundled'
		);
	});

	it('judges a VC 1.1 credential by the 2.0 rules (its first context is not the 2.0 one)', async () => {
		const check = await verifyDoc(
			credential({
				'@context': ['https://www.w3.org/2018/credentials/v1'],
				issuanceDate: '2020-01-01T00:00:00Z'
			})
		);
		expect(check.problems.map((p) => p.rule)).toEqual(['§4.3 context-first']);
	});

	it('requires a holder to be a URL or an object with one', async () => {
		const vp = (holder: unknown) => ({ '@context': [V2], type: ['VerifiablePresentation'], holder });
		expect((await verifyDoc(vp('did:example:holder'))).conforms).toBe(true);
		expect((await verifyDoc(vp({ id: 'did:example:holder', name: 'Ada' }))).conforms).toBe(true);
		expect((await verifyDoc(vp('Ada Lovelace'))).problems.map((p) => p.rule)).toEqual(['§4.13 holder']);
	});
});

describe('stackwise verify', () => {
	const stackwise = (...args: string[]) =>
		run(process.execPath, ['scripts/stackwise.js', 'verify', ...args]).then(
			(r) => ({ code: 0, ...r }),
			(e: { code: number; stdout: string; stderr: string }) => e
		);

	it("prints the issue's JSON shape and exits 1 when a file does not conform", async () => {
		const ok = 'tests/fixtures/w3c-vc2/input/presentation-enveloped-vc-ok.json';
		const fail = 'tests/fixtures/w3c-vc2/input/credential-issuer-null-fail.json';
		const good = await stackwise(ok, '--json');
		expect(good.code).toBe(0);
		const [file] = JSON.parse(good.stdout).files;
		expect(Object.keys(file)).toEqual(
			expect.arrayContaining(['path', 'kind', 'conforms', 'problems', 'proof', 'credentials'])
		);
		expect(file).toMatchObject({ path: ok, kind: 'presentation', conforms: true, proof: 'unsigned' });
		expect(Object.keys(file.credentials[0])).toEqual(
			expect.arrayContaining(['path', 'kind', 'conforms', 'problems', 'proof', 'credentials'])
		);
		const bad = await stackwise(ok, fail, '--json');
		expect(bad.code).toBe(1);
		const files = JSON.parse(bad.stdout).files;
		expect(files.map((f: { conforms: boolean }) => f.conforms)).toEqual([true, false]);
		expect(files[1].problems[0]).toEqual({
			rule: '§4.7 issuer',
			path: '$.issuer',
			message: expect.stringContaining('MUST be either a URL')
		});
	});
});

describe('the importers report the same verdict beside each record', () => {
	it('Open Badges 3.0: the credential unit carries its VC 2.0 verdict and proof', async () => {
		const { units } = await collect(
			parseOpenBadges({
				file: 'b.json',
				bytes: fixture('open-badges/ob30/simple-did-key-method.json'),
				now: NOW
			})
		);
		const [doc] = units[0].documents ?? [];
		expect(doc).toMatchObject({ path: '$', kind: 'credential', proof: 'verified' });
		expect(doc.conforms).toBe(doc.problems.length === 0);
		// The same file through `verify` says the same.
		const [verified] = await verifyFile(fixture('open-badges/ob30/simple-did-key-method.json'), 'b.json');
		expect({ ...doc, path: 'b.json' }).toEqual({ ...verified, credentials: [] });
	});

	it('a VC 1.1 badge is imported, its VC 2.0 problems reported beside it', async () => {
		const { units } = await collect(
			parseOpenBadges({ file: 'v1.json', bytes: fixture('open-badges/ob30/simple_v1.json'), now: NOW })
		);
		expect(units[0].kind).toBe('rows');
		expect(units[0].documents?.[0].problems.map((p) => p.rule)).toContain('§4.3 context-first');
	});

	it('CLR 2.0: each nested credential and the CLR itself', async () => {
		const { units } = await collect(
			parseOpenBadges({ file: 'clr.json', bytes: fixture('open-badges/clr20/simple.json'), now: NOW })
		);
		expect(units.flatMap((u) => u.documents ?? []).map((d) => d.path)).toEqual([
			'$.credentialSubject.verifiableCredential[0]',
			'$'
		]);
	});

	it('another kind of verifiable credential is named, not skipped as unknown', async () => {
		const { units } = await collect(
			parsePresentation({ file: 'ok.json', bytes: fixture('w3c-vc2/input/credential-ok.json'), now: NOW })
		);
		expect(units).toHaveLength(1);
		expect(units[0].kind === 'rejected' && units[0].issues[0].message).toContain(
			'a verifiable credential of type ["VerifiableCredential"]'
		);
		expect(units[0].documents?.[0]).toMatchObject({ conforms: true, proof: 'unsigned' });
	});

	it('ELM: the European Digital Credential', async () => {
		const { units } = await collect(
			parseElm({ file: 'elm.json', bytes: fixture('elm/Sample-MC-Annex1-unsigned.jsonld'), now: NOW })
		);
		const [doc] = units[0].documents ?? [];
		expect(doc).toMatchObject({ kind: 'credential', proof: 'unsigned', conforms: false });
		// ELM v3 sits on the VC 1.1 context; its own context is not bundled, so its terms go unjudged.
		expect(doc.problems.map((p) => p.rule)).toContain('§4.3 context-first');
		expect(doc.warnings.map((w) => w.rule)).toContain('§4.3 context-items');
	});
});
