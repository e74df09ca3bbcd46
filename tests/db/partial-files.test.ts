// Partial and mismatched files are refused whole, like PostgreSQL's COPY
// (docs/decisions/0011-refuse-partial-files.md):
// a CSV cut off mid-row stored its complete rows and said "succeeded"; a header naming no field
// but `id` stored learners with every attribute "not stated"; so did an Arrow file whose metadata
// names the wrong table; a training.gov.au document refused as a whole exited 0, "succeeded".
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { RecordBatchFileWriter } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db/client.ts';
import { arrowSchema, recordBatch } from '../../src/lib/server/import/flat/arrow-types.ts';
import { importFiles } from '../../src/lib/server/import/index.ts';
import { countRows } from '../../src/lib/server/import/loader.ts';
import { bufferSource } from '../../src/lib/server/import/source.ts';
import { engines } from './engines.ts';

const XXE_TGA =
	'<?xml version="1.0"?>\n<!DOCTYPE AuthorIT [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n' +
	'<AuthorIT><Objects><Topic><Object><Description>&xxe;</Description></Object></Topic></Objects></AuthorIT>\n';

describe.each(engines)('partial files on $name', (engine) => {
	let db: Db;
	beforeAll(async () => {
		db = await engine.open();
	});
	afterAll(async () => {
		await db?.close();
	});

	const importOne = async (name: string, bytes: Uint8Array | string) => {
		const before = await countRows(db);
		const { reports } = await importFiles(db, [
			bufferSource(name, typeof bytes === 'string' ? Buffer.from(bytes) : bytes)
		]);
		expect(reports).toHaveLength(1);
		return { report: reports[0], before, after: await countRows(db) };
	};

	it('refuses a CSV whose last row is cut off, storing none of its complete rows', async () => {
		const { report, before, after } = await importOne(
			'providers.csv',
			'id,name,kind,country\ncut-1,Cut One,vet,AU\ncut-2,Cut Two,vet,AU\ncut-3,Cut Th'
		);
		expect(report.status).toBe('refused');
		expect(report.refusal[0]).toMatchObject({ file: 'providers.csv', line: 4 });
		expect(report.refusal[0].message).toMatch(/ends in the middle of a row/);
		expect(after).toEqual(before);
		// The two complete rows were read and are rejected with the file; the cut one is named above.
		expect(report.files[0]).toMatchObject({ read: 2, stored: 0, rejected: 2 });
	});

	it('still takes a complete last row without a line end, and a short row in the middle as a rejected row', async () => {
		const { report } = await importOne(
			'providers.csv',
			'id,name,kind,country\nwhole-1,Whole One,vet,AU\nwhole-2,Whole\nwhole-3,Whole Three,vet,AU'
		);
		expect(report.status).toBe('succeeded');
		expect(report.files[0]).toMatchObject({ read: 3, stored: 2, rejected: 1 });
	});

	it('refuses a header with a column that maps to no field of its table, naming it', async () => {
		const { report, before, after } = await importOne('people.csv', 'id,foo,bar\nghost-1,x,y\n');
		expect(report.status).toBe('refused');
		expect(report.refusal.map((i) => [i.line, i.field])).toEqual([
			[1, 'foo'],
			[1, 'bar']
		]);
		expect(report.refusal[0].message).toMatch(/not a field of learners/);
		expect(after).toEqual(before);
	});

	it('refuses an Arrow file whose metadata names a table its columns are not of', async () => {
		const schema = arrowSchema('credentials');
		schema.metadata.set('stackwise.table', 'learners');
		const batch = recordBatch(schema, 'credentials', [
			{ id: 'arrow-mismatch', provider_id: null, title: 'Mismatched', origin: 'real' }
		]);
		const bytes = RecordBatchFileWriter.writeAll([batch]).toUint8Array(true);
		const { report, before, after } = await importOne('mismatch.arrow', bytes);
		expect(report.status).toBe('refused');
		expect(report.refusal.map((i) => i.field)).toContain('title');
		expect(report.refusal[0].message).toMatch(/not a field of learners/);
		expect(after).toEqual(before);
	});

	it('fails the import of a document refused as a whole (an XXE training.gov.au file)', async () => {
		const { report, before, after } = await importOne('CPC-XXE_R1.xml', XXE_TGA);
		expect(report.format).toBe('tga');
		expect(report.status).toBe('refused');
		expect(report.refusal.length).toBeGreaterThan(0);
		expect(after).toEqual(before);
	});
});

describe('the CLI on a refused document', () => {
	const dir = mkdtempSync(join(tmpdir(), 'stackwise-partial-'));
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('exits 1 for an XXE training.gov.au document, as for any refused input', async () => {
		writeFileSync(join(dir, 'CPC-XXE_R1.xml'), XXE_TGA);
		const result = await promisify(execFile)(
			process.execPath,
			['scripts/stackwise.js', 'import', join(dir, 'CPC-XXE_R1.xml'), '--json'],
			{
				env: {
					...process.env,
					STACKWISE_DATA_DIR: join(dir, 'data'),
					DATABASE_URL: '',
					STACKWISE_SEED: 'none'
				}
			}
		).then(
			() => ({ code: 0 }),
			(e: { code: number }) => ({ code: e.code })
		);
		expect(result.code).toBe(1);
	});
});
