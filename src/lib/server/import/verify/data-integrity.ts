// Embedded proofs (W3C Data Integrity / Linked Data signatures) checked with maintained
// libraries: jsonld-signatures drives @digitalbazaar/data-integrity with the eddsa-rdfc-2022,
// eddsa-2022 and ecdsa-sd-2023 cryptosuites, and @digitalbazaar/ed25519-signature-2020 for the
// older suite. RDF canonicalisation is theirs (rdf-canonize), never ours. The document loader
// serves bundled contexts and the key derived offline only (jsonld/contexts.ts).
import jsigs from 'jsonld-signatures';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { cryptosuite as eddsa2022 } from '@digitalbazaar/eddsa-2022-cryptosuite';
import { createVerifyCryptosuite as ecdsaSd2023 } from '@digitalbazaar/ecdsa-sd-2023-cryptosuite';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { NotBundledError, offlineDocumentLoader } from '../jsonld/index.ts';
import { asArray, isObject, str, type JsonObject } from '../json/index.ts';
import { resolveVerificationMethod, type ResolvedKey } from './keys.ts';
import type { ProofCheck } from './check.ts';

const DATA_INTEGRITY_V1 = 'https://w3id.org/security/data-integrity/v1';

type Suite = {
	label: string;
	keyType: ResolvedKey['type'];
	make(options: { legacyContext: boolean }): unknown;
	keyDocument(key: ResolvedKey): object;
};

const multikeyDocument = (key: ResolvedKey) => ({
	'@context': 'https://w3id.org/security/multikey/v1',
	id: key.id,
	type: 'Multikey',
	controller: key.controller,
	publicKeyMultibase: key.publicKeyMultibase
});

/** The DataIntegrityProof cryptosuites, by name: the key type each signs with, and the suite. */
const CRYPTOSUITES: Record<string, { keyType: ResolvedKey['type']; cryptosuite: () => unknown }> = {
	'eddsa-rdfc-2022': { keyType: 'Ed25519', cryptosuite: () => eddsaRdfc2022 },
	'eddsa-2022': { keyType: 'Ed25519', cryptosuite: () => eddsa2022 },
	'ecdsa-sd-2023': { keyType: 'P-256', cryptosuite: () => ecdsaSd2023() }
};

function suiteFor(proof: JsonObject): Suite | null {
	const type = str(proof.type);
	const cryptosuite = str(proof.cryptosuite);
	const known =
		cryptosuite !== undefined && Object.hasOwn(CRYPTOSUITES, cryptosuite)
			? CRYPTOSUITES[cryptosuite]
			: undefined;
	if (type === 'DataIntegrityProof' && known)
		return {
			label: cryptosuite!,
			keyType: known.keyType,
			make: ({ legacyContext }) =>
				new DataIntegrityProof({ cryptosuite: known.cryptosuite(), legacyContext }),
			keyDocument: multikeyDocument
		};
	if (type === 'Ed25519Signature2020')
		return {
			label: 'Ed25519Signature2020',
			keyType: 'Ed25519',
			make: () => new Ed25519Signature2020(),
			keyDocument: (key) => ({
				'@context': 'https://w3id.org/security/suites/ed25519-2020/v1',
				id: key.id,
				type: 'Ed25519VerificationKey2020',
				controller: key.controller,
				publicKeyMultibase: key.publicKeyMultibase
			})
		};
	return null;
}

const describe = (proof: JsonObject) =>
	[str(proof.type) ?? 'untyped proof', str(proof.cryptosuite)].filter(Boolean).join('/');

/**
 * Checks the embedded proof of a JSON-LD credential (purpose assertionMethod) or presentation
 * (purpose authentication). Of several proofs, the first one of a supported suite with that
 * purpose is checked (as 1EdTech's validator does); proofs of unknown suites are ignored.
 * `issuerId` is the credential's issuer (a presentation's holder), to bind fragment keys to it.
 * A presentation's challenge is checked against the one its proof states: an import has no
 * request of its own to compare it with.
 */
export async function verifyEmbeddedProof({
	document,
	issuerId,
	purpose = 'assertionMethod'
}: {
	document: JsonObject;
	issuerId?: string;
	purpose?: 'assertionMethod' | 'authentication';
}): Promise<ProofCheck> {
	const proofs = asArray(document.proof).filter(
		(p): p is JsonObject => isObject(p) && Object.keys(p).length > 0
	);
	if (proofs.length === 0) return { state: 'unsigned', reason: 'no proof' };
	const candidates = proofs.filter((p) => (str(p.proofPurpose) ?? purpose) === purpose);
	const proof = candidates.find((p) => suiteFor(p) !== null);
	if (!proof)
		return {
			state: 'unverified',
			reason: `no proof of a supported suite (found ${proofs.map(describe).join(', ')})`
		};
	const suite = suiteFor(proof)!;
	const resolved = resolveVerificationMethod(proof.verificationMethod, issuerId);
	if (!resolved.ok) return { state: resolved.state, reason: `${suite.label} proof: ${resolved.reason}` };
	const key = resolved.key;
	if (key.type !== suite.keyType)
		return { state: 'failed', reason: `${suite.label} proof names a ${key.type} key` };

	const keyDocument = suite.keyDocument(key);
	const controller = {
		'@context': 'https://w3id.org/security/v2',
		id: key.controller,
		[purpose]: [key.id]
	};
	const challenge = str(proof.challenge);
	const proofPurpose =
		purpose === 'assertionMethod'
			? new jsigs.purposes.AssertionProofPurpose({ controller })
			: challenge
				? new jsigs.purposes.AuthenticationProofPurpose({ controller, challenge, domain: str(proof.domain) })
				: new jsigs.purposes.ControllerProofPurpose({ term: 'authentication', controller });
	const documentLoader = offlineDocumentLoader(new Map([[key.id, keyDocument]]));
	// Only the chosen proof is handed over: a proof of an unknown suite must not fail the check.
	const { proof: _all, ...rest } = document;
	const single = { ...rest, proof: stripFunctions(proof) };
	try {
		// Documents on the v1 Data Integrity context must be checked against it, not v2 (the two
		// protected contexts cannot be combined).
		const legacyContext = asArray(document['@context']).includes(DATA_INTEGRITY_V1);
		const result = await jsigs.verify(single, {
			suite: suite.make({ legacyContext }),
			purpose: proofPurpose,
			documentLoader
		});
		if (result.verified)
			return {
				state: 'verified',
				reason: `${suite.label} proof valid; ${key.source}`,
				signer: key.controller
			};
		return classify(suite.label, result.error ?? result.results?.find((r) => !r.verified)?.error);
	} catch (error) {
		return classify(suite.label, error);
	}
}

function stripFunctions(value: JsonObject): JsonObject {
	return JSON.parse(JSON.stringify(value)) as JsonObject;
}

/** Failed, unless the cause is a context we do not bundle (then it could not be checked). */
function classify(label: string, error: unknown): ProofCheck {
	const missing = findNotBundled(error, 0);
	if (missing)
		return { state: 'unverified', reason: `${label} proof not checked: context ${missing} is not bundled` };
	return { state: 'failed', reason: `${label} proof does not verify: ${messageOf(error)}` };
}

function findNotBundled(error: unknown, depth: number): string | null {
	if (!error || typeof error !== 'object' || depth > 8) return null;
	if (error instanceof NotBundledError) return error.url;
	const e = error as {
		cause?: unknown;
		errors?: unknown[];
		details?: { cause?: unknown; url?: string };
		message?: string;
	};
	const m = /^(\S+) is not bundled/.exec(e.message ?? '');
	if (m) return m[1];
	for (const inner of [e.cause, e.details?.cause, ...(Array.isArray(e.errors) ? e.errors : [])]) {
		const found = findNotBundled(inner, depth + 1);
		if (found) return found;
	}
	return null;
}

type LibraryError = {
	message?: string;
	errors?: LibraryError[];
	details?: { event?: { message?: string; details?: Record<string, unknown> } };
};

/** The message of a library error; JSON-LD safe-mode failures name the term that broke them. */
function describeError(e: LibraryError): string {
	const event = e.details?.event;
	if (/safe mode/i.test(e.message ?? '') && event)
		return `the document uses a term its contexts do not define (JSON-LD safe mode: ${event.message ?? ''} ${JSON.stringify(event.details ?? {})})`;
	return e.message ?? String(e);
}

function messageOf(error: unknown): string {
	if (!error) return 'invalid signature';
	const e = error as LibraryError;
	const inner = Array.isArray(e.errors) ? e.errors.filter(Boolean).map(describeError) : [];
	const text = inner.length > 0 ? inner.join('; ') : describeError(e);
	return text.length > 300 ? text.slice(0, 300) + '…' : text;
}
