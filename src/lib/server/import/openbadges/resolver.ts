// A `resolve` function over documents supplied with an import (OB 2.0 BadgeClasses, Issuers,
// CryptographicKeys and RevocationLists; status list credentials), indexed by their own `id`.
// The importer never fetches: this is how a folder of related documents is read together.
import { isObject, str } from '../json/index.ts';

export function documentResolver(
	documents: Iterable<unknown>,
	aliases: Iterable<[string, unknown]> = []
): (id: string) => unknown {
	const byId = new Map<string, unknown>();
	for (const doc of documents) {
		const id = isObject(doc) ? (str(doc.id) ?? str(doc['@id'])) : undefined;
		if (id && !byId.has(id)) byId.set(id, doc);
	}
	for (const [id, doc] of aliases) if (!byId.has(id)) byId.set(id, doc);
	return (id: string) => byId.get(id) ?? byId.get(id.split('#')[0]);
}

/**
 * A resolver over files supplied with an import (a folder of related documents). Each JSON file
 * answers for its own `id`, and — as the 1EdTech validator's test harness serves its assets — for
 * any URL whose last path segment is the file's name (`https://example.org/robotics-badge.json`
 * → robotics-badge.json), when that name is unique. Unreadable files are skipped: they are not
 * what is being imported, only possible companions.
 */
export function fileResolver(files: Iterable<{ name: string; bytes: Uint8Array }>): (id: string) => unknown {
	const docs: unknown[] = [];
	const byName = new Map<string, unknown | null>();
	for (const { name, bytes } of files) {
		let doc: unknown;
		try {
			doc = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''));
		} catch {
			continue;
		}
		if (!isObject(doc)) continue;
		docs.push(doc);
		const base = name.split(/[\\/]/).pop()!;
		byName.set(base, byName.has(base) ? null : doc);
	}
	const byId = documentResolver(docs);
	return (id: string) => {
		const found = byId(id);
		if (found !== undefined) return found;
		const segment = /^https?:\/\/[^?#]*\/([^/?#]+)$/.exec(id.split('#')[0])?.[1];
		const named = segment ? byName.get(segment) : undefined;
		return named ?? undefined;
	};
}
