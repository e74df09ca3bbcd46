// How a text file is written: its encoding, its delimiter and its line endings, found from its first
// bytes so that a file exported by a student-record system, Excel or an older Windows tool reads as
// its author meant. UTF-8 (with or without a byte-order mark) and UTF-16 (either byte order, with
// or without a BOM) are decoded; bytes that are not UTF-8 are read as Latin-1 (as browsers do:
// Windows-1252, its superset); UTF-32 and binary files are refused with what they look like.
// Every import report states what was found, so a wrong guess is visible.
import { ImportRefusal } from './records.ts';
import {
	DELIMITERS,
	type Delimiter,
	type LineEnding,
	type TextEncoding,
	type TextLayout
} from '../../domain/text-layout.ts';

export { DELIMITERS, TEXT_ENCODINGS, describeLayout } from '../../domain/text-layout.ts';
export type { Delimiter, LineEnding, TextEncoding, TextLayout } from '../../domain/text-layout.ts';

const LABELS: Record<TextEncoding, string> = {
	'UTF-8': 'utf-8',
	'UTF-8 with BOM': 'utf-8',
	'UTF-16LE': 'utf-16le',
	'UTF-16BE': 'utf-16be',
	'Latin-1': 'windows-1252'
};

/** How many bytes of a file the layout is judged from. */
export const LAYOUT_HEAD_BYTES = 64 * 1024;

type Sniffed = { encoding: TextEncoding; bom: number; label: string };

/** The encoding of a file from its first bytes; throws a refusal naming what it found instead. */
export function sniffEncoding(head: Uint8Array, file: string): Sniffed {
	const b = head;
	const refuse = (what: string): never => {
		throw new ImportRefusal([
			{
				file,
				message: `${what}; Stackwise reads text in UTF-8, UTF-16 or Latin-1 (save the file as UTF-8 CSV)`
			}
		]);
	};
	if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf)
		return { encoding: 'UTF-8 with BOM', bom: 3, label: 'utf-8' };
	if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0)
		refuse('is UTF-32LE text (its byte-order mark)');
	if (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff)
		refuse('is UTF-32BE text (its byte-order mark)');
	if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'UTF-16LE', bom: 2, label: 'utf-16le' };
	if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'UTF-16BE', bom: 2, label: 'utf-16be' };
	const sample = b.subarray(0, Math.min(b.length, 4096));
	let zeros = 0;
	let evenZeros = 0;
	for (let i = 0; i < sample.length; i++)
		if (sample[i] === 0) {
			zeros++;
			if (i % 2 === 0) evenZeros++;
		}
	if (zeros > 0) {
		// UTF-16 without a BOM: ASCII text puts a zero in every other byte (the high byte).
		const pairs = Math.floor(sample.length / 2);
		if (zeros >= pairs * 0.3 && evenZeros === 0) return { encoding: 'UTF-16LE', bom: 0, label: 'utf-16le' };
		if (zeros >= pairs * 0.3 && evenZeros === zeros)
			return { encoding: 'UTF-16BE', bom: 0, label: 'utf-16be' };
		refuse('holds zero bytes: it is binary, not text');
	}
	try {
		// `stream: true` lets the head end inside a multi-byte character.
		new TextDecoder('utf-8', { fatal: true }).decode(b, { stream: true });
		return { encoding: 'UTF-8', bom: 0, label: 'utf-8' };
	} catch {
		return { encoding: 'Latin-1', bom: 0, label: 'windows-1252' };
	}
}

/**
 * A streaming decoder for a file's bytes, in the encoding its head shows (or the one given, when a
 * mapping profile says so); drops the BOM.
 */
export function textDecoderFor(head: Uint8Array, file: string, given?: TextEncoding) {
	const found = sniffEncoding(head, file);
	const sniffed =
		given && LABELS[given] !== found.label ? { encoding: given, bom: 0, label: LABELS[given] } : found;
	const decoder = new TextDecoder(sniffed.label, { fatal: sniffed.label === 'utf-8', ignoreBOM: false });
	return { ...sniffed, decoder };
}

/**
 * The delimiter of a header line: of `,` `;` tab `|`, the one that occurs most outside quotes
 * (ties go to the earlier in that list, so a header without any is comma-separated).
 */
export function detectDelimiter(text: string): Delimiter {
	const firstLine = text.split(/\r\n|\n|\r/, 1)[0];
	const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
	let quoted = false;
	for (const c of firstLine) {
		if (c === '"') quoted = !quoted;
		else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
	}
	let best: Delimiter = ',';
	for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
	return best;
}

/** Which line endings a text uses (quoted fields included: a file's newlines are its author's). */
export function detectLineEnding(text: string): LineEnding {
	const crlf = (text.match(/\r\n/g) ?? []).length;
	const lf = (text.match(/(?<!\r)\n/g) ?? []).length;
	const cr = (text.match(/\r(?!\n)/g) ?? []).length;
	// A head cut between CR and LF leaves one lone CR at its very end: not a line ending of its own.
	const crAtEnd = text.endsWith('\r') ? 1 : 0;
	const kinds = [crlf > 0, lf > 0, cr - crAtEnd > 0].filter(Boolean).length;
	if (kinds === 0) return cr > 0 ? 'CR' : 'none';
	if (kinds > 1) return 'mixed';
	return crlf > 0 ? 'CRLF' : lf > 0 ? 'LF' : 'CR';
}

/** The layout of a text held in memory (its head decoded already). */
export function layoutOf(encoding: TextEncoding, text: string, delimited: boolean): TextLayout {
	return {
		encoding,
		...(delimited ? { delimiter: detectDelimiter(text) } : {}),
		lineEnding: detectLineEnding(text)
	};
}
