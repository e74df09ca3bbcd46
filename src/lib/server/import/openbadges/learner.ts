// Learners from Open Badges recipients. The identity in the document (a DID, an email, a hashed
// email) never becomes the learner id: `ob-<sha256>` of it does, so the same recipient in two
// files is the same learner. A hashed identity is kept as given in `identityHash`; a plain one
// (an email, a phone number) is hashed first — no raw email is ever stored.
import type { Learner } from '../../../domain/types.ts';
import { documentLearner } from '../document-rows.ts';
import { sha256Hex } from '../ids.ts';
import { asArray, isObject, str } from '../json/index.ts';

export type Recipient = { key: string; identityHash: string | null };

function hashPlain(identity: string, salt?: string): string {
	return `sha256$${sha256Hex(identity.trim().toLowerCase() + (salt ?? ''))}`;
}

/** An OB 2.0 `recipient` / OB 3.0 IdentityObject: {identity|identityHash, type|identityType, hashed, salt}. */
export function fromIdentityObject(value: unknown): Recipient | null {
	if (!isObject(value)) return null;
	const identity = str(value.identityHash) ?? str(value.identity);
	if (!identity) return null;
	const type = str(value.identityType) ?? str(value.type) ?? 'identity';
	const hashed = value.hashed === true || value.hashed === 'true';
	const identityHash = hashed ? identity : hashPlain(identity, str(value.salt));
	return { key: `${type}:${identityHash}`, identityHash };
}

/** The recipient of an OB 3.0 subject: its `id`, else its first usable `identifier`. */
export function fromSubject(subject: Record<string, unknown>): Recipient | null {
	const id = str(subject.id);
	if (id) {
		// An email as the subject id is still personal data: keep only its hash.
		const email = /^mailto:(.+)$/i.exec(id)?.[1] ?? (/^[^:/\s]+@[^:/\s]+$/.test(id) ? id : undefined);
		if (email) {
			const identityHash = hashPlain(email);
			return { key: `emailAddress:${identityHash}`, identityHash };
		}
		return { key: id, identityHash: null };
	}
	for (const identifier of asArray(subject.identifier)) {
		const recipient = fromIdentityObject(identifier);
		if (recipient) return recipient;
	}
	return null;
}

export function learnerRow(recipient: Recipient): Learner {
	return documentLearner({ prefix: 'ob', identity: recipient.key, identityHash: recipient.identityHash });
}
