// Files handed to an import: on disk (the CLI), or bytes in memory (uploads, tests).
// Gzip-compressed files are read through gunzip and named without their `.gz`, so a format
// recognises `studentInfo.csv.gz` as `studentInfo.csv`.
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { ImportRefusal } from './records.ts';

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
 * Decodes UTF-8 text as it streams, dropping a byte-order mark; `onBytes` hears the stored bytes
 * consumed so callers can report progress against `size`.
 */
export async function* textChunks(
	file: SourceFile,
	onBytes?: (bytes: number) => void
): AsyncGenerator<string> {
	const decoder = new TextDecoder('utf-8', { fatal: true });
	let first = true;
	try {
		for await (const chunk of file.bytes(onBytes)) {
			let text = decoder.decode(chunk, { stream: true });
			if (first && text.length > 0) {
				if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
				first = false;
			}
			if (text) yield text;
		}
		const rest = decoder.decode();
		if (rest) yield rest;
	} catch (error) {
		const message =
			error instanceof TypeError && /encoded data was not valid/i.test(error.message)
				? 'is not valid UTF-8 text'
				: `cannot be read: ${(error as Error).message}`;
		throw new ImportRefusal([{ file: file.path, message }]);
	}
}
