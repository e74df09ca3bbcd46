// The CSV reader on its own: records, their lines, every line ending, quotes across chunk edges,
// and the refusals that name line and field.
import { describe, expect, it } from 'vitest';
import { neutraliseCsvText } from '../../csv.ts';
import { parseCsv, readCsvFile, type CsvRecord } from './csv.ts';
import { ImportRefusal } from './records.ts';
import { bufferSource } from './source.ts';

async function records(text: string | string[], separator?: string): Promise<CsvRecord[]> {
	const chunks = typeof text === 'string' ? [text] : text;
	const out: CsvRecord[] = [];
	for await (const record of parseCsv(
		(async function* () {
			yield* chunks;
		})(),
		{ file: 't.csv', separator }
	))
		out.push(record);
	return out;
}

async function refusal(run: () => Promise<unknown>) {
	try {
		await run();
	} catch (error) {
		if (error instanceof ImportRefusal) return error.issues;
		throw error;
	}
	expect.unreachable('the file was taken');
}

describe('parseCsv', () => {
	it('reads quoted fields with separators, doubled quotes and line breaks, naming the line each record starts on', async () => {
		const text = 'id,note\n1,"a, b"\n2,"say ""hi"""\n3,"two\nlines"\n4,plain\n';
		expect(await records(text)).toEqual([
			{ line: 1, fields: ['id', 'note'] },
			{ line: 2, fields: ['1', 'a, b'] },
			{ line: 3, fields: ['2', 'say "hi"'] },
			{ line: 4, fields: ['3', 'two\nlines'] },
			{ line: 6, fields: ['4', 'plain'] }
		]);
	});

	it('takes LF, CRLF and CR line ends, mixed in one file, and skips blank lines', async () => {
		expect(await records('a,b\r\n1,2\n\n3,4\r5,6\r\n\r\n7,8\n')).toEqual([
			{ line: 1, fields: ['a', 'b'] },
			{ line: 2, fields: ['1', '2'] },
			{ line: 4, fields: ['3', '4'] },
			{ line: 5, fields: ['5', '6'] },
			{ line: 7, fields: ['7', '8'] }
		]);
	});

	it('detects the separator from the first line: semicolon, tab, pipe', async () => {
		for (const sep of [';', '\t', '|'])
			expect(await records(`a${sep}b\n1,5${sep}2\n`)).toEqual([
				{ line: 1, fields: ['a', 'b'] },
				{ line: 2, fields: ['1,5', '2'] }
			]);
	});

	it('reads the same records however the text is cut into chunks', async () => {
		const text = 'id,note\r\n1,"a ""q"", b"\r\n2,"x\r\ny"\r\n\r\n3,z';
		const whole = await records(text);
		for (let cut = 1; cut < text.length; cut++)
			expect(await records([text.slice(0, cut), text.slice(cut)]), `cut at ${cut}`).toEqual(whole);
		for (let size = 1; size <= 4; size++) {
			const pieces = Array.from({ length: Math.ceil(text.length / size) }, (_, i) =>
				text.slice(i * size, (i + 1) * size)
			);
			expect(await records(pieces), `chunks of ${size}`).toEqual(whole);
		}
	});

	it('marks a last record that no line end closes, and keeps an empty last field', async () => {
		expect(await records('a,b\n1,')).toEqual([
			{ line: 1, fields: ['a', 'b'] },
			{ line: 2, fields: ['1', ''], unterminated: true }
		]);
	});

	it('refuses a file that ends inside quotes, naming the line the record starts on', async () => {
		expect(await refusal(() => records('a,b\n1,2\n3,"open\nstill open'))).toEqual([
			{
				file: 't.csv',
				line: 3,
				message: 'the file ends inside a quoted field (truncated?)'
			}
		]);
	});

	it('reads a cell the app’s own CSV writer neutralised back as it was', async () => {
		const formula = '=HYPERLINK("x")';
		const text = `a\n"${neutraliseCsvText(formula).replaceAll('"', '""')}"\n`;
		expect((await records(text))[1].fields).toEqual([formula]);
	});
});

describe('readCsvFile', () => {
	const read = async (text: string, options: Parameters<typeof readCsvFile>[1] = {}) => {
		const out = [];
		for await (const row of readCsvFile(bufferSource('t.csv', new TextEncoder().encode(text)), options))
			out.push(row);
		return out;
	};

	it('keys rows by the trimmed, renamed header, and reports a row of the wrong width as an issue', async () => {
		expect(await read(' id , Region\n1,north\n2\n', { rename: { Region: 'region' } })).toEqual([
			{ line: 2, values: { id: '1', region: 'north' } },
			{
				line: 3,
				issue: { file: 't.csv', line: 3, field: 'region', message: 'expected 2 fields, found 1' }
			}
		]);
	});

	it('refuses a missing required column, an unknown column and an empty file, naming each', async () => {
		expect(await refusal(() => read('id\n1\n', { required: ['id', 'status'] }))).toEqual([
			{
				file: 't.csv',
				line: 1,
				field: 'status',
				message: 'required column "status" is missing from the header'
			}
		]);
		const unknown = await refusal(() =>
			read('id,colour\n1,red\n', { known: { table: 'learners', columns: ['id'] } })
		);
		expect(unknown).toMatchObject([{ file: 't.csv', line: 1, field: 'colour' }]);
		expect(await refusal(() => read(''))).toEqual([
			{ file: 't.csv', message: 'the file is empty (no header line)' }
		]);
	});

	it('refuses a file cut off in the middle of its last row, naming the column it stops at', async () => {
		const issues = await refusal(() => read('id,status,result\n1,completed'));
		expect(issues).toMatchObject([{ file: 't.csv', line: 2, field: 'result' }]);
		expect(issues![0].message).toMatch(/ends in the middle of a row/);
	});

	it('names the column of a quoted field the file ends inside', async () => {
		expect(await refusal(() => read('id,note\n1,"never closed\n'))).toEqual([
			{
				file: 't.csv',
				line: 2,
				field: 'note',
				message: 'the file ends inside a quoted field (truncated?)'
			}
		]);
	});
});
