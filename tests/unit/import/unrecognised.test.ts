import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../../src/lib/server/import/source.ts';
import { unrecognisedMessage } from '../../../src/lib/server/import/unrecognised.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('unrecognisedMessage', () => {
	it('says why a .csv file with a zero byte is not read: binary, not text', async () => {
		const message = await unrecognisedMessage(bufferSource('providers.csv', bytes('id,name\n1,a\u0000b\n')));
		expect(message).toMatch(/zero bytes: it is binary, not text/);
		expect(message).not.toMatch(/not a format Stackwise recognises/);
	});
	it('offers a mapping profile for delimited text that is no template', async () => {
		const message = await unrecognisedMessage(bufferSource('extract.csv', bytes('student,result\n1,Pass\n')));
		expect(message).toMatch(/not a Stackwise CSV template: its header \(2 columns: student, result/);
	});
	it('lists the formats read for a file that is no delimited text', async () => {
		const message = await unrecognisedMessage(bufferSource('notes.md', bytes('# hello\n')));
		expect(message).toMatch(/^not a format Stackwise recognises/);
	});
});
