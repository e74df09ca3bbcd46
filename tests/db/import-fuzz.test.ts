// Fuzzed tabular imports on every engine, giant fields among them
// (docs/decisions/0010-import-size-limits.md): a one-row
// CSV with a 50 MB field was stored at a 1.96 GB peak, and a 200 MB one ran the CLI out of memory.
// Files are generated as they are read, so the test holds none of them; the process's resident
// memory is sampled at every chunk the importer reads, and its growth is asserted to stay under a
// bound whatever the file's size (a bound on memory, never a time).
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db/client.ts';
import { importFiles } from '../../src/lib/server/import/index.ts';
import { FIELD_LIMIT_CHARS } from '../../src/lib/server/import/limits.ts';
import { countRows } from '../../src/lib/server/import/loader.ts';
import type { SourceFile } from '../../src/lib/server/import/source.ts';
import { engines } from './engines.ts';

/** Resident memory may grow this much while a file is imported, however large the file. */
const MEMORY_BOUND_BYTES = 256 * 1024 * 1024;
const CHUNK = 64 * 1024;

/** A part of a generated file: text as it is, or `fill` repeated to `chars` characters. */
type Part = string | { fill: string; chars: number };

/** A file made as it is read, in 64 KiB chunks; `sample` hears each chunk (the memory probe). */
function generatedFile(name: string, parts: Part[], sample: () => void = () => {}): SourceFile {
	const size = parts.reduce((n, p) => n + (typeof p === 'string' ? Buffer.byteLength(p) : p.chars), 0);
	async function* chunks(): AsyncGenerator<Buffer> {
		for (const part of parts) {
			if (typeof part === 'string') {
				sample();
				yield Buffer.from(part);
				continue;
			}
			const block = Buffer.from(part.fill.repeat(Math.ceil(CHUNK / part.fill.length)).slice(0, CHUNK));
			for (let left = part.chars; left > 0; left -= CHUNK) {
				sample();
				yield left >= CHUNK ? block : block.subarray(0, left);
			}
		}
	}
	return {
		path: name,
		name,
		size,
		raw: chunks,
		bytes: (onStored) =>
			(async function* () {
				for await (const chunk of chunks()) {
					onStored?.(chunk.length);
					yield chunk;
				}
			})()
	};
}

/** Imports `parts` as one file and returns the report and the peak growth of resident memory. */
async function importMeasured(db: Db, name: string, parts: Part[]) {
	const baseline = process.memoryUsage().rss;
	let peak = baseline;
	const sample = () => {
		peak = Math.max(peak, process.memoryUsage().rss);
	};
	const { reports, unrecognised } = await importFiles(db, [generatedFile(name, parts, sample)]);
	sample();
	return { report: reports[0], unrecognised, growth: peak - baseline };
}

const MB = 1024 * 1024;

describe.each(engines)('fuzzed tabular imports on $name', (engine) => {
	let db: Db;
	beforeAll(async () => {
		db = await engine.open();
	});
	afterAll(async () => {
		await db?.close();
	});

	it('refuses a one-row CSV with a 50 MB field, naming file, line and column, with memory flat', async () => {
		const before = await countRows(db);
		const { report, growth } = await importMeasured(db, 'learners.csv', [
			'id,gender,region\ngiant-1,F,',
			{ fill: 'North ', chars: 50 * MB },
			'\n'
		]);
		expect(report.status).toBe('refused');
		expect(report.refusal[0]).toMatchObject({ file: 'learners.csv', line: 2, field: 'region' });
		expect(report.refusal[0].message).toMatch(/longer than the limit/);
		expect(await countRows(db)).toEqual(before);
		expect(growth).toBeLessThan(MEMORY_BOUND_BYTES);
	});

	it('ends every fuzzed file cleanly: refused whole or rows counted, giant fields refused, memory bounded', async () => {
		const row = fc.record({
			id: fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/),
			name: fc.oneof(
				fc.string({ maxLength: 40 }),
				fc.constantFrom('=1+2', '"quoted, with comma"', '', 'Ümlaut Ñame', '\u0000nul')
			),
			kind: fc.constantFrom('vet', 'higher', 'other', 'not-a-kind', ''),
			country: fc.constantFrom('AU', 'GB', 'XX', '')
		});
		const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
		await fc.assert(
			fc.asyncProperty(
				fc.array(row, { minLength: 1, maxLength: 30 }),
				// A giant field at some row, of up to 60 MB, or none.
				fc.option(
					fc.record({ at: fc.nat(), chars: fc.integer({ min: FIELD_LIMIT_CHARS + 1, max: 60 * MB }) })
				),
				// Where the file is cut off (a fraction of its text), or not.
				fc.option(fc.double({ min: 0.05, max: 0.999, noNaN: true })),
				async (rows, giant, cut) => {
					const before = await countRows(db);
					const lines = rows.map((r) => [r.id, r.name, r.kind, r.country].map(csvCell).join(','));
					let text = 'id,name,kind,country\n' + lines.map((l) => l + '\n').join('');
					if (cut !== null) text = text.slice(0, Math.max(1, Math.floor(text.length * cut)));
					const parts: Part[] = [text];
					if (giant) {
						const at = giant.at % rows.length;
						const head =
							'id,name,kind,country\n' +
							lines
								.slice(0, at)
								.map((l) => l + '\n')
								.join('');
						parts.splice(0, 1, head + `fuzz-giant-${at},`, { fill: 'x', chars: giant.chars }, ',vet,AU\n');
					}
					const { report, unrecognised, growth } = await importMeasured(db, 'providers.csv', parts);
					expect(growth).toBeLessThan(MEMORY_BOUND_BYTES);
					// A zero byte makes the file binary, not text (text-layout.ts, as git decides): it is
					// not read as a CSV at all, and nothing is stored.
					if (
						Buffer.from(parts[0] as string)
							.subarray(0, 4096)
							.includes(0)
					) {
						expect(report).toBeUndefined();
						expect(unrecognised.map((f) => f.name)).toEqual(['providers.csv']);
						expect(await countRows(db)).toEqual(before);
						return;
					}
					expect(['succeeded', 'refused']).toContain(report.status);
					for (const f of report.files) expect(f.read).toBe(f.stored + f.rejected);
					if (report.status === 'refused') expect(await countRows(db)).toEqual(before);
					if (giant) {
						expect(report.status).toBe('refused');
						expect(report.refusal[0]).toMatchObject({ file: 'providers.csv', field: 'name' });
					}
				}
			),
			{ seed: 33, numRuns: 12 }
		);
		// Nothing giant was stored.
		const [longest] = await db.query<{ n: number | null }>(sql`select max(length(name)) as n from providers`);
		expect(Number(longest.n ?? 0)).toBeLessThanOrEqual(FIELD_LIMIT_CHARS);
	});
});
