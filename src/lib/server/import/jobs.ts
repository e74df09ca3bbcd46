// Imports started from the web page run in the server process while the admin watches their
// progress. This registry is the one piece of shared mutable state on the server, and only for
// what is live: every finished import is in the `imports` table.
import type { ImportOrigin } from '../../domain/types.ts';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Db } from '../db/client.ts';
import { importFiles, type PlanOptions } from './index.ts';
import type { ImportReport } from './loader.ts';
import type { ImportProgress } from './records.ts';
import type { SourceFile } from './source.ts';

export type JobEvent =
	| { type: 'progress'; progress: ImportProgress }
	| {
			type: 'done';
			reports: ImportReport[];
			unrecognised: string[];
			skipped: { path: string; reason: string }[];
	  }
	| { type: 'error'; message: string };

export type ImportJobState = {
	key: string;
	files: string[];
	startedAt: string;
	last: JobEvent | null;
	events: EventEmitter;
	controller: AbortController;
};

const jobs = new Map<string, ImportJobState>();
/** Finished jobs stay visible this long for late subscribers, then only the history remains. */
const KEEP_MS = 10 * 60_000;

export function startImport(
	db: Db,
	files: SourceFile[],
	options: PlanOptions & { userId?: number | null; origin?: ImportOrigin } = {}
): ImportJobState {
	const job: ImportJobState = {
		key: randomUUID(),
		files: files.map((f) => f.path),
		startedAt: new Date().toISOString(),
		last: null,
		events: new EventEmitter(),
		controller: new AbortController()
	};
	job.events.setMaxListeners(50);
	jobs.set(job.key, job);
	const emit = (event: JobEvent) => {
		job.last = event;
		job.events.emit('event', event);
	};
	importFiles(db, files, {
		...options,
		source: `upload: ${files.map((f) => f.name).join(', ')}`,
		signal: job.controller.signal,
		onProgress: (progress) => emit({ type: 'progress', progress })
	})
		.then(({ reports, unrecognised, skipped }) =>
			emit({
				type: 'done',
				reports,
				unrecognised: unrecognised.map((f) => f.path),
				skipped: skipped.map((s) => ({ path: s.file.path, reason: s.reason }))
			})
		)
		.catch((error: Error) => emit({ type: 'error', message: error.message }))
		.finally(() => setTimeout(() => jobs.delete(job.key), KEEP_MS).unref());
	return job;
}

export function getImportJob(key: string): ImportJobState | undefined {
	return jobs.get(key);
}
