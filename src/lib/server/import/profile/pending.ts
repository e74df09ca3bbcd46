// Uploads waiting for their mapping: an unrecognised CSV sent to /imports stays in memory while
// the admin maps it on /imports/map/[key], then becomes an import job (jobs.ts) or expires.
import { randomUUID } from 'node:crypto';
import type { SourceFile } from '../source.ts';

export type PendingUpload = { key: string; file: SourceFile; createdAt: number; userId: number | null };

const pending = new Map<string, PendingUpload>();
/** How long an upload waits for its mapping. */
const KEEP_MS = 60 * 60_000;
/** At most this many wait at once (each holds its file's bytes); the oldest goes first. */
const MAX_PENDING = 8;

export function holdUpload(file: SourceFile, userId: number | null = null): PendingUpload {
	const upload = { key: randomUUID(), file, createdAt: Date.now(), userId };
	pending.set(upload.key, upload);
	setTimeout(() => pending.delete(upload.key), KEEP_MS).unref();
	while (pending.size > MAX_PENDING) pending.delete(pending.keys().next().value!);
	return upload;
}

export function pendingUpload(key: string): PendingUpload | undefined {
	return pending.get(key);
}

export function releaseUpload(key: string): void {
	pending.delete(key);
}
