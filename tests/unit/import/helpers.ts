// Shared helpers for the credential-format tests: fixture paths, collecting a parser's units.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ImportRefusal, type ImportRow, type ParsedUnit } from '../../../src/lib/server/import/records.ts';
import { fileResolver } from '../../../src/lib/server/import/openbadges/resolver.ts';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
/** The instant every expiry in the tests is judged against. */
export const NOW = new Date('2025-06-01T00:00:00Z');

export function fixture(path: string): Uint8Array {
	return new Uint8Array(readFileSync(join(FIXTURES, path)));
}

export function* walk(dir: string): Generator<string> {
	for (const name of readdirSync(dir).sort()) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) yield* walk(path);
		else yield path;
	}
}

/** Fixture files under a folder, relative to the fixtures root. */
export function fixtureFiles(folder: string): string[] {
	return [...walk(join(FIXTURES, folder))].map((p) => relative(FIXTURES, p));
}

/** Resolves the 1EdTech assets the way the validator's test harness serves them (by file name). */
export function openBadgesResolver() {
	return fileResolver(fixtureFiles('open-badges').map((name) => ({ name, bytes: fixture(name) })));
}

export type Collected = { units: ParsedUnit[]; refusal?: ImportRefusal };

/** Runs a parser to the end; an ImportRefusal is caught and returned, anything else is thrown. */
export async function collect(units: AsyncIterable<ParsedUnit>): Promise<Collected> {
	const out: ParsedUnit[] = [];
	try {
		for await (const unit of units) out.push(unit);
	} catch (error) {
		if (error instanceof ImportRefusal) return { units: out, refusal: error };
		throw error;
	}
	return { units: out };
}

export function rowsOf<T extends ImportRow['table']>(
	units: ParsedUnit[],
	table: T
): Extract<ImportRow, { table: T }>['row'][] {
	return units.flatMap((u) =>
		u.kind === 'rows' ? u.rows.filter((r) => r.table === table).map((r) => r.row) : []
	) as never;
}
