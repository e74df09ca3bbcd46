// The providers' view (issue 7): each provider's credentials and cohorts against the system
// benchmark. Aggregates only; suppressed for everyone but an admin.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { Suppression } from '../../domain/equity/compare-groups.ts';
import type { CompletionEquityRow } from '../../domain/equity/completion-equity.ts';
import { suppressCells } from '../../domain/suppression/suppress-cells.ts';
import { publishedCount, publishesRate, withheldBelow } from '../../domain/suppression/policy.ts';
import type { Provider } from '../../domain/types.ts';
import { getProviders } from './catalogue.ts';
import { getCompletion } from './completion.ts';
import { getOverview, publishOverview } from './overview.ts';
import { AWARD_JOINS, awardConditions, type QueryContext } from './scope.ts';
import { getTimeToCredential } from './time-to-credential.ts';

import type { DashboardOptions, SystemDashboard } from './system.ts';

export type VerificationShare = {
	providerId: string;
	awards: number | null;
	verified: number | null;
	/** verified ÷ awards. */
	share: number | null;
	suppressed: string | null;
};

/** Each provider's awards and how many of them were verified (signatures or proofs checked). */
export async function getVerificationShares(
	db: Db,
	{ suppression, ...context }: QueryContext & { suppression: Suppression }
): Promise<VerificationShare[]> {
	const provider = sql`coalesce(a.provider_id, c.provider_id)`;
	const rows = await db.query<{
		provider_id: string;
		awards: number;
		verified: number;
		learners: number;
	}>(sql`
		select ${provider} as provider_id, count(*)::int as awards,
			count(*) filter (where a.verification = 'verified')::int as verified,
			count(distinct a.learner_id)::int as learners
		from ${AWARD_JOINS}
		where ${awardConditions(context)} and ${provider} is not null
		group by 1 order by 1`);
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

export type ProviderSummary = {
	provider: Provider;
	completion: CompletionEquityRow | null;
	verification: VerificationShare | null;
};

/** Every provider with its completion rate and verified share, for /providers. */
export async function getProviderSummaries(
	db: Db,
	context: QueryContext & { suppression: Suppression }
): Promise<{ system: CompletionEquityRow; providers: ProviderSummary[] }> {
	const [providers, all, byProvider, verification] = await Promise.all([
		getProviders(db),
		getCompletion(db, context),
		getCompletion(db, { ...context, by: ['provider'] }),
		getVerificationShares(db, context)
	]);
	const completion = new Map(byProvider.rows.map((r) => [r.group, r]));
	const verified = new Map(verification.map((v) => [v.providerId, v]));
	return {
		system: all.rows[0],
		providers: providers
			.filter((p) => completion.has(p.id) || verified.has(p.id))
			.map((provider) => ({
				provider,
				completion: completion.get(provider.id) ?? null,
				verification: verified.get(provider.id) ?? null
			}))
	};
}

export type ProviderDashboard = {
	provider: Provider;
	/** The provider's own figures (scope: the provider). */
	own: Pick<
		SystemDashboard,
		| 'overview'
		| 'completion'
		| 'completionByCredential'
		| 'completionByCohort'
		| 'timeToCredential'
		| 'equity'
	>;
	/** The system benchmark, as suppressed aggregates. */
	benchmark: Pick<SystemDashboard, 'completion' | 'completionByCredential' | 'timeToCredential' | 'overview'>;
	verification: VerificationShare | null;
};

export async function getProviderDashboard(
	db: Db,
	providerId: string,
	options: DashboardOptions
): Promise<ProviderDashboard | undefined> {
	const provider = (await getProviders(db)).find((p) => p.id === providerId);
	if (!provider) return undefined;
	// The provider's figures, and the benchmark: the whole system under the same filters (and the
	// caller's suppression).
	const { by, reference, issuanceBy: _i, verifiedOnly, ...context } = options;
	const scoped = { ...context, scope: { kind: 'provider', providerId } as const };
	const system = { ...context, scope: { kind: 'system' } as const };
	const [
		ownOverview,
		ownCompletion,
		ownByCredential,
		ownByCohort,
		ownTtc,
		ownEquity,
		overview,
		completion,
		byCredential,
		ttc,
		verification
	] = await Promise.all([
		getOverview(db, { ...scoped, verifiedOnly }),
		getCompletion(db, scoped),
		getCompletion(db, { ...scoped, by: ['credential'] }),
		getCompletion(db, { ...scoped, by: ['cohort'] }),
		getTimeToCredential(db, scoped),
		getCompletion(db, { ...scoped, by, reference }),
		getOverview(db, { ...system, verifiedOnly }),
		getCompletion(db, system),
		getCompletion(db, { ...system, by: ['credential'] }),
		getTimeToCredential(db, system),
		getVerificationShares(db, scoped)
	]);
	return {
		provider,
		own: {
			overview: publishOverview(ownOverview, options.suppression),
			completion: ownCompletion.rows[0],
			completionByCredential: ownByCredential.rows,
			completionByCohort: ownByCohort.rows,
			timeToCredential: ownTtc.groups[0],
			equity: ownEquity
		},
		benchmark: {
			overview: publishOverview(overview, options.suppression),
			completion: completion.rows[0],
			completionByCredential: byCredential.rows,
			timeToCredential: ttc.groups[0]
		},
		verification: verification[0] ?? null
	};
}
