-- Catalogue search: trigram similarity (pg_trgm) for misspelt words, beside the built-in full-text
-- search. PGlite loads the extension's files when the client is made (db/client.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
