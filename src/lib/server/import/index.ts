// The import entry point shared by the CLI, the app's start-up seed and the /imports page:
// collect files, recognise each format, run one all-or-nothing job per format group.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/client.ts';
import { runImportJob, type ImportJob, type ImportReport, type LoadOptions } from './loader.ts';
import { claimOulad, ouladJob } from './oulad/index.ts';
import { fileSource, type SourceFile } from './source.ts';

export const FORMAT_IDS = ['auto', 'oulad'] as const;
export type FormatId = (typeof FORMAT_IDS)[number];

/** Files under the given paths (folders recursively, hidden entries skipped), sorted by path. */
export function collectFiles(paths: string[]): SourceFile[] {
	const out: string[] = [];
	const walk = (path: string) => {
		const stat = statSync(path);
		if (stat.isDirectory()) {
			for (const entry of readdirSync(path).sort()) if (!entry.startsWith('.')) walk(join(path, entry));
		} else if (stat.isFile()) out.push(path);
	};
	for (const path of paths) walk(path);
	return out.map(fileSource);
}

/** Documentation that travels with datasets; never data. */
const isDocumentation = (file: SourceFile) =>
	/\.(md|txt)$/i.test(file.name) || /^(license|licence|notice)/i.test(file.name);

export type ImportPlan = { jobs: ImportJob[]; unrecognised: SourceFile[] };

export function planImport(files: SourceFile[], format: FormatId = 'auto'): ImportPlan {
	const jobs: ImportJob[] = [];
	let rest = files.filter((f) => !isDocumentation(f));
	if (format === 'auto' || format === 'oulad') {
		const oulad = claimOulad(rest);
		if (oulad) {
			jobs.push(ouladJob(oulad));
			rest = rest.filter((f) => !oulad.includes(f));
		} else if (format === 'oulad' && rest.length > 0) {
			jobs.push(ouladJob(rest));
			rest = [];
		}
	}
	return { jobs, unrecognised: rest };
}

export async function importFiles(
	db: Db,
	files: SourceFile[],
	{ format = 'auto', ...options }: LoadOptions & { format?: FormatId } = {}
): Promise<{ reports: ImportReport[]; unrecognised: SourceFile[] }> {
	const plan = planImport(files, format);
	const reports: ImportReport[] = [];
	for (const job of plan.jobs) reports.push(await runImportJob(db, job, options));
	return { reports, unrecognised: plan.unrecognised };
}

export { bundledDataPath } from './bundled.ts';
