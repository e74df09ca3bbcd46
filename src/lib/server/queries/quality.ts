// Provider data-quality scorecards (/providers/[id]/quality, the /providers column, `stackwise
// quality`): for each provider, the share of its credential records carrying each element the EU
// Annex I, the Australian framework's critical information and CTDL's minimum data ask for; its
// stubs; stacking rules machine-readable vs left unparsed; the share of the awards it issued that
// were verified; how long since its last import; and each record to fix. Pure scoring in
// domain/watch/data-quality.ts.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { Suppression } from '../../domain/equity/index.ts';
import {
	ELEMENT_LABELS,
	qualityCard,
	QUALITY_ELEMENTS,
	issuerByOrigin,
	type QualityRecord,
	type ProviderQuality
} from '../../domain/watch/index.ts';
import { UNRESOLVED_BADGE } from '../import/records.ts';
import { getCatalogue, getProviders } from './catalogue.ts';
import { withheld } from './watch-disclosure.ts';
import { publishedCount, publishesRate } from '../../domain/suppression/index.ts';
import type { ProviderAwards } from './verification-shares.ts';

export const QUALITY_DEFINITION = `Share of the provider's credential records carrying each element: ${QUALITY_ELEMENTS.map((e) => ELEMENT_LABELS[e]).join(', ')} (the EU Annex I, the Australian framework's critical information and CTDL's minimum data). A description that is blank or repeats the title does not count; Stackwise's data model keeps no language yet, so no record shows one. A stub carries nothing but (at most) its title — an Open Badges 2.0 badge whose BadgeClass was never supplied is one. Stacking rules: records with requirement groups a machine can read, and records with rule text an importer left unparsed. Verified: awards the provider issued whose signature or proof was checked and held, of all it issued (withheld when they describe fewer learners than the threshold). Last import: the latest import that brought its enrolments or awards.`;

export async function getQuality(
	db: Db,
	{ providerId, suppression, now = new Date() }: { providerId?: string; suppression: Suppression; now?: Date }
): Promise<ProviderQuality[]> {
	const [catalogue, providers, lastImport] = await Promise.all([
		getCatalogue(db),
		getProviders(db),
		lastImports(db, providerId)
	]);
	const { byProvider, stubOwner } = recordsByProvider(catalogue, providers);
	const awards = await providerAwards(db, stubOwner, providerId);
	// One provider asked for by id has its card whatever it holds; the list shows those with
	// credential records or awards.
	const shown = providers.filter((p) =>
		providerId === undefined ? byProvider.has(p.id) || awards.has(p.id) : p.id === providerId
	);
	// A provider's awards describe its learners: fewer than the threshold is withheld, and a second
	// provider beside it, since the providers' awards add up to the system's. Published counts are
	// rounded when the policy rounds, and the verified share is computed from them (policy.ts).
	const reasons = withheld(
		shown,
		(p) => Number(awards.get(p.id)?.learners ?? 0) || Number.MAX_SAFE_INTEGER,
		suppression,
		[shown.map((_, i) => i)]
	);
	return shown.map((p, i) =>
		qualityOf(p, {
			records: byProvider.get(p.id) ?? [],
			awarded: awards.get(p.id),
			reason: reasons[i],
			last: lastImport.get(p.id) ?? null,
			suppression,
			now
		})
	);
}

/** When each provider's enrolments or awards were last imported. */
async function lastImports(db: Db, providerId: string | undefined): Promise<Map<string, string>> {
	const rows = await db.query<{ provider_id: string; last: string }>(sql`
		select x.provider_id, max(i.finished_at) as last from (
			select distinct coalesce(a.provider_id, c.provider_id) as provider_id, a.import_id
				from awards a join credentials c on c.id = a.credential_id where a.import_id is not null
			union
			select distinct coalesce(e.provider_id, c.provider_id), e.import_id
				from enrolments e join credentials c on c.id = e.credential_id where e.import_id is not null
		) x join imports i on i.id = x.import_id
		where x.provider_id is not null ${providerId ? sql`and x.provider_id = ${providerId}` : sql``}
		group by 1`);
	return new Map(rows.map((r) => [r.provider_id, r.last]));
}

/**
 * Each provider's credential records to score, and the owners of stubs: a stub for a badge whose
 * BadgeClass never came counts against the issuer it is hosted beside.
 */
function recordsByProvider(
	catalogue: Awaited<ReturnType<typeof getCatalogue>>,
	providers: { id: string }[]
): { byProvider: Map<string, QualityRecord[]>; stubOwner: Map<string, string> } {
	const rules = new Map<string, number>();
	for (const g of catalogue.groups)
		rules.set(g.targetCredentialId, (rules.get(g.targetCredentialId) ?? 0) + 1);
	const providerIds = providers.map((p) => p.id);
	const stubOwner = new Map<string, string>();
	for (const c of catalogue.credentials)
		if (!c.providerId && (c.unparsed ?? []).some((u) => u.startsWith(UNRESOLVED_BADGE))) {
			const owner = issuerByOrigin(c.id, providerIds);
			if (owner) stubOwner.set(c.id, owner);
		}
	const byProvider = new Map<string, QualityRecord[]>();
	for (const credential of catalogue.credentials) {
		const owner = credential.providerId ?? stubOwner.get(credential.id);
		if (!owner) continue;
		const list = byProvider.get(owner) ?? byProvider.set(owner, []).get(owner)!;
		list.push({
			credential,
			rules: rules.get(credential.id) ?? 0,
			unparsed: (credential.unparsed ?? []).filter((u) => !u.startsWith(UNRESOLVED_BADGE)).length,
			awards: 0,
			verified: 0
		});
	}
	return { byProvider, stubOwner };
}

type IssuerAwards = ProviderAwards & { unresolved: number };

/** Each issuer's awards (a stub's counted for its owner), verified, unresolved, and learners. */
async function providerAwards(
	db: Db,
	stubOwner: Map<string, string>,
	providerId: string | undefined
): Promise<Map<string, IssuerAwards>> {
	const issuer = sql`coalesce(a.provider_id, c.provider_id, o.owner)`;
	const awarded = await db.query<IssuerAwards>(sql`
		select ${issuer} as provider_id, count(*)::int as awards,
			count(*) filter (where a.verification = 'verified')::int as verified,
			count(*) filter (where a.verification_reason like ${UNRESOLVED_BADGE + '%'})::int as unresolved,
			count(distinct a.learner_id)::int as learners
		from awards a join learners l on l.id = a.learner_id join credentials c on c.id = a.credential_id
			left join (select unnest(${sql.param([...stubOwner.keys()])}::text[]) as credential_id,
				unnest(${sql.param([...stubOwner.values()])}::text[]) as owner) o on o.credential_id = a.credential_id
		where l.analytics_consent and ${issuer} is not null
			${providerId ? sql`and ${issuer} = ${providerId}` : sql``}
		group by 1`);
	return new Map(awarded.map((r) => [r.provider_id, r]));
}

/** One provider's scorecard as published. */
function qualityOf(
	p: ProviderQuality['provider'],
	{
		records,
		awarded: a,
		reason,
		last,
		suppression,
		now
	}: {
		records: QualityRecord[];
		awarded: IssuerAwards | undefined;
		reason: string | null;
		last: string | null;
		suppression: Suppression;
		now: Date;
	}
): ProviderQuality {
	const count = (n: number) => publishedCount(suppression, n);
	const { awards: _a, verifiedShare: _v, ...card } = qualityCard(records);
	const lastIso = last === null ? null : new Date(last).toISOString();
	return {
		provider: { id: p.id, name: p.name, kind: p.kind, origin: p.origin },
		card,
		awards: reason ? null : count(Number(a?.awards ?? 0)),
		verifiedShare:
			reason || !a || count(Number(a.awards)) === 0 || !publishesRate(suppression, Number(a.awards))
				? null
				: count(Number(a.verified)) / count(Number(a.awards)),
		suppressed: reason,
		unresolvedAwards: reason ? null : count(Number(a?.unresolved ?? 0)),
		lastImportAt: lastIso,
		daysSinceImport: lastIso === null ? null : Math.floor((now.getTime() - Date.parse(lastIso)) / 86_400_000),
		completeness:
			card.credentials === 0
				? null
				: QUALITY_ELEMENTS.reduce((s, e) => s + card.shares[e], 0) / QUALITY_ELEMENTS.length
	};
}
