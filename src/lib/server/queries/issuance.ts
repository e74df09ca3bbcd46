// Issuance over time (/system): awards per quarter of issue, whole system or by level,
// provider kind, mode of participation or QA approach. One row per quarter and group, never per
// learner; cells describing fewer learners than the threshold are withheld, and a second cell
// wherever the first could be worked out from its quarter's total or the grand total. Without a
// cut-off, the cells come from the panel sums (panel-read.ts).

import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { IssuanceRow } from '../../domain/dashboard-rows.ts';
import type { Suppression } from '../../domain/equity/index.ts';
import { suppressCells, publishedCount, withheldBelow } from '../../domain/suppression/index.ts';
import { issuanceCellsFromRollup, type IssuanceCell } from './panel-read.ts';
import { AWARD_JOINS, awardConditions, type QueryContext } from './scope.ts';

export const ISSUANCE_BREAKDOWNS = ['none', 'level', 'provider_kind', 'mode', 'qa_approach'] as const;
export type IssuanceBreakdown = (typeof ISSUANCE_BREAKDOWNS)[number];

/** An award's quarter of issue, "2014-Q2" (the panel sums count by it too). */
export const ISSUE_QUARTER = sql`to_char(a.issued_on, 'YYYY') || '-Q' || to_char(a.issued_on, 'Q')`;

/** Each breakdown's group of an award (a, its credential c, its issuing provider p): the panel sums count by them too. */
export const ISSUANCE_GROUP_COLUMNS: Record<IssuanceBreakdown, string> = {
	none: "'all'",
	level: "coalesce(c.level_framework || ' ' || c.level, c.level, 'not stated')",
	provider_kind: "coalesce(p.kind, 'not stated')",
	mode: "coalesce(c.participation_mode, 'not stated')",
	qa_approach: "coalesce(p.qa_approach, 'not stated')"
};

export async function getIssuance(
	db: Db,
	{
		by = 'none',
		verifiedOnly = false,
		suppression,
		source = 'rollups',
		...context
	}: QueryContext & {
		by?: IssuanceBreakdown;
		verifiedOnly?: boolean;
		suppression: Suppression;
		source?: 'rollups' | 'base';
	}
): Promise<IssuanceRow[]> {
	const question = { by, verifiedOnly, ...context };
	const cells =
		(source === 'rollups' ? await issuanceCellsFromRollup(db, question) : null) ??
		(await issuanceCellsFromBase(db, question));
	const byPeriod = new Map<string, number[]>();
	cells.forEach((c, i) => byPeriod.set(c.period, [...(byPeriod.get(c.period) ?? []), i]));
	const reasons = suppressCells({
		cells,
		count: (c) => c.learners,
		threshold: withheldBelow(suppression),
		sets: [...byPeriod.values(), cells.map((_, i) => i)]
	}).reasons;
	return cells.map((c, i) => ({
		period: c.period,
		group: c.group,
		awards: reasons[i] ? null : publishedCount(suppression, c.awards),
		suppressed: reasons[i]
	}));
}

async function issuanceCellsFromBase(
	db: Db,
	{ by, verifiedOnly, ...context }: QueryContext & { by: IssuanceBreakdown; verifiedOnly: boolean }
): Promise<IssuanceCell[]> {
	const rows = await db.query<{ period: string; grp: string; awards: number; learners: number }>(sql`
		select ${ISSUE_QUARTER} as period,
			${sql.raw(ISSUANCE_GROUP_COLUMNS[by])} as grp,
			count(*)::int as awards, count(distinct a.learner_id)::int as learners
		from ${AWARD_JOINS}
		where ${awardConditions(context)}
			${verifiedOnly ? sql`and a.verification = 'verified'` : sql``}
		group by 1, 2 order by 1, 2`);
	return rows.map((r) => ({
		period: r.period,
		group: r.grp,
		awards: Number(r.awards),
		learners: Number(r.learners)
	}));
}
