// The JSON-LD document loader used when checking Data Integrity proofs: it serves the contexts
// bundled under data/contexts (see its README for origin and licence) plus documents the caller
// derived offline (key and controller documents), and refuses every other URL. Nothing is
// fetched during an import: a missing context makes the proof `unverified`, never a request.
import credentialsV1 from '../../../../../data/contexts/credentials-v1.json' with { type: 'json' };
import credentialsV2 from '../../../../../data/contexts/credentials-v2.json' with { type: 'json' };
import credentialsExamplesV2 from '../../../../../data/contexts/credentials-examples-v2.json' with { type: 'json' };
import dataIntegrityV1 from '../../../../../data/contexts/data-integrity-v1.json' with { type: 'json' };
import dataIntegrityV2 from '../../../../../data/contexts/data-integrity-v2.json' with { type: 'json' };
import multikeyV1 from '../../../../../data/contexts/multikey-v1.json' with { type: 'json' };
import ed25519Signature2020V1 from '../../../../../data/contexts/ed25519-signature-2020-v1.json' with { type: 'json' };
import vcBitstringStatusListV1 from '../../../../../data/contexts/vc-bitstring-status-list-v1.json' with { type: 'json' };
import obV3p0Context3_0_0 from '../../../../../data/contexts/ob-v3p0-context-3.0.0.json' with { type: 'json' };
import obV3p0Context3_0_1 from '../../../../../data/contexts/ob-v3p0-context-3.0.1.json' with { type: 'json' };
import obV3p0Context3_0_2 from '../../../../../data/contexts/ob-v3p0-context-3.0.2.json' with { type: 'json' };
import obV3p0Context3_0_3 from '../../../../../data/contexts/ob-v3p0-context-3.0.3.json' with { type: 'json' };
import obV3p0Extensions from '../../../../../data/contexts/ob-v3p0-extensions.json' with { type: 'json' };
import clrV2p0Context2_0_1 from '../../../../../data/contexts/clr-v2p0-context-2.0.1.json' with { type: 'json' };
import clrV2p0Context from '../../../../../data/contexts/clr-v2p0-context.json' with { type: 'json' };

/** Context URL → bundled document. */
export const BUNDLED_CONTEXTS: Readonly<Record<string, unknown>> = {
	'https://www.w3.org/2018/credentials/v1': credentialsV1,
	'https://www.w3.org/ns/credentials/v2': credentialsV2,
	'https://www.w3.org/ns/credentials/examples/v2': credentialsExamplesV2,
	'https://w3id.org/security/data-integrity/v1': dataIntegrityV1,
	'https://w3id.org/security/data-integrity/v2': dataIntegrityV2,
	'https://w3id.org/security/multikey/v1': multikeyV1,
	'https://w3id.org/security/suites/ed25519-2020/v1': ed25519Signature2020V1,
	'https://www.w3.org/ns/credentials/status/v1': vcBitstringStatusListV1,
	'https://purl.imsglobal.org/spec/ob/v3p0/context.json': obV3p0Context3_0_0,
	'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json': obV3p0Context3_0_1,
	'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json': obV3p0Context3_0_2,
	'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json': obV3p0Context3_0_3,
	'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json': obV3p0Extensions,
	'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json': clrV2p0Context2_0_1,
	'https://purl.imsglobal.org/spec/clr/v2p0/context.json': clrV2p0Context
};

export type RemoteDocument = { contextUrl: null; documentUrl: string; document: unknown };

/** Raised for any URL the loader will not serve; the message names it. */
export class NotBundledError extends Error {
	readonly url: string;
	constructor(url: string) {
		super(`${url} is not bundled and nothing is fetched during an import`);
		this.name = 'NotBundledError';
		this.url = url;
	}
}

/**
 * A jsonld.js / jsonld-signatures document loader over the bundled contexts and `extra`
 * documents (e.g. a key document derived from a did:key). Every other URL throws NotBundledError.
 */
export function offlineDocumentLoader(extra: ReadonlyMap<string, unknown> = new Map()) {
	return async (url: string): Promise<RemoteDocument> => {
		const document = extra.get(url) ?? BUNDLED_CONTEXTS[url];
		if (document === undefined) throw new NotBundledError(url);
		// Hand out a copy: jsonld.js must never be able to alter the shared bundled objects.
		return { contextUrl: null, documentUrl: url, document: structuredClone(document) };
	};
}
