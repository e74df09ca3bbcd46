// Passwords are stored as argon2id hashes (OWASP's first choice), via the maintained @node-rs/argon2.
import { hash, verify } from '@node-rs/argon2';

// OWASP 2023 minimum for argon2id: m = 19 MiB, t = 2, p = 1.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

/** A hash of nothing in particular, verified when the account does not exist so timing tells nothing. */
let decoy: Promise<string> | undefined;

export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
	if (!storedHash) {
		await verify(await (decoy ??= hashPassword('no account has this password')), password).catch(() => false);
		return false;
	}
	return verify(storedHash, password).catch(() => false);
}
