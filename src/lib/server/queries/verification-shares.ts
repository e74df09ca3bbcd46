// Each provider's awards and the share of them verified (signatures or proofs checked): the
// /providers column and the provider dashboard's tile. Its own module because conformance reads
// its decisions too (a provider's award total is a published total of its credentials' awards).
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { VerificationShare } from '../../domain/dashboard-rows.ts';
import type { Suppression } from '../../domain/equity/index.ts';
import {
	suppressCells,
	publishedCount,
	publishesRate,
	withheldBelow
} from '../../domain/suppression/index.ts';
import {
	AWARD_JOINS,
	awardConditions,
	filtersBeyondProvider,
	originCondition,
	type QueryContext
} from './scope.ts';

/** A provider's awards, verified awards and learners awarded. */
export type ProviderAwards = { provider_id: string; awards: number; verified: number; learners: number };

/** Each provider's awards and how many of them were verified (signatures or proofs checked). */
export async function getVerificationShares(
	db: Db,
	{
		suppression,
		source = 'rollups',
		...context
	}: QueryContext & { suppression: Suppression; source?: 'rollups' | 'base' }
): Promise<VerificationShare[]> {
	const rows =
		(source === 'rollups' ? await providerAwardsFromRollup(db, context) : null) ??
		(await providerAwardsFromBase(db, context));
	// A provider's award count describes its learners: fewer than the threshold is withheld, and a
	// second one beside it, since the providers' awards add up to the system's published total.
	const reasons = suppressCells({
		cells: rows,
		count: (r) => Number(r.learners),
		threshold: withheldBelow(suppression)
	}).reasons;
	return rows.map((r, i) => {
		const [awards, verified] = [
			publishedCount(suppression, Number(r.awards)),
			publishedCount(suppression, Number(r.verified))
		];
		const rated = !reasons[i] && awards > 0 && publishesRate(suppression, Number(r.awards));
		return {
			providerId: r.provider_id,
			awards: reasons[i] ? null : awards,
			verified: reasons[i] ? null : verified,
			share: rated ? verified / awards : null,
			suppressed: reasons[i]
		};
	});
}

async function providerAwardsFromBase(db: Db, context: QueryContext): Promise<ProviderAwards[]> {
	const provider = sql`coalesce(a.provider_id, c.provider_id)`;
	return db.query<ProviderAwards>(sql`
		select ${provider} as provider_id, count(*)::int as awards,
			count(*) filter (where a.verification = 'verified')::int as verified,
			count(distinct a.learner_id)::int as learners
		from ${AWARD_JOINS}
		where ${awardConditions(context)} and ${provider} is not null
		group by 1 order by 1`);
}

/**
 * From provider_award_rollup: today's counts for the system or one provider, filtered by
 * provider at most; null for any other question.
 */
async function providerAwardsFromRollup(
	db: Db,
	{ scope, asOf, data, filters }: QueryContext
): Promise<ProviderAwards[] | null> {
	if (asOf || scope.kind === 'learner' || filtersBeyondProvider(filters)) return null;
	const providers = [
		...(scope.kind === 'provider' ? [scope.providerId] : []),
		...(filters?.providerId ? [filters.providerId] : [])
	];
	return db.query<ProviderAwards>(sql`
		select provider_id, sum(awards)::int as awards, sum(verified)::int as verified, sum(learners)::int as learners
		from provider_award_rollup
		where ${originCondition(data, sql`origin`)}
			${sql.join(
				providers.map((p) => sql`and provider_id = ${p}`),
				sql` `
			)}
		group by 1 order by 1`);
}
