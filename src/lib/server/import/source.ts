// Files handed to an import: on disk (the CLI), or bytes in memory (uploads, tests).
// Gzip-compressed files are read through gunzip and named without their `.gz`, so a format
// recognises `studentInfo.csv.gz` as `studentInfo.csv`.
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { ImportRefusal } from './records.ts';
import {
	LAYOUT_HEAD_BYTES,
	layoutOf,
	textDecoderFor,
	type TextEncoding,
	type TextLayout
} from './text-layout.ts';

export type SourceFile = {
	/** As the user gave it; named in every message. */
	path: string;
	/** File name without folder and without a `.gz` suffix. */
	name: string;
	/** Size in bytes as stored (compressed size for .gz), for progress. */
	size: number;
	/** The file's bytes, decompressed; `onStored` hears how many stored bytes were consumed (progress). */
	bytes(onStored?: (bytes: number) => void): AsyncIterable<Uint8Array>;
	/** The stored bytes, as given (for the sha256 that makes re-imports recognisable). */
	raw(): AsyncIterable<Uint8Array>;
};

const isGzip = (name: string) => name.toLowerCase().endsWith('.gz');

export function fileSource(path: string): SourceFile {
	const stored = basename(path);
	const gz = isGzip(stored);
	return {
		path,
		name: gz ? stored.slice(0, -3) : stored,
		size: statSync(path).size,
		raw: () => createReadStream(path),
		bytes: (onStored) => {
			const stored = onStored
				? Readable.from(counted(createReadStream(path), onStored))
				: createReadStream(path);
			return gz ? stored.pipe(createGunzip()) : stored;
		}
	};
}

/** Passes chunks through, telling `onStored` their size (without switching the stream to flowing mode). */
async function* counted(
	stream: AsyncIterable<Buffer>,
	onStored: (bytes: number) => void
): AsyncGenerator<Buffer> {
	for await (const chunk of stream) {
		onStored(chunk.length);
		yield chunk;
	}
}

export function bufferSource(name: string, data: Uint8Array): SourceFile {
	const gz = isGzip(name);
	// In slices, without copying: an upload is read as a disk file is, a chunk at a time, so a
	// reader's memory follows what it keeps, not the upload's size.
	const raw = () => Readable.from(slices(data));
	return {
		path: name,
		name: gz ? name.slice(0, -3) : name,
		size: data.byteLength,
		raw,
		bytes: (onStored) => {
			onStored?.(data.byteLength);
			return gz ? raw().pipe(createGunzip()) : raw();
		}
	};
}

const SLICE_BYTES = 64 * 1024;

function* slices(data: Uint8Array): Generator<Buffer> {
	for (let at = 0; at < data.byteLength; at += SLICE_BYTES)
		yield Buffer.from(data.buffer, data.byteOffset + at, Math.min(SLICE_BYTES, data.byteLength - at));
}

/** sha256 over the files' stored bytes, in the order given. */
export async function sha256Of(files: SourceFile[]): Promise<string> {
	const hash = createHash('sha256');
	for (const file of files) {
		hash.update(file.name);
		for await (const chunk of file.raw()) hash.update(chunk);
	}
	return hash.digest('hex');
}

/** Reads a whole (small) file into memory, refusing it past `maxBytes`. */
export async function readAllBytes(file: SourceFile, maxBytes: number): Promise<Uint8Array> {
	const parts: Buffer[] = [];
	let total = 0;
	try {
		for await (const chunk of file.bytes()) {
			total += chunk.byteLength;
			if (total > maxBytes)
				throw new ImportRefusal([
					{
						file: file.path,
						message: `larger than the ${Math.round(maxBytes / 1048576)} MiB limit for this format`
					}
				]);
			parts.push(Buffer.from(chunk));
		}
	} catch (error) {
		if (error instanceof ImportRefusal) throw error;
		throw new ImportRefusal([{ file: file.path, message: `cannot be read: ${(error as Error).message}` }]);
	}
	return Buffer.concat(parts);
}

/**
 * Decodes a text file as it streams, in the encoding its first bytes show (text-layout.ts: UTF-8
 * with or without a BOM, UTF-16, Latin-1), dropping a byte-order mark; `onBytes` hears the stored
 * bytes consumed so callers can report progress against `size`.
 */
export async function* textChunks(
	file: SourceFile,
	onBytes?: (bytes: number) => void,
	given?: TextEncoding
): AsyncGenerator<string> {
	let decoder: TextDecoder | undefined;
	let pending: Uint8Array = new Uint8Array(0);
	let encoding = '';
	const start = () => {
		const found = textDecoderFor(pending, file.path, given);
		decoder = found.decoder;
		encoding = found.encoding;
		const text = decoder.decode(pending.subarray(found.bom), { stream: true });
		pending = new Uint8Array(0);
		return text;
	};
	try {
		for await (const chunk of file.bytes(onBytes)) {
			if (!decoder) {
				pending = concat(pending, chunk);
				// Enough to tell the encoding by (a short first chunk of a gzip stream waits for more).
				if (pending.length < 4096) continue;
				const text = start();
				if (text) yield text;
				continue;
			}
			const text = decoder.decode(chunk, { stream: true });
			if (text) yield text;
		}
		const text = decoder ? '' : start();
		if (text) yield text;
		const rest = decoder!.decode();
		if (rest) yield rest;
	} catch (error) {
		if (error instanceof ImportRefusal) throw error;
		const message =
			error instanceof TypeError && /encoded data was not valid/i.test(error.message)
				? `is not valid ${encoding || 'UTF-8'} text past its first bytes (mixed encodings?); save it as UTF-8`
				: `cannot be read: ${(error as Error).message}`;
		throw new ImportRefusal([{ file: file.path, message }]);
	}
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
	if (a.length === 0) return b;
	const out = new Uint8Array(a.length + b.length);
	out.set(a);
	out.set(b, a.length);
	return out;
}

/** A text file's encoding, delimiter (for delimited files) and line endings, from its head. */
export async function textLayout(
	file: SourceFile,
	{ delimited = true, encoding }: { delimited?: boolean; encoding?: TextEncoding } = {}
): Promise<TextLayout> {
	let head: Uint8Array = new Uint8Array(0);
	for await (const chunk of file.bytes()) {
		head = concat(head, chunk);
		if (head.length >= LAYOUT_HEAD_BYTES) break;
	}
	const found = textDecoderFor(head, file.path, encoding);
	let text: string;
	try {
		text = found.decoder.decode(head.subarray(found.bom, LAYOUT_HEAD_BYTES), { stream: true });
	} catch {
		throw new ImportRefusal([{ file: file.path, message: 'is not valid UTF-8 text' }]);
	}
	return layoutOf(found.encoding, text, delimited);
}
