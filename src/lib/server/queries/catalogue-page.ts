// What the catalogue pages show beyond `stackwise catalogue show`: a ranked search over the
// catalogue with facets (kind, level, provider, mode) and provider names, and for one credential the facts of everything its rules name, the
// prerequisites among them and which providers deliver its parts. The rules themselves come from
// getCredentialDetail unchanged, so the page and the CLI cannot disagree.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { Origin, Prerequisite } from '../../domain/types.ts';
import { getCatalogueIndex } from './catalogue-cache.ts';
import { getProviders } from './catalogue.ts';
import { cachedForDataVersion } from './versioned-cache.ts';
import {
	facetHits,
	searchWords,
	type Facet,
	type FacetCount,
	type FacetedHit
} from '../../domain/catalogue/index.ts';
import {
	getCredentialDetail,
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

export type CatalogueFilters = { kind?: CatalogueKind; level?: string; provider?: string; mode?: string };

export type CatalogueSearch = {
	total: number;
	page: number;
	pageSize: number;
	results: CatalogueHit[];
	/** Each facet's values among the matches the other facets leave, most first. */
	facets: Record<Facet, FacetCount[]>;
	/** Names of the providers the provider facet lists. */
	providerNames: Record<string, string>;
};

/** Facet values for a credential without a level, a provider or a stated mode. */
export const NO_VALUE = 'none';

/** Owners and deliverers (enrolments) of each credential, kept until the data changes. */
function getProvidersByCredential(db: Db): Promise<Map<string, string[]>> {
	return cachedForDataVersion(db, 'catalogue:providers', async () => {
		const rows = await db.query<{ credential_id: string; provider_id: string }>(sql`
			select id as credential_id, provider_id from credentials where provider_id is not null
			union
			select distinct credential_id, provider_id from enrolments where provider_id is not null`);
		const out = new Map<string, string[]>();
		for (const r of rows) out.set(r.credential_id, [...(out.get(r.credential_id) ?? []), r.provider_id]);
		return out;
	});
}

/**
 * Scores for the credentials matching the words: English full-text search (stemmed) on the title,
 * the code and the skills' labels, plus trigram similarity of each word to the title, so that a
 * misspelt or differently-ended word ("carpenter" for "Carpentry") still finds it. Any word may
 * match; the more (and the better) the words match, the higher the score. An exact code ranks first.
 */
async function matchScores(db: Db, words: string[]): Promise<Map<string, number>> {
	const raw = words.join(' ');
	const rows = await db.query<{ id: string; score: number }>(sql`
		with p as (
			select websearch_to_tsquery('english', ${words.join(' or ')}) as ts,
				${sql.param(words)}::text[] as words
		),
		d as (
			select c.id, c.title,
				setweight(to_tsvector('english', c.title), 'A') || setweight(to_tsvector('simple', c.id), 'A')
					|| setweight(to_tsvector('english', coalesce(s.labels, '')), 'B') as doc
			from credentials c
			left join (select credential_id, string_agg(label, ' ') as labels from credential_skills
				where label is not null group by credential_id) s on s.credential_id = c.id
		),
		scored as (
			select d.id, d.doc @@ p.ts as hit, ts_rank_cd(d.doc, p.ts, 1) as fts,
				(select avg(word_similarity(w, d.title)) from unnest(p.words) w) as trigram,
				case when lower(d.id) = ${raw} then 10 when lower(d.id) like ${raw.replace(/[%_\\]/g, '') + '%'} then 5 else 0 end as code
			from d, p
		)
		select id, (fts + trigram + code)::float8 as score from scored
		where hit or trigram > 0.5 or code > 0`);
	return new Map(rows.map((r) => [r.id, Number(r.score)]));
}

export async function searchCatalogue(
	db: Db,
	{
		q,
		page = 1,
		pageSize = 50,
		...filters
	}: CatalogueFilters & { q?: string; page?: number; pageSize?: number }
): Promise<CatalogueSearch> {
	const words = searchWords(q);
	const [index, providers, byCredential, scores] = await Promise.all([
		getCatalogueIndex(db),
		getProviders(db),
		getProvidersByCredential(db),
		words.length ? matchScores(db, words) : null
	]);
	const targets = new Set(index.targets);
	const byId = new Map(providers.map((p) => [p.id, p]));
	const hits: FacetedHit<CredentialSummary>[] = [];
	for (const c of index.credentials.values()) {
		const score = scores ? scores.get(c.id) : 0;
		if (score === undefined) continue;
		const summary = summaryOf(c, targets);
		hits.push({
			item: summary,
			// What can be completed by stacking a little ahead of a unit that matches as well.
			score: score + (summary.stackable ? 0.3 : 0),
			tiebreak: c.id,
			values: {
				kind: summary.stackable ? [c.kind, 'qualification'] : [c.kind],
				level: [c.level ?? NO_VALUE],
				provider: byCredential.get(c.id) ?? [NO_VALUE],
				mode: [c.participationMode ?? NO_VALUE]
			}
		});
	}
	const found = facetHits(hits, filters, { page, pageSize });
	const providerNames: Record<string, string> = {};
	for (const f of found.facets.provider) {
		const p = byId.get(f.value);
		if (p) providerNames[p.id] = p.name;
	}
	return {
		total: found.total,
		page,
		pageSize,
		facets: found.facets,
		providerNames,
		results: found.results.map((c) => {
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
