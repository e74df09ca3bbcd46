// The deployment's issuer key: one Ed25519 key pair (Multikey), whose did:key names the issuer of
// the learner records Stackwise signs. It lives in the file STACKWISE_ISSUER_KEY_FILE names —
// never in the repository, never in the database — readable by its owner only.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { projectRoot } from '../config.ts';

export class IssuerKeyError extends Error {}

export type IssuerKey = {
	/** did:key:z6Mk… — the issuer's id. */
	did: string;
	/** The verification method: did#fingerprint. */
	verificationMethod: string;
	signer(): unknown;
};

type KeyFile = {
	type: 'Multikey';
	id: string;
	controller: string;
	publicKeyMultibase: string;
	secretKeyMultibase: string;
};

/** The key file's path from the environment; refused when unset or inside the repository. */
export function issuerKeyPath(env: NodeJS.ProcessEnv = process.env): string {
	const file = env.STACKWISE_ISSUER_KEY_FILE?.trim();
	if (!file)
		throw new IssuerKeyError(
			'STACKWISE_ISSUER_KEY_FILE is not set: name the file that keeps the issuer key (outside the repository), e.g. STACKWISE_ISSUER_KEY_FILE=/etc/stackwise/issuer-key.json'
		);
	const path = resolve(file);
	const rel = relative(projectRoot(), path);
	if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel)))
		throw new IssuerKeyError(
			`STACKWISE_ISSUER_KEY_FILE (${path}) is inside the repository (${projectRoot()}); keep the key elsewhere`
		);
	return path;
}

/** Makes a new key pair and writes it to `path` (mode 0600); refuses to replace an existing key. */
export async function createIssuerKey(path: string): Promise<{ did: string; path: string }> {
	if (existsSync(path))
		throw new IssuerKeyError(
			`${path} already holds a key; records signed with it verify only while it is kept. Move it away first to make a new one`
		);
	const pair = (await Ed25519Multikey.generate()) as unknown as Omit<KeyFile, 'type' | 'id' | 'controller'>;
	const did = `did:key:${pair.publicKeyMultibase}`;
	const file: KeyFile = {
		type: 'Multikey',
		id: `${did}#${pair.publicKeyMultibase}`,
		controller: did,
		publicKeyMultibase: pair.publicKeyMultibase,
		secretKeyMultibase: pair.secretKeyMultibase
	};
	mkdirSync(dirname(path), { recursive: true });
	writeFileSync(path, JSON.stringify(file, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
	chmodSync(path, 0o600);
	return { did, path };
}

/** Reads the key kept at `path`, with a message naming the file when it cannot. */
export async function loadIssuerKey(path: string): Promise<IssuerKey> {
	if (!existsSync(path))
		throw new IssuerKeyError(`no issuer key at ${path}: make one with \`npx stackwise keys create\``);
	let file: KeyFile;
	try {
		file = JSON.parse(readFileSync(path, 'utf8')) as KeyFile;
	} catch (error) {
		throw new IssuerKeyError(`${path}: not a JSON key file (${(error as Error).message})`);
	}
	for (const field of ['publicKeyMultibase', 'secretKeyMultibase', 'controller', 'id'] as const)
		if (typeof file[field] !== 'string' || !file[field])
			throw new IssuerKeyError(`${path}: the key file has no ${field}`);
	const pair = await Ed25519Multikey.from(file);
	return { did: file.controller, verificationMethod: file.id, signer: () => pair.signer() };
}

/** Whether records can be signed here: the key file is named and exists. */
export function issuerKeyConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
	try {
		return existsSync(issuerKeyPath(env));
	} catch {
		return false;
	}
}
