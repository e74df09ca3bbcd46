// Offline key resolution for embedded proofs. A verification method can be resolved without the
// network when the key is in its own identifier:
//   did:key:z6Mk…                 the DID is the key (did:key method)
//   <controller>#z6Mk… / #zDn…    a multikey fragment; 1EdTech's validator accepts this form when the
//                                 controller is the credential's issuer, and so do we
// Anything else (https key documents, did:web, other DID methods) needs a fetch: `unverified`.
// A verification method that is not a URI at all, or a multikey fragment that does not decode,
// is malformed: `failed`.
import { decode as base58Decode } from 'base58-universal';

export type KeyType = 'Ed25519' | 'P-256';
export type ResolvedKey = {
	/** The verification method id as the proof names it. */
	id: string;
	controller: string;
	publicKeyMultibase: string;
	type: KeyType;
	/** How the key was found, for the verification reason. */
	source: string;
};
export type KeyResolution =
	{ ok: true; key: ResolvedKey } | { ok: false; state: 'failed' | 'unverified'; reason: string };

/** The key type of a multibase (base58btc) multikey, or null if it is not one we know. */
export function multikeyType(value: string): KeyType | null {
	if (!value.startsWith('z')) return null;
	let bytes: Uint8Array | undefined;
	try {
		// base58-universal returns undefined (does not throw) for characters outside its alphabet.
		bytes = base58Decode(value.slice(1));
	} catch {
		return null;
	}
	if (!bytes) return null;
	// multicodec headers: ed25519-pub 0xed01 (32-byte key); p256-pub 0x8024 (33-byte compressed key)
	if (bytes.length === 34 && bytes[0] === 0xed && bytes[1] === 0x01) return 'Ed25519';
	if (bytes.length === 35 && bytes[0] === 0x80 && bytes[1] === 0x24) return 'P-256';
	return null;
}

/** The raw 32-byte Ed25519 public key of a z6Mk… multikey. */
export function ed25519RawKey(multibase: string): Uint8Array | null {
	if (multikeyType(multibase) !== 'Ed25519') return null;
	return base58Decode(multibase.slice(1))?.subarray(2) ?? null;
}

const looksLikeMultikey = (s: string) => /^z(6Mk|Dn)/.test(s);

export function resolveVerificationMethod(verificationMethod: unknown, issuerId?: string): KeyResolution {
	const vm = typeof verificationMethod === 'string' ? verificationMethod.trim() : undefined;
	if (!vm) return { ok: false, state: 'failed', reason: 'the proof names no verificationMethod' };
	const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(vm)?.[1]?.toLowerCase();
	if (!scheme)
		return { ok: false, state: 'failed', reason: `verificationMethod "${vm}" is not a URI (no scheme)` };

	const hash = vm.indexOf('#');
	const base = hash >= 0 ? vm.slice(0, hash) : vm;
	const fragment = hash >= 0 ? vm.slice(hash + 1) : '';

	if (scheme === 'did' && base.startsWith('did:key:')) {
		const mb = base.slice('did:key:'.length);
		const type = multikeyType(mb);
		if (!type)
			return { ok: false, state: 'failed', reason: `${base} does not hold a key this verifier knows` };
		return {
			ok: true,
			key: { id: vm, controller: base, publicKeyMultibase: mb, type, source: `did:key ${base}` }
		};
	}
	if (fragment && looksLikeMultikey(fragment)) {
		const type = multikeyType(fragment);
		if (!type)
			return {
				ok: false,
				state: 'failed',
				reason: `verificationMethod fragment "${fragment}" is not a valid multikey`
			};
		if (issuerId && base !== issuerId)
			return { ok: false, state: 'failed', reason: `key controller ${base} is not the issuer ${issuerId}` };
		return {
			ok: true,
			key: {
				id: vm,
				controller: base,
				publicKeyMultibase: fragment,
				type,
				source: `key in the verificationMethod fragment, controller = issuer ${base} (not fetched)`
			}
		};
	}
	if (scheme === 'did' || scheme === 'http' || scheme === 'https')
		return {
			ok: false,
			state: 'unverified',
			reason: `key ${vm} is not resolvable offline (nothing is fetched)`
		};
	return {
		ok: false,
		state: 'failed',
		reason: `verificationMethod scheme "${scheme}:" names no resolvable key`
	};
}
