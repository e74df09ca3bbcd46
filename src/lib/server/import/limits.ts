// Size limits for what reaches the importer from outside. The CLI reads files from disk as
// streams and has no overall cap; uploads and single JSON documents do. Tabular files (CSV, Arrow)
// have limits per field and per row instead, checked as the text streams, so memory stays flat
// whatever the input: a field or row past them refuses the file, naming its line and column.

/** Largest upload through the /imports page (all files together). */
export const UPLOAD_LIMIT_BYTES = 100 * 1024 * 1024;

/** Largest single JSON / XML document a format reads whole. */
export const DOCUMENT_LIMIT_BYTES = 20 * 1024 * 1024;

/**
 * Longest field of a CSV or Arrow file, in characters (1 MiB). Stackwise's longest values are
 * descriptions and learning outcomes, a few KiB; a field past this is not data but a damaged or
 * hostile file.
 */
export const FIELD_LIMIT_CHARS = 1024 * 1024;

/** Longest CSV row, all its fields together, in characters (4 MiB). */
export const ROW_LIMIT_CHARS = 4 * 1024 * 1024;

/** What a refusal for a field or row past its limit says. */
export const tooLong = (what: string, limit: number) =>
	`${what} is longer than the limit of ${limit.toLocaleString('en')} characters; nothing from the file was stored`;
