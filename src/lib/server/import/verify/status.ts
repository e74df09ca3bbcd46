// Revocation / suspension through a status list (W3C Bitstring Status List, StatusList2021)
// when the list credential is at hand offline (`resolve`, e.g. a list imported with the
// credentials). The list's own proof is checked too: a forged list proves nothing. Lists not
// at hand, and other status methods (1EdTech revocation lists, ledgers), leave the status unknown.
import { gunzipSync } from 'node:zlib';
import { asArray, isObject, num, str, type JsonObject } from '../json/index.ts';
import { verifyEmbeddedProof } from './data-integrity.ts';
import type { StatusCheck } from './check.ts';

const LIST_ENTRY_TYPES = ['BitstringStatusListEntry', 'StatusList2021Entry'];
/** 16 KiB of bits covers 131,072 credentials per list; a bigger inflated list is refused. */
const MAX_LIST_BYTES = 16 * 1024 * 1024;

export async function checkStatus({
	credential,
	resolve
}: {
	credential: JsonObject;
	resolve?: (id: string) => unknown;
}): Promise<StatusCheck> {
	const entries = asArray(credential.credentialStatus).filter(isObject);
	if (entries.length === 0) return { state: 'none' };
	const notes: string[] = [];
	for (const entry of entries) {
		const type = str(entry.type) ?? 'untyped';
		if (!LIST_ENTRY_TYPES.includes(type)) {
			notes.push(`status ${type} at ${str(entry.id) ?? '?'} is not checkable offline`);
			continue;
		}
		const listId = str(entry.statusListCredential);
		const index = num(entry.statusListIndex);
		const purpose = str(entry.statusPurpose) ?? 'revocation';
		if (!listId || index === undefined || !Number.isInteger(index) || index < 0) {
			notes.push(`${type} lacks statusListCredential or a whole statusListIndex`);
			continue;
		}
		const list = resolve?.(listId);
		if (!isObject(list)) {
			notes.push(`status list ${listId} is not at hand (nothing is fetched)`);
			continue;
		}
		const listIssuer = str(list.issuer) ?? (isObject(list.issuer) ? str(list.issuer.id) : undefined);
		const proof = await verifyEmbeddedProof({ document: list, issuerId: listIssuer });
		if (proof.state !== 'verified') {
			notes.push(`status list ${listId} not trusted (${proof.reason})`);
			continue;
		}
		const subject = asArray(list.credentialSubject).find(isObject);
		const encoded = subject ? str(subject.encodedList) : undefined;
		const listPurpose = subject ? str(subject.statusPurpose) : undefined;
		if (!encoded) {
			notes.push(`status list ${listId} has no encodedList`);
			continue;
		}
		if (listPurpose && listPurpose !== purpose) {
			notes.push(`status list ${listId} is for ${listPurpose}, not ${purpose}`);
			continue;
		}
		const bit = readBit(encoded, index);
		if (bit === null) {
			notes.push(`status list ${listId} cannot be decoded or is shorter than index ${index}`);
			continue;
		}
		if (bit)
			return {
				state: 'revoked',
				reason: `${purpose === 'suspension' ? 'suspended' : 'revoked'}: bit ${index} set in status list ${listId}`
			};
		return {
			state: 'ok',
			reason: `not ${purpose === 'suspension' ? 'suspended' : 'revoked'} (status list ${listId}, index ${index})`
		};
	}
	return { state: 'unknown', reason: notes.join('; ') };
}

/** The bit at `index` of a GZIP-compressed, base64url list (multibase 'u' prefix optional); MSB first. */
export function readBit(encodedList: string, index: number): boolean | null {
	try {
		const b64 = encodedList.startsWith('u') ? encodedList.slice(1) : encodedList;
		const bytes = gunzipSync(Buffer.from(b64, 'base64url'), { maxOutputLength: MAX_LIST_BYTES });
		const byte = index >> 3;
		if (byte >= bytes.length) return null;
		return ((bytes[byte] >> (7 - (index & 7))) & 1) === 1;
	} catch {
		return null;
	}
}
