// Encoding, delimiter and line-ending detection (docs/decisions/0011-refuse-partial-files.md, for
// UTF-16 and Latin-1): what a file's first bytes say, and what is refused with the encoding named.
import { describe, expect, it } from 'vitest';
import { ImportRefusal } from '../../../src/lib/server/import/records.ts';
import { bufferSource, textChunks, textLayout } from '../../../src/lib/server/import/source.ts';
import {
	describeLayout,
	detectDelimiter,
	detectLineEnding,
	sniffEncoding
} from '../../../src/lib/server/import/text-layout.ts';

const utf16 = (text: string, order: 'le' | 'be', bom = true) => {
	const le = Buffer.from(text, 'utf16le');
	if (order === 'be') le.swap16();
	const mark = order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff];
	return Buffer.concat([Buffer.from(bom ? mark : []), le]);
};

async function read(name: string, bytes: Uint8Array) {
	let text = '';
	for await (const chunk of textChunks(bufferSource(name, bytes))) text += chunk;
	return text;
}

const sample = 'id;name\r\nmü-1;Zoë Ångström\r\n';

describe('text layout', () => {
	it('decodes UTF-8 with and without a BOM, UTF-16 in both byte orders (BOM or none) and Latin-1 to the same text', async () => {
		const cases: [string, Uint8Array, string][] = [
			['UTF-8', Buffer.from(sample, 'utf8'), 'UTF-8'],
			['UTF-8 BOM', Buffer.from('\uFEFF' + sample, 'utf8'), 'UTF-8 with BOM'],
			['UTF-16LE', utf16(sample, 'le'), 'UTF-16LE'],
			['UTF-16BE', utf16(sample, 'be'), 'UTF-16BE'],
			['UTF-16LE no BOM', utf16(sample, 'le', false), 'UTF-16LE'],
			['UTF-16BE no BOM', utf16(sample, 'be', false), 'UTF-16BE'],
			['Latin-1', Buffer.from(sample, 'latin1'), 'Latin-1']
		];
		for (const [name, bytes, encoding] of cases) {
			expect(await read(`${name}.csv`, bytes), name).toBe(sample);
			expect(await textLayout(bufferSource(`${name}.csv`, bytes)), name).toEqual({
				encoding,
				delimiter: ';',
				lineEnding: 'CRLF'
			});
		}
	});

	it('refuses UTF-32 and binary files, naming what they are', async () => {
		const utf32 = Buffer.from([0xff, 0xfe, 0, 0, 0x61, 0, 0, 0]);
		await expect(read('wide.csv', utf32)).rejects.toThrow(
			/wide\.csv: is UTF-32LE text .*UTF-8, UTF-16 or Latin-1/
		);
		const binary = Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 7, 0, 0, 0, 9, 9, 9]);
		await expect(read('book.csv', binary)).rejects.toBeInstanceOf(ImportRefusal);
		expect(() => sniffEncoding(binary, 'book.csv')).toThrow('holds zero bytes: it is binary, not text');
	});

	it('tells the delimiter from the header line, quotes and a tab inside a cell notwithstanding', () => {
		expect(detectDelimiter('a,b,c\n1;2;3')).toBe(',');
		expect(detectDelimiter('Course;Daytime/evening attendance\t;Gender;Target')).toBe(';');
		expect(detectDelimiter('a\tb\tc')).toBe('\t');
		expect(detectDelimiter('a|b|c')).toBe('|');
		expect(detectDelimiter('"a;b";c,d,e')).toBe(',');
		expect(detectDelimiter('single')).toBe(',');
	});

	it('names line endings: CRLF, LF, CR, mixed, a single line', () => {
		expect(detectLineEnding('a\r\nb\r\n')).toBe('CRLF');
		expect(detectLineEnding('a\nb\n')).toBe('LF');
		expect(detectLineEnding('a\rb\r')).toBe('CR');
		expect(detectLineEnding('a\r\nb\nc')).toBe('mixed');
		expect(detectLineEnding('a,b')).toBe('none');
		// A head cut between the CR and the LF of its last line.
		expect(detectLineEnding('a\r\nb\r')).toBe('CRLF');
		expect(describeLayout({ encoding: 'UTF-8 with BOM', delimiter: ';', lineEnding: 'CRLF' })).toBe(
			'UTF-8 with BOM, semicolon-separated, CRLF line endings'
		);
	});
});
