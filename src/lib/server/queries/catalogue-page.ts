// What the catalogue pages show beyond `stackwise catalogue show`: a search over the catalogue
// with provider names, and for one credential the facts of everything its rules name, the
// prerequisites among them and which providers deliver its parts. The rules themselves come from
// getCredentialDetail unchanged, so the page and the CLI cannot disagree.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { CredentialKind, Origin, Prerequisite } from '../../domain/types.ts';
import { getCatalogueIndex } from './catalogue-cache.ts';
import { getProviders } from './catalogue.ts';
import {
	getCredentialDetail,
	listCredentials,
	summaryOf,
	type CredentialDetail,
	type CredentialSummary
} from './credential-detail.ts';

/** 'qualification' = has requirement groups (can be completed by stacking); the rest are credential kinds. */
export const CATALOGUE_KINDS = ['qualification', 'macro', 'micro', 'unit', 'participation'] as const;
export type CatalogueKind = (typeof CATALOGUE_KINDS)[number];

export type CatalogueHit = CredentialSummary & {
	providerName: string | null;
	providerOrigin: Origin | null;
};

export type CatalogueSearch = {
	total: number;
	page: number;
	pageSize: number;
	results: CatalogueHit[];
};

export async function searchCatalogue(
	db: Db,
	{ q, kind, page = 1, pageSize = 50 }: { q?: string; kind?: CatalogueKind; page?: number; pageSize?: number }
): Promise<CatalogueSearch> {
	const [all, providers] = await Promise.all([
		listCredentials(db, { search: q, stackableOnly: kind === 'qualification' }),
		getProviders(db)
	]);
	const byId = new Map(providers.map((p) => [p.id, p]));
	const needle = q?.trim().toLowerCase() ?? '';
	const matching = all.filter(
		(c) => !kind || kind === 'qualification' || c.kind === (kind as CredentialKind)
	);
	// Exact code first, then what can be completed by stacking, then by code.
	const rank = (c: CredentialSummary) => (needle && c.id.toLowerCase() === needle ? 0 : c.stackable ? 1 : 2);
	matching.sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id));
	const start = (page - 1) * pageSize;
	return {
		total: matching.length,
		page,
		pageSize,
		results: matching.slice(start, start + pageSize).map((c) => {
			const p = c.provider ? byId.get(c.provider) : undefined;
			return { ...c, providerName: p?.name ?? null, providerOrigin: p?.origin ?? null };
		})
	};
}

export type ProviderOffer = {
	id: string;
	name: string;
	origin: Origin;
	/** How many of the credential and its requirement-group members this provider owns or has delivered. */
	parts: number;
	/** Owns or delivers the credential itself (not only parts of it). */
	offersSubject: boolean;
};

export type CataloguePage = {
	detail: CredentialDetail;
	/** Facts for the credential and everything its rules, prerequisites and recognitions name. */
	credentials: Record<string, CredentialSummary>;
	/** Prerequisites among those credentials. */
	prerequisites: Prerequisite[];
	providers: ProviderOffer[];
};

/** Providers that own a credential or have delivered enrolments in it, among `ids`. */
async function getProviderOffers(db: Db, subject: string, ids: string[]): Promise<ProviderOffer[]> {
	const list = sql.join(
		ids.map((id) => sql`${id}`),
		sql`, `
	);
	const rows = await db.query<{
		id: string;
		name: string;
		origin: Origin;
		parts: number;
		offers_subject: boolean;
	}>(sql`
		select p.id, p.name, p.origin, count(distinct x.credential_id)::int as parts,
			bool_or(x.credential_id = ${subject}) as offers_subject
		from (
			select distinct credential_id, provider_id from enrolments
			where provider_id is not null and credential_id in (${list})
			union
			select id, provider_id from credentials where provider_id is not null and id in (${list})
		) x join providers p on p.id = x.provider_id
		group by p.id, p.name, p.origin
		order by parts desc, p.name`);
	return rows.map((r) => ({
		id: r.id,
		name: r.name,
		origin: r.origin,
		parts: Number(r.parts),
		offersSubject: Boolean(r.offers_subject)
	}));
}

export async function getCataloguePage(db: Db, id: string): Promise<CataloguePage | undefined> {
	const detail = await getCredentialDetail(db, id);
	if (!detail) return undefined;
	const index = await getCatalogueIndex(db);
	const targets = new Set(index.targets);
	const ids = new Set([
		id,
		...detail.requirements.flatMap((g) => g.members),
		...detail.prerequisites,
		...detail.recognisedAs,
		...detail.countsToward
	]);
	const credentials: Record<string, CredentialSummary> = {};
	for (const cid of ids) {
		const c = index.credentials.get(cid);
		if (!c) continue;
		credentials[cid] = summaryOf(c, targets);
	}
	const prerequisites: Prerequisite[] = [];
	for (const cid of ids)
		for (const requiredId of index.requires.get(cid) ?? [])
			if (ids.has(requiredId)) prerequisites.push({ credentialId: cid, requiredId });
	const parts = [id, ...new Set(detail.requirements.flatMap((g) => g.members))];
	return { detail, credentials, prerequisites, providers: await getProviderOffers(db, id, parts) };
}
