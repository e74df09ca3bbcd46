// Bytes to text for the JSON/XML formats: UTF-8 by default, UTF-16 when a byte-order mark says so,
// the BOM itself dropped. Invalid UTF-8 refuses the file rather than loading U+FFFD into titles.
import { ImportRefusal } from '../records.ts';

export function decodeText(bytes: Uint8Array, file: string): string {
	try {
		if (bytes[0] === 0xff && bytes[1] === 0xfe)
			return new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
		if (bytes[0] === 0xfe && bytes[1] === 0xff)
			return new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2));
		const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start));
	} catch {
		throw new ImportRefusal([{ file, message: 'not readable as UTF-8 or UTF-16 text' }]);
	}
}
