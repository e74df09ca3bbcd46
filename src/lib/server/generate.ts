// `stackwise generate`: synthetic data at national scale — providers, a catalogue with
// stacking rules shaped like the real training.gov.au packages, learners with the OULAD group mix
// and enrolments with OULAD-like outcomes, timing and gaps (domain/demo/learners.ts) — written as
// Stackwise CSV templates or Arrow files, one learner at a time so ten million rows never sit in
// memory. Everything is labelled generated (origin 'generated', ids `syn-…`, names "(generated)").
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateCatalogue, demoLearnerStream } from '../domain/demo/index.ts';
import type { Provider } from '../domain/types.ts';
import { TableWriter, type TableFormat } from './import/flat/index.ts';
import { TABLE_ORDER, type ImportTable } from './import/records.ts';

export type GenerateOptions = {
	learners: number;
	seed: number;
	outDir: string;
	format?: TableFormat;
	/** Catalogue size (credentials); default grows with the learners, 1,000–5,000. */
	credentials?: number;
	onProgress?: (done: number, total: number) => void;
};

export type GenerateResult = { files: { table: ImportTable; path: string; rows: number }[] };

export async function generateSynthetic({
	learners,
	seed,
	outDir,
	format = 'arrow',
	credentials,
	onProgress
}: GenerateOptions): Promise<GenerateResult> {
	mkdirSync(outDir, { recursive: true });
	const size = credentials ?? Math.min(5000, Math.max(1000, Math.round(learners / 200)));
	const catalogue = generateCatalogue({ seed, credentials: size });
	const writers = Object.fromEntries(
		TABLE_ORDER.map((table) => [
			table,
			new TableWriter(table, join(outDir, `${table}.${format === 'csv' ? 'csv' : 'arrow'}`), format)
		])
	) as Record<ImportTable, TableWriter>;

	const catalogueProviders = [
		...new Set(catalogue.credentials.map((c) => c.providerId).filter((p): p is string => !!p))
	].sort();
	for (const id of catalogueProviders)
		await writers.providers.write({
			id,
			name: `Synthetic provider ${id.replace(/\D+/g, '')} (generated)`,
			kind: 'vet',
			country: 'AU',
			qaApproach: 'regulatory',
			accredited: true,
			origin: 'generated'
		} satisfies Provider);
	for (const c of catalogue.credentials) await writers.credentials.write(c);
	for (const g of catalogue.groups) await writers.requirement_groups.write(g);
	for (const p of catalogue.prerequisites) await writers.prerequisites.write(p);
	for (const r of catalogue.recognitions) await writers.recognitions.write(r);

	let done = 0;
	for (const records of demoLearnerStream({
		seed,
		count: learners,
		catalogue,
		idPrefix: 'syn',
		providers: 20,
		plansPerTarget: 8
	})) {
		for (const p of records.providers) await writers.providers.write(p);
		await writers.learners.write(records.learner);
		for (const e of records.enrolments) await writers.enrolments.write(e);
		for (const a of records.awards) await writers.awards.write(a);
		if (++done % 10_000 === 0) onProgress?.(done, learners);
	}
	onProgress?.(done, learners);
	for (const w of Object.values(writers)) await w.close();
	return {
		files: TABLE_ORDER.map((table) => ({ table, path: writers[table].path, rows: writers[table].rows }))
	};
}
