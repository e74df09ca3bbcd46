// Bad input is refused with file, line and field named, and the database is left as it was.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledDataPath, importFiles } from '../../src/lib/server/import/index.ts';
import { countRows } from '../../src/lib/server/import/loader.ts';
import { bufferSource } from '../../src/lib/server/import/source.ts';
import type { Db } from '../../src/lib/server/db/client.ts';
import { engines } from './engines.ts';

const bundled = (name: string) =>
	gunzipSync(readFileSync(`${bundledDataPath()}/${name}.gz`)).toString('utf8');

/** A small real slice of OULAD: courses whole, the first `n` studentInfo rows and their registrations. */
function slice(n: number) {
	const info = bundled('studentInfo.csv')
		.split('\r\n')
		.slice(0, n + 1);
	const keys = new Set(info.slice(1).map((line) => line.split(',').slice(0, 3).join(',')));
	const registration = bundled('studentRegistration.csv')
		.split('\r\n')
		.filter((line, i) => i === 0 || keys.has(line.split(',').slice(0, 3).join(',')));
	return {
		courses: bundled('courses.csv'),
		info: info.join('\r\n') + '\r\n',
		registration: registration.join('\r\n') + '\r\n'
	};
}

const files = (parts: { courses: string; info: string; registration: string }) => [
	bufferSource('courses.csv', Buffer.from(parts.courses)),
	bufferSource('studentInfo.csv', Buffer.from(parts.info)),
	bufferSource('studentRegistration.csv', Buffer.from(parts.registration))
];

describe.each(engines)('OULAD bad input on $name', (engine) => {
	let db: Db;
	let before: Record<string, number>;
	beforeAll(async () => {
		db = await engine.open();
		// Start from a loaded slice so "unchanged" means more than "still empty".
		const { reports } = await importFiles(db, files(slice(200)));
		expect(reports[0].status).toBe('succeeded');
		before = await countRows(db);
		expect(before.enrolments).toBe(200);
	});
	afterAll(async () => {
		await db?.close();
	});

	// A broken download ends mid-row: inside a quoted value, or between two values.
	it.each([
		['inside a quoted value', 25, /ends inside a quoted field/, 'age_band'],
		['between values', 7, /expected 12 fields, found 11/, 'final_result']
	])('refuses a file truncated %s, naming file, line and field', async (_, cutChars, message, field) => {
		const good = slice(400);
		const cut = good.info.slice(0, good.info.length - 2 - (cutChars as number));
		const { reports } = await importFiles(db, files({ ...good, info: cut }));
		const [report] = reports;
		expect(report.status).toBe('refused');
		const info = report.files.find((f) => f.path === 'studentInfo.csv')!;
		expect(info.errors[0]).toMatchObject({
			file: 'studentInfo.csv',
			line: 401,
			field,
			message: expect.stringMatching(message)
		});
		expect(info.stored).toBe(0);
		expect(info.read).toBe(info.rejected);
		expect(await countRows(db)).toEqual(before);
	});

	it('refuses a file with a missing column', async () => {
		const good = slice(300);
		const lines = good.info.split('\r\n');
		const dropped = lines
			.map((line) =>
				line
					.split(',')
					.filter((_, i) => i !== 11)
					.join(',')
			)
			.join('\r\n');
		const { reports } = await importFiles(db, files({ ...good, info: dropped }));
		expect(reports[0].status).toBe('refused');
		expect(reports[0].refusal[0]).toMatchObject({ file: 'studentInfo.csv', line: 1, field: 'final_result' });
		expect(reports[0].refusal[0].message).toMatch(/missing/);
		expect(await countRows(db)).toEqual(before);
	});

	it('refuses a non-numeric day', async () => {
		const good = slice(300);
		const lines = good.registration.split('\r\n');
		// Line 58 of the file: the 57th registration; its withdrawal day becomes text.
		const fields = lines[57].split(',');
		fields[4] = '"twelve"';
		lines[57] = fields.join(',');
		const { reports } = await importFiles(db, files({ ...good, registration: lines.join('\r\n') }));
		const [report] = reports;
		expect(report.status).toBe('refused');
		const registration = report.files.find((f) => f.path === 'studentRegistration.csv')!;
		expect(registration.errors).toEqual([
			{
				file: 'studentRegistration.csv',
				line: 58,
				field: 'date_unregistration',
				message: '"twelve" is not a whole number of days'
			}
		]);
		for (const file of report.files) expect(file.read).toBe(file.stored + file.rejected);
		expect(await countRows(db)).toEqual(before);
	});

	it('refuses an unknown final result and a presentation missing from courses.csv', async () => {
		const good = slice(300);
		const lines = good.info.split('\r\n');
		lines[10] = lines[10].replace(/"[A-Za-z]+"$/, '"Passed"');
		lines[20] = lines[20].replace('"2013J"', '"2019J"');
		const { reports } = await importFiles(db, files({ ...good, info: lines.join('\r\n') }));
		const info = reports[0].files.find((f) => f.path === 'studentInfo.csv')!;
		expect(info.errors.map((e) => [e.line, e.field])).toEqual([
			[11, 'final_result'],
			[21, 'code_presentation']
		]);
		expect(await countRows(db)).toEqual(before);
	});

	it('stores nothing when stopped half way', async () => {
		const controller = new AbortController();
		const { reports } = await importFiles(db, files(slice(20000)), {
			signal: controller.signal,
			onProgress: (p) => {
				if (p.phase === 'writing') controller.abort();
			}
		});
		expect(reports[0].status).toBe('aborted');
		expect(await countRows(db)).toEqual(before);
	});
});
