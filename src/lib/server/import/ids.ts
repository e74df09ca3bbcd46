// Deterministic identifiers for imported rows, so importing the same document twice yields the
// same keys (DESIGN.md §2: source identifiers are kept, re-imports are idempotent).
import { createHash } from 'node:crypto';

export function sha256Hex(value: string | Uint8Array): string {
	return createHash('sha256').update(value).digest('hex');
}

/** `prefix:` + a short stable hash of the parts, for things a source gives no global id. */
export function derivedId(prefix: string, ...parts: (string | null | undefined)[]): string {
	return `${prefix}:${sha256Hex(parts.map((p) => p ?? '').join('\u001f')).slice(0, 32)}`;
}

/**
 * A pseudonymous learner id from an identity the source gives (a DID, a hashed email …).
 * The identity itself never becomes the id: `<prefix>-<sha256>` of it does.
 */
export function learnerIdFor(prefix: string, identity: string): string {
	return `${prefix}-${sha256Hex(identity)}`;
}
