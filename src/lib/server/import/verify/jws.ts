// Compact JWS signatures (VC-JWT for Open Badges 3.0 / CLR 2.0, signed Open Badges 2.0
// assertions) checked with `jose`. The key comes from the JOSE header when it carries one offline:
// an embedded `jwk`, or a `kid` that is a did:key or did:jwk. Other `kid`s, and headers without
// either, need the issuer's key fetched: `unverified`. A caller may supply keys it already holds
// (`keyFor`, e.g. an OB 2.0 CryptographicKey imported with the assertion).
import {
	compactVerify,
	decodeProtectedHeader,
	importJWK,
	importSPKI,
	type JWK,
	type ProtectedHeaderParameters
} from 'jose';
import { ed25519RawKey } from './keys.ts';
import type { ProofCheck } from './check.ts';

export type SuppliedKey = { publicKeyPem?: string; jwk?: JWK; source: string };

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$/;

export function isCompactJws(text: string): boolean {
	return COMPACT_JWS.test(text);
}

/** The header and payload text of a compact JWS, without checking it; null if it is not one. */
export function decodeCompactJws(
	token: string
): { header: ProtectedHeaderParameters; payload: string } | null {
	if (!isCompactJws(token)) return null;
	try {
		const header = decodeProtectedHeader(token);
		const payload = new TextDecoder('utf-8', { fatal: true }).decode(base64url(token.split('.')[1]));
		return { header, payload };
	} catch {
		return null;
	}
}

function base64url(s: string): Uint8Array {
	return new Uint8Array(Buffer.from(s, 'base64url'));
}

function jwkFromKid(kid: string): { jwk: JWK; source: string } | null {
	const base = kid.split('#')[0];
	if (base.startsWith('did:key:')) {
		const raw = ed25519RawKey(base.slice('did:key:'.length));
		if (raw)
			return {
				jwk: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') },
				source: `did:key ${base}`
			};
		return null;
	}
	if (base.startsWith('did:jwk:')) {
		try {
			const jwk = JSON.parse(Buffer.from(base.slice('did:jwk:'.length), 'base64url').toString('utf8')) as JWK;
			return typeof jwk === 'object' && jwk !== null ? { jwk, source: `did:jwk` } : null;
		} catch {
			return null;
		}
	}
	return null;
}

export async function verifyCompactJws({
	token,
	keyFor
}: {
	token: string;
	keyFor?: (kid: string | undefined) => SuppliedKey | undefined;
}): Promise<ProofCheck> {
	const decoded = decodeCompactJws(token);
	if (!decoded) return { state: 'failed', reason: 'not a well-formed compact JWS' };
	const { header } = decoded;
	const alg = typeof header.alg === 'string' ? header.alg : undefined;
	if (!alg || alg === 'none')
		return { state: 'failed', reason: `JWS algorithm "${alg ?? ''}" is not acceptable` };

	let key: CryptoKey | Uint8Array | undefined;
	let source: string;
	try {
		if (header.jwk) {
			if ('d' in header.jwk) return { state: 'failed', reason: 'the JOSE header embeds a private key' };
			key = (await importJWK(header.jwk as JWK, alg)) as CryptoKey;
			source = 'key embedded in the JOSE header (jwk)';
		} else {
			const kid = typeof header.kid === 'string' ? header.kid : undefined;
			const fromKid = kid ? jwkFromKid(kid) : null;
			const supplied = fromKid ? undefined : keyFor?.(kid);
			if (fromKid) {
				key = (await importJWK(fromKid.jwk, alg)) as CryptoKey;
				source = fromKid.source;
			} else if (supplied?.jwk) {
				key = (await importJWK(supplied.jwk, alg)) as CryptoKey;
				source = supplied.source;
			} else if (supplied?.publicKeyPem) {
				key = await importSPKI(supplied.publicKeyPem, alg);
				source = supplied.source;
			} else {
				return {
					state: 'unverified',
					reason: kid
						? `JWS key ${kid} is not resolvable offline (nothing is fetched)`
						: 'the JOSE header carries no jwk or kid, and the issuer key is not fetched'
				};
			}
		}
	} catch (error) {
		return { state: 'failed', reason: `JWS key unusable: ${(error as Error).message}` };
	}
	try {
		await compactVerify(token, key, { algorithms: [alg] });
		const kid = typeof header.kid === 'string' ? header.kid.split('#')[0] : undefined;
		return {
			state: 'verified',
			reason: `JWS ${alg} signature valid; ${source}`,
			...(kid?.startsWith('did:') ? { signer: kid } : {})
		};
	} catch (error) {
		return refusedSignature(error, {
			invalid: `JWS ${alg} signature does not verify (${source})`,
			refused: 'JWS not accepted'
		});
	}
}

/** The failed check for a signature `jose` refused: one that does not verify, or a JWS it will not take. */
export function refusedSignature(
	error: unknown,
	{ invalid, refused }: { invalid: string; refused: string }
): ProofCheck {
	const code = (error as { code?: string }).code;
	return {
		state: 'failed',
		reason:
			code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' ? invalid : `${refused}: ${(error as Error).message}`
	};
}
