// The stacking catalogue, indexed once and reused while it is unchanged: learner pages, plans and
// the recommender all need it, and it changes only when an import brings rules. A fingerprint of
// the catalogue tables (one small query) says whether the cached index is still current, so a
// CLI import in another process is seen too.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { indexCatalogue, type CatalogueIndex } from '../../domain/stacking/index.ts';
import { getCatalogue } from './catalogue.ts';

let cached: { db: Db; fingerprint: string; index: Promise<CatalogueIndex> } | undefined;

async function fingerprint(db: Db): Promise<string> {
	const [row] = await db.query<{ f: string }>(sql`select concat_ws(':',
		(select count(*) from credentials), (select count(*) from requirement_groups), (select count(*) from requirement_members),
		(select count(*) from prerequisites), (select count(*) from recognitions),
		(select coalesce(max(id), 0) from imports where status = 'succeeded')) as f`);
	return row.f;
}

export async function getCatalogueIndex(db: Db): Promise<CatalogueIndex> {
	const current = await fingerprint(db);
	if (cached && cached.db === db && cached.fingerprint === current) return cached.index;
	const index = getCatalogue(db).then(indexCatalogue);
	cached = { db, fingerprint: current, index };
	index.catch(() => (cached = undefined));
	return index;
}
