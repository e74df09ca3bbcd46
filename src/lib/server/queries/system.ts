// Everything the system dashboard (/system) and a provider's dashboard (/providers/[id]) show, in
// one call from their load functions: aggregates only (one row per group, never per learner),
// suppressed for everyone but an admin, all under the same scope, cut-off and filters.
import type { Db } from '../db/client.ts';
import type { Suppression, CompletionEquity, CompletionEquityRow } from '../../domain/equity/index.ts';
import { getCompletion } from './completion.ts';
import {
	getConformance,
	narrowedAwardsWithheld,
	type PublishedShares,
	type WithheldMissingElement
} from './conformance.ts';
import { getIssuance, type IssuanceBreakdown } from './issuance.ts';
import type { IssuanceRow, StackingRow } from '../../domain/dashboard-rows.ts';
import { getOverview, publishOverview, type PublishedOverview } from './overview.ts';
import type { Breakdown, QueryContext } from './scope.ts';
import { getStacking } from './stacking.ts';
import { getTimeToCredential, type TimeToCredentialResult } from './time-to-credential.ts';

export type DashboardOptions = QueryContext & {
	suppression: Suppression;
	/** The equity panel's one or two dimensions, and its reference group. */
	by: Breakdown[];
	reference?: string;
	issuanceBy: IssuanceBreakdown;
	verifiedOnly: boolean;
};

export type SystemDashboard = {
	overview: PublishedOverview;
	completion: CompletionEquityRow;
	completionByCredential: CompletionEquityRow[];
	/** The completion tile's trend. */
	completionByCohort: CompletionEquityRow[];
	timeToCredential: TimeToCredentialResult;
	/**
	 * The median tile's trend: each cohort's median (null when withheld or not reached). Medians
	 * only: the curves behind them are thousands of points the page never draws (0.9 MB of page
	 * data for 1,000 generated credentials' cohorts).
	 */
	timeToCredentialByCohort: Pick<TimeToCredentialResult, 'group' | 'median' | 'suppressed'>[];
	/** Every learner–qualification pair together (null when nothing counts toward a qualification). */
	stacking: StackingRow | null;
	stackingByQualification: StackingRow[];
	equity: CompletionEquity;
	issuance: IssuanceRow[];
	conformance: { shares: PublishedShares | null; missing: WithheldMissingElement[] };
};

/** The figures both dashboards lead with, for one question: counts, completion and its wait. */
export type HeadlineFigures = Pick<
	SystemDashboard,
	'overview' | 'completion' | 'completionByCredential' | 'completionByCohort' | 'timeToCredential'
>;

export async function getHeadlineFigures(
	db: Db,
	{ verifiedOnly, ...context }: QueryContext & { suppression: Suppression; verifiedOnly: boolean }
): Promise<HeadlineFigures> {
	const [overview, all, byCredential, byCohort, ttc, awardsWithheld] = await Promise.all([
		getOverview(db, { ...context, verifiedOnly }),
		getCompletion(db, context),
		getCompletion(db, { ...context, by: ['credential'] }),
		getCompletion(db, { ...context, by: ['cohort'] }),
		getTimeToCredential(db, context),
		narrowedAwardsWithheld(db, { ...context, verifiedOnly })
	]);
	return {
		overview: publishOverview(overview, context.suppression, awardsWithheld),
		completion: all.rows[0],
		completionByCredential: byCredential.rows,
		completionByCohort: byCohort.rows,
		timeToCredential: ttc.groups[0]
	};
}

export async function getSystemDashboard(db: Db, options: DashboardOptions): Promise<SystemDashboard> {
	const { by, reference, issuanceBy, verifiedOnly, ...context } = options;
	const [headline, ttcByCohort, stacking, equity, issuance, conformance] = await Promise.all([
		getHeadlineFigures(db, { ...context, verifiedOnly }),
		getTimeToCredential(db, { ...context, by: ['cohort'] }),
		getStacking(db, { ...context, by: [] }),
		getCompletion(db, { ...context, by, reference }),
		getIssuance(db, { ...context, by: issuanceBy, verifiedOnly }),
		getConformance(db, { ...context, verifiedOnly })
	]);
	return {
		...headline,
		timeToCredentialByCohort: ttcByCohort.groups.map(({ group, median, suppressed }) => ({
			group,
			median,
			suppressed
		})),
		stacking: stacking.find((r) => r.qualification === null) ?? null,
		stackingByQualification: stacking.filter((r) => r.qualification !== null),
		equity,
		issuance,
		conformance: { shares: conformance.shares, missing: conformance.missing }
	};
}
