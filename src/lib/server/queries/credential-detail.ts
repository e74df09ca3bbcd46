// One credential as `stackwise catalogue show` and the catalogue page present it: its facts and
// the rules it plans with.
import type { Db } from '../db/client.ts';
import type { Credential, RequirementGroup } from '../../domain/types.ts';
import { getCatalogueIndex } from './catalogue-cache.ts';
import { getProviders } from './catalogue.ts';

export type CredentialDetail = {
	id: string;
	title: string;
	kind: Credential['kind'];
	provider: string | null;
	providerName: string | null;
	level: string | null;
	levelFramework: string | null;
	workloadHours: number | null;
	credits: number | null;
	creditSystem: string | null;
	requirements: {
		id: string;
		parent: string | null;
		rule: RequirementGroup['rule'];
		n: number | null;
		minCredits: number | null;
		label: string | null;
		members: string[];
		/** The members' titles, in the same order (the id when the catalogue has no title). */
		memberTitles: string[];
	}[];
	prerequisites: string[];
	/** Credentials this one is recognised as (credit transfer). */
	recognisedAs: string[];
	/** Qualifications whose rules name this credential. */
	countsToward: string[];
	unparsed: string[];
	origin: Credential['origin'];
};

export type CredentialSummary = Pick<
	CredentialDetail,
	'id' | 'title' | 'kind' | 'provider' | 'level' | 'levelFramework' | 'origin'
> & {
	/** Has requirement groups: something learners can complete by stacking. */
	stackable: boolean;
};

export async function getCredentialDetail(db: Db, id: string): Promise<CredentialDetail | undefined> {
	const index = await getCatalogueIndex(db);
	const c = index.credentials.get(id);
	if (!c) return undefined;
	const providers = new Map((await getProviders(db)).map((p) => [p.id, p.name]));
	const groups: RequirementGroup[] = [];
	const visit = (g: RequirementGroup) => {
		groups.push(g);
		(index.children.get(g.id) ?? []).forEach(visit);
	};
	(index.topGroups.get(id) ?? []).forEach(visit);
	const countsToward = new Set<string>();
	for (const g of index.catalogue.groups) if (g.members.includes(id)) countsToward.add(g.targetCredentialId);
	return {
		id: c.id,
		title: c.title,
		kind: c.kind,
		provider: c.providerId,
		providerName: c.providerId ? (providers.get(c.providerId) ?? null) : null,
		level: c.level,
		levelFramework: c.levelFramework,
		workloadHours: c.workloadHours,
		credits: c.credits,
		creditSystem: c.creditSystem,
		requirements: groups.map((g) => ({
			id: g.id,
			parent: g.parentGroupId,
			rule: g.rule,
			n: g.n,
			minCredits: g.minCredits,
			label: g.label,
			members: [...g.members],
			memberTitles: g.members.map((m) => index.credentials.get(m)?.title ?? m)
		})),
		prerequisites: [...(index.requires.get(id) ?? [])],
		recognisedAs: [...(index.recognisedAs.get(id) ?? [])],
		countsToward: [...countsToward].sort(),
		unparsed: c.unparsed ?? [],
		origin: c.origin
	};
}

export async function listCredentials(
	db: Db,
	{ stackableOnly = false }: { stackableOnly?: boolean } = {}
): Promise<CredentialSummary[]> {
	const index = await getCatalogueIndex(db);
	const targets = new Set(index.targets);
	return [...index.credentials.values()]
		.filter((c) => !stackableOnly || targets.has(c.id))
		.map((c) => summaryOf(c, targets));
}

/** A catalogue credential as lists and pages name it; `targets` are the stackable ones. */
export const summaryOf = (c: Credential, targets: ReadonlySet<string>): CredentialSummary => ({
	id: c.id,
	title: c.title,
	kind: c.kind,
	provider: c.providerId,
	level: c.level,
	levelFramework: c.levelFramework,
	origin: c.origin,
	stackable: targets.has(c.id)
});
