// Signed European Digital Credentials come as a JAdES signature: a JWS JSON serialisation whose
// protected header carries the signer's X.509 chain (`x5c`), a signing time (`sigT`) and
// timestamps, often with an unencoded payload (`b64: false`, RFC 7797). `jose` checks the
// signature over the payload with the leaf certificate's key. What cannot be done offline is
// the part that makes an eSeal trustworthy — validating the chain against the EU trust lists,
// revocation of the certificate, the timestamp tokens — so a valid signature is `unverified`
// with that reason, an invalid one `failed`.
import { generalVerify, importX509, type GeneralJWSInput } from 'jose';
import { X509Certificate } from 'node:crypto';
import { asArray, isObject, str, type JsonObject } from '../json/index.ts';
import { type ProofCheck, refusedSignature } from '../verify/index.ts';

export function isJwsJson(doc: unknown): doc is JsonObject {
	return isObject(doc) && typeof doc.payload === 'string' && Array.isArray(doc.signatures);
}

function protectedHeader(signature: unknown): JsonObject | null {
	const p = isObject(signature) ? str(signature.protected) : undefined;
	if (!p) return null;
	try {
		const header = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
		return isObject(header) ? header : null;
	} catch {
		return null;
	}
}

/** The payload text (the credential JSON) of a JWS JSON document. */
export function jwsJsonPayload(doc: JsonObject): string {
	const header = protectedHeader(asArray(doc.signatures)[0]);
	const payload = String(doc.payload);
	return header?.b64 === false ? payload : Buffer.from(payload, 'base64url').toString('utf8');
}

export async function verifyJades(doc: JsonObject): Promise<ProofCheck> {
	const signature = asArray(doc.signatures)[0];
	const header = protectedHeader(signature);
	if (!header) return { state: 'failed', reason: 'JAdES signature without a readable protected header' };
	const alg = str(header.alg);
	const chain = asArray(header.x5c).filter((c): c is string => typeof c === 'string');
	if (!alg || chain.length === 0)
		return {
			state: 'unverified',
			reason: 'JAdES signature without an x5c certificate; the signer key is not resolvable offline'
		};
	let subject: string;
	let key;
	try {
		const pem = `-----BEGIN CERTIFICATE-----\n${chain[0].match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----`;
		subject = new X509Certificate(pem).subject.replace(/\n/g, ', ');
		key = await importX509(pem, alg);
	} catch (error) {
		return { state: 'failed', reason: `JAdES x5c certificate unusable: ${(error as Error).message}` };
	}
	const crit = Object.fromEntries(
		asArray(header.crit)
			.filter((c): c is string => typeof c === 'string' && c !== 'b64')
			.map((c) => [c, true])
	);
	try {
		await generalVerify(doc as unknown as GeneralJWSInput, key, { algorithms: [alg], crit });
	} catch (error) {
		return refusedSignature(error, {
			invalid: `JAdES ${alg} signature does not verify (${subject})`,
			refused: 'JAdES signature not accepted'
		});
	}
	return {
		state: 'unverified',
		reason: `JAdES ${alg} signature valid for the x5c certificate ${subject}; the certificate chain, EU trust list, revocation and timestamps are not validated offline`
	};
}
