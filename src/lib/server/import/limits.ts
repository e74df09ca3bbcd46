// Size limits for what reaches the importer from outside. The CLI reads files from disk as
// streams and has no overall cap; uploads and single JSON documents do.

/** Largest upload through the /imports page (all files together). */
export const UPLOAD_LIMIT_BYTES = 100 * 1024 * 1024;

/** Largest single JSON / XML document a format reads whole. */
export const DOCUMENT_LIMIT_BYTES = 20 * 1024 * 1024;

/** Deepest nesting accepted in a JSON document. */
export const JSON_DEPTH_LIMIT = 64;
