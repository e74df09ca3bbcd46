// A `resolve` function over documents supplied with an import (OB 2.0 BadgeClasses, Issuers,
// CryptographicKeys and RevocationLists; status list credentials), indexed by their own `id`.
// The importer never fetches: this is how a folder of related documents is read together.
import { isObject, str } from '../json/values.ts';

export function documentResolver(documents: Iterable<unknown>, aliases: Iterable<[string, unknown]> = []): (id: string) => unknown {
	const byId = new Map<string, unknown>();
	for (const doc of documents) {
		const id = isObject(doc) ? (str(doc.id) ?? str(doc['@id'])) : undefined;
		if (id && !byId.has(id)) byId.set(id, doc);
	}
	for (const [id, doc] of aliases) if (!byId.has(id)) byId.set(id, doc);
	return (id: string) => byId.get(id) ?? byId.get(id.split('#')[0]);
}
