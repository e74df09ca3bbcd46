// Verifiable Presentations through the real loader, into PGlite and PostgreSQL: a wallet's
// presentation of two Open Badges 3.0 credentials imports both, each with its own verification;
// the holder's signature is checked and reported; a signature by someone else is a failed proof.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import jsigs from 'jsonld-signatures';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db/client.ts';
import { importFiles } from '../../src/lib/server/import/index.ts';
import { offlineDocumentLoader } from '../../src/lib/server/import/jsonld/contexts.ts';
import { bufferSource } from '../../src/lib/server/import/source.ts';
import { verifyFile } from '../../src/lib/server/import/verify-file.ts';
import { engines } from './engines.ts';

const ob3 = (name: string) =>
	JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/open-badges/ob30', name), 'utf8'));
/** Signed by its issuer (did:key, verifies offline) and one with no proof at all. */
const signedBadge = ob3('simple-did-key-method.json');
const unsignedBadge = ob3('simple-noproof.json');

type Holder = { did: string; sign(doc: object): Promise<object> };

/** A holder's did:key, and a signature by it on a presentation (eddsa-rdfc-2022, authentication). */
async function holderKey(): Promise<Holder> {
	const keyPair = await Ed25519Multikey.generate();
	const did = `did:key:${keyPair.publicKeyMultibase}`;
	keyPair.controller = did;
	keyPair.id = `${did}#${keyPair.publicKeyMultibase}`;
	return {
		did,
		sign: (doc) =>
			jsigs.sign(structuredClone(doc), {
				suite: new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite: eddsaRdfc2022 }),
				purpose: new jsigs.purposes.AuthenticationProofPurpose({ challenge: 'wallet-challenge-1' }),
				documentLoader: offlineDocumentLoader()
			})
	};
}

const presentation = (holder: string, credentials: object[]) => ({
	'@context': ['https://www.w3.org/ns/credentials/v2'],
	type: ['VerifiablePresentation'],
	holder,
	verifiableCredential: credentials
});

const file = (name: string, doc: object) => bufferSource(name, new TextEncoder().encode(JSON.stringify(doc)));

describe.each(engines)('presentations on $name', (engine) => {
	let db: Db;
	let alice: Holder;
	let mallory: Holder;
	beforeAll(async () => {
		db = await engine.open();
		alice = await holderKey();
		mallory = await holderKey();
	});
	afterAll(async () => {
		await db?.close();
	});

	it('imports both OB 3.0 credentials of a presentation, each with its own verification', async () => {
		const vp = await alice.sign(presentation(alice.did, [signedBadge, unsignedBadge]));
		const { reports, unrecognised } = await importFiles(db, [file('wallet.json', vp)]);
		expect(unrecognised).toEqual([]);
		expect(reports).toHaveLength(1);
		const [report] = reports;
		expect(report.format).toBe('vp');
		expect(report.status).toBe('succeeded');
		const [f] = report.files;
		expect(f).toMatchObject({ read: 2, stored: 2, rejected: 0 });
		expect(f.verification).toEqual({ verified: 1, unsigned: 1, failed: 0, unverified: 0 });

		const awards = await db.query<{ id: string; verification: string; verification_reason: string }>(
			sql`select id, verification, verification_reason from awards order by id`
		);
		expect(new Map(awards.map((a) => [a.id, a.verification]))).toEqual(
			new Map([
				[`ob3:${signedBadge.id}`, 'verified'],
				[`ob3:${unsignedBadge.id}`, 'unsigned']
			])
		);

		// The presentation's own verdict comes first, then each credential's.
		expect(f.documents.map((d) => [d.path, d.kind, d.proof])).toEqual([
			['$', 'presentation', 'verified'],
			['$.verifiableCredential[0]', 'credential', 'verified'],
			['$.verifiableCredential[1]', 'credential', 'unsigned']
		]);
		expect(f.documents[0]).toMatchObject({ holder: alice.did, conforms: true });
		expect(f.documents[0].proofReason).toContain(`signed by its holder ${alice.did}`);

		// Importing the same presentation again changes nothing.
		const again = await importFiles(db, [file('wallet.json', vp)]);
		expect(Object.values(again.reports[0].changed).every((c) => c!.inserted + c!.updated === 0)).toBe(true);
	});

	it('reports a presentation signed by someone other than its holder as a failed proof', async () => {
		const forged = await mallory.sign(presentation(alice.did, [signedBadge]));
		const [check] = await verifyFile(new TextEncoder().encode(JSON.stringify(forged)), 'forged.json');
		expect(check.proof).toBe('failed');
		expect(check.proofReason).toContain(`not by its holder ${alice.did}`);
		// The enclosed credential keeps its own verification: its issuer's signature still holds.
		expect(check.credentials[0].proof).toBe('verified');

		const { reports } = await importFiles(db, [file('forged.json', forged)]);
		expect(reports[0].files[0].documents[0]).toMatchObject({ kind: 'presentation', proof: 'failed' });
		expect(reports[0].files[0].verification.verified).toBe(1);
	});

	it('fails a presentation whose tampered content no longer matches its signature', async () => {
		const vp = (await alice.sign(presentation(alice.did, [signedBadge]))) as Record<string, unknown>;
		const [check] = await verifyFile(
			new TextEncoder().encode(
				JSON.stringify({ ...vp, id: 'urn:uuid:2d1b0a3e-0000-4000-8000-000000000000' })
			),
			'tampered.json'
		);
		expect(check.proof).toBe('failed');
	});

	it("covers a holder's own unsigned claim by the presentation's proof, and requires a holder for it", async () => {
		const claim = {
			...unsignedBadge,
			id: 'urn:uuid:4a6f0c1e-0000-4000-8000-00000000c1a1',
			issuer: alice.did
		};
		const [covered] = await verifyFile(
			new TextEncoder().encode(JSON.stringify(await alice.sign(presentation(alice.did, [claim])))),
			'own.json'
		);
		expect(covered.credentials[0]).toMatchObject({ proof: 'verified' });
		expect(covered.credentials[0].proofReason).toContain("covered by the enclosing presentation's proof");
		const { holder: _holder, ...nameless } = presentation(alice.did, [claim]);
		const [unnamed] = await verifyFile(
			new TextEncoder().encode(JSON.stringify(await alice.sign(nameless))),
			'nameless.json'
		);
		expect(unnamed.problems.map((p) => p.rule)).toEqual(['§4.13.4 holder-claims']);
		expect(unnamed.conforms).toBe(false);
	});

	it('imports a European Digital Credential from a presentation through the ELM importer', async () => {
		const elm = JSON.parse(
			readFileSync(join(import.meta.dirname, '../fixtures/elm/Sample-MC-Annex1-unsigned.jsonld'), 'utf8')
		);
		const { reports } = await importFiles(db, [file('elm-wallet.json', presentation(alice.did, [elm]))]);
		const [f] = reports[0].files;
		expect(reports[0].status).toBe('succeeded');
		expect(f).toMatchObject({ read: 1, stored: 1, rejected: 0 });
		expect(f.verification.unsigned).toBe(1);
		expect(f.documents.map((d) => [d.kind, d.proof])).toEqual([
			['presentation', 'unsigned'],
			['credential', 'unsigned']
		]);
	});

	it('refuses a presentation that holds no credentials, saying so', async () => {
		const { reports } = await importFiles(db, [file('empty.json', presentation(alice.did, []))]);
		expect(reports[0].status).toBe('refused');
		expect(reports[0].refusal[0].message).toContain('holds no credentials');
	});
});
