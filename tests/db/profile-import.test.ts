// Bring your own extract (docs/decisions/0014-mapping-profiles-for-wide-extracts.md): a wide student-record file read through a mapping profile on
// both engines, with the figures counted by hand from the fixture (tests/fixtures/profile/README.md);
// and ordinary template CSVs in UTF-16 and Latin-1, their layout stated in the report.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/lib/server/db/client.ts';
import { collectFiles, importFiles } from '../../src/lib/server/import/index.ts';
import { countRows } from '../../src/lib/server/import/loader.ts';
import { parseProfile, type Profile } from '../../src/lib/server/import/profile/profile.ts';
import { bufferSource } from '../../src/lib/server/import/source.ts';
import { getCompletionCounts } from '../../src/lib/server/queries/completion.ts';
import { SYSTEM } from '../../src/lib/server/queries/scope.ts';
import { engines } from './engines.ts';

const fixtures = join(import.meta.dirname, '../fixtures/profile');
const extract = join(fixtures, 'student-extract.csv');
const parsed = parseProfile(JSON.parse(readFileSync(join(fixtures, 'student-extract.profile.json'), 'utf8')));
if ('problems' in parsed) throw new Error(parsed.problems.join('\n'));
const profile: Profile = parsed.profile;

describe.each(engines)('a wide extract through a mapping profile on $name', (engine) => {
	let db: Db;
	beforeAll(async () => {
		db = await engine.open();
	});
	afterAll(async () => {
		await db?.close();
	});

	it('stores every mapped row and rejects the one whose outcome is not in the map, by file, line, field and value', async () => {
		const { reports } = await importFiles(db, collectFiles([extract]), { profile });
		expect(reports.map((r) => [r.format, r.status])).toEqual([['profile', 'succeeded']]);
		const [file] = reports[0].files;
		// 25 data rows: 24 mapped, 1 "Transfer" (line 14: the header is line 1).
		expect(file).toMatchObject({ read: 25, stored: 24, rejected: 1 });
		expect(file.errors).toEqual([
			{
				file: extract,
				line: 14,
				field: 'status',
				message:
					'"Transfer" (column "Target") is not in the profile\'s map ("Graduate", "Dropout", "Enrolled")'
			}
		]);
		expect(file.text).toEqual({ encoding: 'UTF-8 with BOM', delimiter: ';', lineEnding: 'CRLF' });
		// 24 learners and enrolments, 12 graduates' awards, 3 courses, 1 provider.
		expect(await countRows(db)).toMatchObject({
			providers: 1,
			credentials: 3,
			learners: 24,
			enrolments: 24,
			awards: 12
		});
		const [learner] = await db.query<{ id: string; gender: string }>(
			sql`select id, gender from learners where id = 'harbour-1'`
		);
		expect(learner).toEqual({ id: 'harbour-1', gender: 'F' });
	});

	it('gives the hand-counted completion rate and in-progress count, overall and by gender', async () => {
		const filters = { providerId: 'harbour-poly' };
		for (const source of ['base', 'rollups'] as const) {
			// Graduate 12, Dropout 7, Enrolled 5 of the 24 stored rows: 12 of 19 with a known outcome.
			expect(await getCompletionCounts(db, { scope: SYSTEM, filters, source })).toEqual([
				{ groups: [], completed: 12, known: 19, inProgress: 5, learners: 24 }
			]);
			// Gender 0 → F: 7 Graduate, 3 Dropout, 2 Enrolled; 1 → M: 5, 4, 3.
			expect(await getCompletionCounts(db, { scope: SYSTEM, filters, source, by: ['gender'] })).toEqual([
				{ groups: ['F'], completed: 7, known: 10, inProgress: 2, learners: 12 },
				{ groups: ['M'], completed: 5, known: 9, inProgress: 3, learners: 12 }
			]);
		}
	});

	it('changes nothing when the same extract is imported again', async () => {
		const { reports } = await importFiles(db, collectFiles([extract]), { profile });
		expect(reports[0].files[0]).toMatchObject({ read: 25, stored: 24, rejected: 1 });
		for (const change of Object.values(reports[0].changed))
			expect(change).toEqual({ inserted: 0, updated: 0 });
	});

	it('refuses the whole file when a profile names a column the header lacks, listing the header', async () => {
		const wrong = { ...profile, fields: { ...profile.fields, gender: { column: 'Sex' } } };
		const { reports } = await importFiles(db, collectFiles([extract]), { profile: wrong });
		expect(reports[0].status).toBe('refused');
		expect(reports[0].refusal.map((i) => i.message)).toEqual([
			'fields.gender: no column "Sex" in the header',
			expect.stringContaining('"Daytime/evening attendance", "Nacionality", "Gender"')
		]);
	});

	it('reads template CSVs written in UTF-16 or Latin-1 and says so in the report', async () => {
		const text = (id: string) =>
			'id,gender,age_band,disability,deprivation_band,region,prior_education\r\n' +
			`${id},F,0-35,N,20-30%,Região Norte,Licenciatura em Gestão\r\n`;
		const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text('enc-16'), 'utf16le')]);
		const latin1 = Buffer.from(text('enc-l1').replace(/,/g, ';'), 'latin1');
		const { reports } = await importFiles(db, [
			bufferSource('learners-utf16.csv', utf16),
			bufferSource('learners-latin1.csv', latin1)
		]);
		expect(reports.map((r) => [r.format, r.status])).toEqual([['csv', 'succeeded']]);
		expect(reports[0].files.map((f) => [f.path, f.stored, f.text])).toEqual([
			['learners-utf16.csv', 1, { encoding: 'UTF-16LE', delimiter: ',', lineEnding: 'CRLF' }],
			['learners-latin1.csv', 1, { encoding: 'Latin-1', delimiter: ';', lineEnding: 'CRLF' }]
		]);
		const rows = await db.query<{ region: string; prior_education: string }>(
			sql`select region, prior_education from learners where id in ('enc-16', 'enc-l1') order by id`
		);
		expect(rows).toEqual([
			{ region: 'Região Norte', prior_education: 'Licenciatura em Gestão' },
			{ region: 'Região Norte', prior_education: 'Licenciatura em Gestão' }
		]);
	});
});
