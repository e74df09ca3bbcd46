// Same-id conflicts are decided by a rule, not by the order of imports
// (docs/decisions/0009-same-id-conflicts-by-rule.md): an
// unsigned Open Badges 3.0 credential with the id of an imported, verified one (validFrom 2030,
// name changed) turned the award to "failed", dated 2030, and replaced the credential's title and
// description, exiting 0 with no warning; same-id rows within one file were last-write-wins and
// counted as stored twice.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db/client.ts';
import { importFiles } from '../../src/lib/server/import/index.ts';
import { bufferSource } from '../../src/lib/server/import/source.ts';
import { engines } from './engines.ts';

const verified = readFileSync(
	join(import.meta.dirname, '../fixtures/open-badges/ob30/simple-did-key-method.json'),
	'utf8'
);

/** The same credential id, unsigned, from 2030, with another name and description. */
function forged(): string {
	const doc = JSON.parse(verified);
	delete doc.proof;
	doc.validFrom = '2030-01-01T00:00:00Z';
	doc.name = 'Forged';
	doc.credentialSubject.achievement.name = 'Forged achievement';
	doc.credentialSubject.achievement.description = 'Forged description';
	return JSON.stringify(doc);
}

describe.each(engines)('same-id conflicts on $name', (engine) => {
	let db: Db;
	beforeAll(async () => {
		db = await engine.open();
	});
	afterAll(async () => {
		await db?.close();
	});

	const awards = () =>
		db.query<{
			id: string;
			verification: string;
			issued_on: string;
			title: string;
			description: string | null;
		}>(
			sql`select a.id, a.verification, a.issued_on::text as issued_on, c.title, c.description
				from awards a join credentials c on c.id = a.credential_id order by a.id`
		);

	it('keeps the verified award and its credential, and keeps the forged copy as a flagged conflict', async () => {
		const first = await importFiles(db, [bufferSource('badge.json', Buffer.from(verified))]);
		expect(first.reports[0].status).toBe('succeeded');
		const before = await awards();
		expect(before.map((a) => a.verification)).toEqual(['verified']);

		const { reports } = await importFiles(db, [bufferSource('forged.json', Buffer.from(forged()))]);
		const [report] = reports;
		expect(report.status).toBe('succeeded');
		expect(await awards()).toEqual(before);
		const [file] = report.files;
		expect(file.warnings.map((w) => w.message).join('\n')).toMatch(/conflicts with the verified award/);
		const conflicts = await db.query<{ award_id: string; verification: string; import_id: number }>(
			sql`select award_id, version->>'verification' as verification, import_id from award_conflicts`
		);
		expect(conflicts).toEqual([
			{
				award_id: before[0].id,
				verification: expect.not.stringMatching(/^verified$/),
				import_id: report.importId
			}
		]);
		// Reported in the import's history, which /imports shows.
		const [history] = await db.query<{ errors: { message: string }[] }>(
			sql`select errors from imports where id = ${report.importId}`
		);
		expect(history.errors.map((e) => e.message).join('\n')).toMatch(/conflicts with the verified award/);

		// The same forged copy again is the same conflict, not a second one.
		await importFiles(db, [bufferSource('forged.json', Buffer.from(forged()))]);
		expect(await db.query(sql`select 1 from award_conflicts`)).toHaveLength(1);
	});

	it('rejects a row whose id is already on an earlier line of the same file, naming both lines', async () => {
		const { reports } = await importFiles(db, [
			bufferSource('providers.csv', Buffer.from('id,name\ndup-a,First\ndup-b,Other\ndup-a,Second\n'))
		]);
		const [file] = reports[0].files;
		expect(file).toMatchObject({ read: 3, stored: 2, rejected: 1 });
		expect(file.errors).toEqual([
			expect.objectContaining({ line: 4, field: 'id', message: expect.stringMatching(/also on line 2/) })
		]);
		const [row] = await db.query<{ name: string }>(sql`select name from providers where id = 'dup-a'`);
		expect(row.name).toBe('First');
	});

	it('rejects an id repeated thousands of lines later, past the chunk it was first read in', async () => {
		// 12,000 providers (the loader writes 5,000 rows at a time); two come back far later.
		const lines = ['id,name'];
		for (let i = 0; i < 12_000; i++) lines.push(`far-${i},Provider ${i}`);
		lines.push('far-7,Again', 'far-11999,Last again');
		const { reports } = await importFiles(db, [
			bufferSource('far.csv', Buffer.from(lines.join('\n') + '\n'))
		]);
		const [file] = reports[0].files;
		expect(file).toMatchObject({ read: 12_002, stored: 12_000, rejected: 2 });
		expect(file.errors).toEqual([
			expect.objectContaining({
				line: 12_002,
				field: 'id',
				message: expect.stringMatching(/also on line 9 /)
			}),
			expect.objectContaining({
				line: 12_003,
				field: 'id',
				message: expect.stringMatching(/also on line 12001 /)
			})
		]);
		const names = await db.query<{ id: string; name: string }>(
			sql`select id, name from providers where id in ('far-7', 'far-11999') order by id`
		);
		expect(names).toEqual([
			{ id: 'far-11999', name: 'Provider 11999' },
			{ id: 'far-7', name: 'Provider 7' }
		]);
		// The same file again changes nothing and finds the same two lines.
		const again = await importFiles(db, [bufferSource('far.csv', Buffer.from(lines.join('\n') + '\n'))]);
		expect(again.reports[0].files[0]).toMatchObject({ read: 12_002, rejected: 2 });
	});
});
