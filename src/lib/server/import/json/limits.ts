// JSON reading with limits, for every JSON-based format (Open Badges, ELM, CTDL).
//
// Imports take files from strangers: a 2 GB document or one nested 100,000 levels deep must be
// refused cleanly, not exhaust memory or overflow the stack inside JSON.parse. The depth is
// measured by a string-aware scan before parsing, so nothing deep ever reaches the parser.
// Real files also put several documents one after another (CTDL registry exports); `splitJsonDocuments`
// finds each top-level document so one broken document does not hide the others.
import { ImportRefusal, type ImportIssue } from '../records.ts';

export type JsonLimits = {
	/** Largest document accepted, in UTF-16 code units of its text (≈ bytes for ASCII). */
	maxChars: number;
	/** Deepest nesting of objects and arrays accepted. */
	maxDepth: number;
};

export const DEFAULT_JSON_LIMITS: JsonLimits = { maxChars: 32 * 1024 * 1024, maxDepth: 128 };

/** A top-level JSON document found in a text: where it starts and the text itself. */
export type JsonSegment = { text: string; start: number; line: number };

/** Line (1-based) and column (1-based) of a position in a text. */
export function lineColumn(text: string, position: number): { line: number; column: number } {
	let line = 1;
	let lineStart = 0;
	const end = Math.min(position, text.length);
	for (let i = 0; i < end; i++) {
		if (text.charCodeAt(i) === 10) {
			line++;
			lineStart = i + 1;
		}
	}
	return { line, column: end - lineStart + 1 };
}

/**
 * Splits a text into its top-level JSON values (objects or arrays), tracking strings so braces
 * inside them do not count. Refuses text outside any value that is not whitespace (or a stray
 * comma between documents), and anything deeper than `maxDepth`.
 */
export function splitJsonDocuments(
	text: string,
	file: string,
	limits: JsonLimits = DEFAULT_JSON_LIMITS
): JsonSegment[] {
	if (text.length > limits.maxChars)
		throw new ImportRefusal([
			{ file, message: `document is ${text.length} characters, above the limit of ${limits.maxChars}` }
		]);
	const segments: JsonSegment[] = [];
	let depth = 0;
	let inString = false;
	let escaped = false;
	let start = -1;
	let line = 1;
	let startLine = 1;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 10) line++;
		if (inString) {
			if (escaped) escaped = false;
			else if (c === 92 /* \ */) escaped = true;
			else if (c === 34 /* " */) inString = false;
			continue;
		}
		if (c === 34) {
			if (depth === 0) refuseStray(text, i, file);
			inString = true;
		} else if (c === 123 /* { */ || c === 91 /* [ */) {
			if (depth === 0) {
				start = i;
				startLine = line;
			}
			depth++;
			if (depth > limits.maxDepth)
				throw new ImportRefusal([
					{ file, line, message: `JSON nested deeper than ${limits.maxDepth} levels` }
				]);
		} else if (c === 125 /* } */ || c === 93 /* ] */) {
			depth--;
			if (depth < 0) refuseStray(text, i, file);
			if (depth === 0) segments.push({ text: text.slice(start, i + 1), start, line: startLine });
		} else if (depth === 0 && !isBlank(c) && !(c === 44 /* , */ && segments.length > 0)) {
			refuseStray(text, i, file);
		}
	}
	if (depth > 0 || inString)
		throw new ImportRefusal([
			{ file, line, message: 'JSON ends before its last document is closed (truncated?)' }
		]);
	if (segments.length === 0) throw new ImportRefusal([{ file, message: 'no JSON document found' }]);
	return segments;
}

function isBlank(c: number) {
	return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff;
}

function refuseStray(text: string, position: number, file: string): never {
	const { line, column } = lineColumn(text, position);
	const near = JSON.stringify(text.slice(position, position + 20));
	throw new ImportRefusal([{ file, line, message: `not JSON: unexpected ${near} at column ${column}` }]);
}

/** Parses one JSON segment; a syntax error becomes an issue with the line it is on. */
export function parseSegment(
	segment: JsonSegment,
	file: string
): { value: unknown } | { issue: ImportIssue } {
	try {
		return { value: JSON.parse(segment.text) };
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		const at = /position (\d+)/.exec(message);
		const inner = at ? lineColumn(segment.text, Number(at[1])) : undefined;
		return {
			issue: {
				file,
				line: inner ? segment.line + inner.line - 1 : segment.line,
				message: `not valid JSON: ${message.replace(/\s*\(line \d+ column \d+\)/, '').replace(/ in JSON at position \d+/, '')}`
			}
		};
	}
}

/**
 * Parses a text that must hold exactly one JSON document, within the limits.
 * Anything else (syntax error, several documents, too deep, too big) refuses the file.
 */
export function parseJsonLimited(
	text: string,
	file: string,
	limits: JsonLimits = DEFAULT_JSON_LIMITS
): unknown {
	const segments = splitJsonDocuments(text, file, limits);
	if (segments.length > 1)
		throw new ImportRefusal([
			{ file, line: segments[1].line, message: `${segments.length} JSON documents where one was expected` }
		]);
	const parsed = parseSegment(segments[0], file);
	if ('issue' in parsed) throw new ImportRefusal([parsed.issue]);
	return parsed.value;
}
