// The catalogue as domain objects: credentials, how they stack (requirement groups and their
// members), prerequisites and recognitions.
import { asc, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import * as t from '../db/schema.ts';
import {
	AWARD_JOINS,
	awardConditions,
	originCondition,
	type DataOrigin,
	type EnrolmentFilters,
	type Scope
} from './scope.ts';
import type {
	Credential,
	Prerequisite,
	Provider,
	Recognition,
	RequirementGroup
} from '../../domain/types.ts';

export async function getCredentials(db: Db, ids?: string[]): Promise<Credential[]> {
	if (ids && ids.length === 0) return [];
	const query = db.orm.select().from(t.credentials);
	const rows = ids
		? await query.where(inArray(t.credentials.id, ids)).orderBy(asc(t.credentials.id))
		: await query.orderBy(asc(t.credentials.id));
	return rows as Credential[];
}

export async function getProviders(db: Db): Promise<Provider[]> {
	return (await db.orm.select().from(t.providers).orderBy(asc(t.providers.id))) as Provider[];
}

export type Catalogue = {
	credentials: Credential[];
	groups: RequirementGroup[];
	prerequisites: Prerequisite[];
	recognitions: Recognition[];
};

/** The whole catalogue; `db` may be a transaction (the loader checks new rules before committing). */
export async function getCatalogue(db: Pick<Db, 'orm'>): Promise<Catalogue> {
	const [credentials, groups, members, prerequisites, recognitions] = await Promise.all([
		db.orm.select().from(t.credentials).orderBy(asc(t.credentials.id)) as Promise<Credential[]>,
		db.orm
			.select()
			.from(t.requirementGroups)
			.orderBy(
				asc(t.requirementGroups.targetCredentialId),
				asc(t.requirementGroups.position),
				asc(t.requirementGroups.id)
			),
		db.orm
			.select()
			.from(t.requirementMembers)
			.orderBy(asc(t.requirementMembers.groupId), asc(t.requirementMembers.credentialId)),
		db.orm
			.select()
			.from(t.prerequisites)
			.orderBy(asc(t.prerequisites.credentialId), asc(t.prerequisites.requiredId)),
		db.orm
			.select()
			.from(t.recognitions)
			.orderBy(asc(t.recognitions.credentialId), asc(t.recognitions.recognisedAsId))
	]);
	const byGroup = new Map<string, string[]>();
	for (const m of members)
		(byGroup.get(m.groupId) ?? byGroup.set(m.groupId, []).get(m.groupId)!).push(m.credentialId);
	return {
		credentials,
		groups: groups.map((g) => ({
			...g,
			rule: g.rule as RequirementGroup['rule'],
			members: byGroup.get(g.id) ?? []
		})),
		prerequisites,
		recognitions
	};
}

/** Awards per credential (scope, cut-off, consent applied). */
export async function getAwardCounts(
	db: Db,
	{
		asOf,
		providerId,
		learnerId,
		filters = {},
		verifiedOnly = false,
		data = 'real',
		source = 'rollups'
	}: {
		asOf?: string;
		providerId?: string;
		learnerId?: string;
		/** The dashboard's filters, as for its other figures (awardConditions). */
		filters?: EnrolmentFilters;
		verifiedOnly?: boolean;
		data?: DataOrigin;
		source?: 'rollups' | 'base';
	}
): Promise<Map<string, number>> {
	// award_rollup holds today's counts per origin, provider (the award's, else the credential's),
	// credential and verification, consent applied: all but a cut-off date, one learner, or a
	// filter beyond the provider and credential.
	const { credentialId, providerId: filterProvider, ...others } = filters;
	const fromRollup =
		source === 'rollups' && !asOf && !learnerId && !Object.values(others).some((v) => v !== undefined);
	const scope: Scope = learnerId
		? { kind: 'learner', learnerId }
		: providerId
			? { kind: 'provider', providerId }
			: { kind: 'system' };
	const rows = fromRollup
		? await db.query<{ credential_id: string; n: number }>(sql`
			select credential_id, sum(awards)::int as n from award_rollup
			where ${originCondition(data, sql`origin`)}
				${providerId ? sql`and provider_id = ${providerId}` : sql``}
				${filterProvider ? sql`and provider_id = ${filterProvider}` : sql``}
				${credentialId ? sql`and credential_id = ${credentialId}` : sql``}
				${verifiedOnly ? sql`and verification = 'verified'` : sql``}
			group by credential_id`)
		: await db.query<{ credential_id: string; n: number }>(sql`
			select a.credential_id, count(*)::int as n
			from ${AWARD_JOINS}
			where ${awardConditions({ scope, asOf, data, filters })}
				${verifiedOnly ? sql`and a.verification = 'verified'` : sql``}
			group by a.credential_id`);
	return new Map(rows.map((r) => [r.credential_id, Number(r.n)]));
}
