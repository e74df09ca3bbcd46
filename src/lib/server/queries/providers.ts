// The providers' view: each provider's credentials and cohorts against the system
// benchmark. Aggregates only; suppressed for everyone but an admin.
import type { Db } from '../db/client.ts';
import type { Suppression, CompletionEquityRow } from '../../domain/equity/index.ts';
import type { Provider } from '../../domain/types.ts';
import { getProviders } from './catalogue.ts';
import { getCompletion } from './completion.ts';
import type { QueryContext } from './scope.ts';
import { getVerificationShares } from './verification-shares.ts';
import type { ProviderSummary, VerificationShare } from '../../domain/dashboard-rows.ts';

import { getHeadlineFigures, type DashboardOptions, type SystemDashboard } from './system.ts';

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
	const [own, benchmark, ownEquity, verification] = await Promise.all([
		getHeadlineFigures(db, { ...scoped, verifiedOnly }),
		getHeadlineFigures(db, { ...system, verifiedOnly }),
		getCompletion(db, { ...scoped, by, reference }),
		getVerificationShares(db, scoped)
	]);
	const { completionByCohort: _c, ...benchmarkFigures } = benchmark;
	return {
		provider,
		own: { ...own, equity: ownEquity },
		benchmark: benchmarkFigures,
		verification: verification[0] ?? null
	};
}
