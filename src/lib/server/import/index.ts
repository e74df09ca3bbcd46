// The import entry point shared by the CLI, the app's start-up seed and the /imports page:
// collect files, recognise each format, run one all-or-nothing job per format group.
import { audit } from '../auth/audit.ts';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/client.ts';
import {
	countRollupsAfter,
	recordReport,
	runImportJob,
	type ImportJob,
	type ImportReport,
	type LoadOptions
} from './loader.ts';
import { claimOulad, ouladJob, ouladUnused } from './oulad/index.ts';
import { arrowJob, arrowTable, isArrow, csvJob, csvTable, type ColumnMap } from './flat/index.ts';
import type { ImportTable } from './records.ts';
import { fileSource, type SourceFile } from './source.ts';
import { profileJob, type Profile } from './profile/index.ts';
import { DOCUMENT_FORMATS, planDocuments, type DocumentFormat } from './documents.ts';

export const FORMAT_IDS = [
	'auto',
	'oulad',
	'csv',
	'ob',
	'clr',
	'elm',
	'ctdl',
	'tga',
	'vp',
	'vc',
	'badgr',
	'pathway-csv',
	'arrow'
] as const;
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
export const isDocumentation = (file: SourceFile) =>
	/\.(md|txt)$/i.test(file.name) || /^(license|licence|notice)/i.test(file.name);

/** A file recognised as part of a dataset and left out on purpose, with why. */
export type SkippedFile = { file: SourceFile; format: FormatId; reason: string };

export type ImportPlan = { jobs: ImportJob[]; unrecognised: SourceFile[]; skipped: SkippedFile[] };

export type PlanOptions = {
	format?: FormatId;
	map?: ColumnMap;
	/** A mapping profile: every file is a wide extract read through it (profile/profile.ts). */
	profile?: Profile;
};

/**
 * Which format reads which files. Recognition is by content (CSV headers, Arrow magic bytes) or,
 * for OULAD, by its file names; a format given with --format takes every file.
 */
export async function planImport(
	files: SourceFile[],
	{ format = 'auto', map = {}, profile }: PlanOptions = {}
): Promise<ImportPlan> {
	const jobs: ImportJob[] = [];
	let rest = files.filter((f) => !isDocumentation(f));
	if (profile)
		return { jobs: rest.length > 0 ? [profileJob(rest, profile)] : [], unrecognised: [], skipped: [] };
	const skipped: SkippedFile[] = [];
	const take = (taken: SourceFile[]) => (rest = rest.filter((f) => !taken.includes(f)));

	if (format === 'auto' || format === 'oulad') {
		const oulad = claimOulad(rest);
		const unused = ouladUnused(rest);
		skipped.push(...unused.map((u) => ({ ...u, format: 'oulad' as const })));
		take(unused.map((u) => u.file));
		if (oulad) {
			jobs.push(ouladJob(oulad));
			take(oulad);
		} else if (format === 'oulad' && rest.length > 0) {
			jobs.push(ouladJob(rest));
			take(rest);
		}
	}
	if (format === 'auto' || format === 'arrow') {
		const arrow: { file: SourceFile; table?: ImportTable }[] = [];
		for (const file of rest)
			if (format === 'arrow' || (await isArrow(file))) arrow.push({ file, table: await arrowTable(file) });
		if (arrow.length > 0) {
			jobs.push(arrowJob(arrow));
			take(arrow.map((a) => a.file));
		}
	}
	if (format === 'auto' || format === 'csv') {
		const csv: { file: SourceFile; table: ImportTable }[] = [];
		for (const file of rest) {
			const table = await csvTable(file, map);
			if (table) csv.push({ file, table });
		}
		if (csv.length > 0) {
			jobs.push(csvJob(csv, map));
			take(csv.map((c) => c.file));
		}
	}
	if (format === 'auto' || (DOCUMENT_FORMATS as readonly string[]).includes(format)) {
		const documents = await planDocuments(rest, format === 'auto' ? undefined : (format as DocumentFormat));
		// Catalogue documents first: the datasets above may refer to them, and badges may.
		const catalogue = (j: ImportJob) => ['tga', 'ctdl', 'badgr', 'pathway-csv'].includes(j.format);
		jobs.unshift(...documents.jobs.filter(catalogue));
		jobs.push(...documents.jobs.filter((j) => !catalogue(j)));
		take(documents.claimed);
	}
	return { jobs, unrecognised: rest, skipped };
}

export async function importFiles(
	db: Db,
	files: SourceFile[],
	{ format = 'auto', map, profile, ...options }: LoadOptions & PlanOptions = {}
): Promise<{ reports: ImportReport[]; unrecognised: SourceFile[]; skipped: SkippedFile[] }> {
	const plan = await planImport(files, { format, map, profile });
	const reports: ImportReport[] = [];
	// Several imports in one call (a folder of 25 training.gov.au documents, say) count the
	// dashboards' sums once at the end rather than once each, unless the caller counts itself.
	const countAtEnd = plan.jobs.length > 1 && !options.deferRollupCount;
	for (const job of plan.jobs)
		reports.push(
			await runImportJob(db, job, { ...options, deferRollupCount: options.deferRollupCount || countAtEnd })
		);
	const pending = reports.filter((r) => r.rollups === 'pending');
	if (countAtEnd && pending.length > 0) {
		const source = options.source ?? files.map((f) => f.path).join(', ');
		await countRollupsAfter(db, pending, source);
		const last = pending[pending.length - 1];
		if (last.rollupsIssue) await recordReport(db, last);
	}
	// Who imported what, and how it ended: the audit log's import entry (web upload, CLI, seeding).
	if (reports.length > 0)
		await audit(db, {
			userId: options.userId ?? null,
			action: 'import',
			detail: {
				source: options.source ?? files.map((f) => f.path).join(', '),
				imports: reports.map((r) => ({ id: r.importId, format: r.format, status: r.status }))
			}
		});
	return { reports, unrecognised: plan.unrecognised, skipped: plan.skipped };
}

export { bundledDataPath } from './bundled.ts';
