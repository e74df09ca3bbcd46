// Stacking rate per qualification and group: the database gives each learner's held
// credentials (awards as of the cut-off, scope, consent and data origin applied) for learners who
// hold something that counts toward a qualification; the domain works out holders, achievers and
// progress; rates, intervals, equity comparison and suppression follow as for completion. Without a
// cut-off, the cells come from the panel sums instead (panel-read.ts), counted the same way.

import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { StackingRow } from '../../domain/dashboard-rows.ts';
import { type Suppression, completionEquity } from '../../domain/equity/index.ts';
import {
	PROGRESS_BINS,
	stackingOutcomes,
	type StackingCell,
	type CatalogueIndex
} from '../../domain/stacking/index.ts';
import { suppressTable, publishedCount, withheldBelow } from '../../domain/suppression/index.ts';
import { marginsOf } from './disclosure.ts';
import type { GroupDimension } from '../../domain/types.ts';
import { getCatalogueIndex } from './catalogue-cache.ts';
import { groupInput } from './completion.ts';
import { stackingCellsFromRollup } from './panel-read.ts';
import { breakdownColumn, originCondition, type QueryContext } from './scope.ts';

type StackingQuestion = QueryContext & {
	qualification?: string;
	by?: GroupDimension[];
	reference?: string;
	suppression: Suppression;
	source?: 'rollups' | 'base';
};

export async function getStacking(
	db: Db,
	{ qualification, by = [], reference, suppression, scope, asOf, data, source = 'rollups' }: StackingQuestion
): Promise<StackingRow[]> {
	const index = await getCatalogueIndex(db);
	if (qualification && !index.topGroups.has(qualification)) return [];
	const question = { qualification, by, scope, asOf, data };
	const cells =
		(source === 'rollups' ? await stackingCellsFromRollup(db, question) : null) ??
		(await stackingCellsFromBase(db, index, question));
	const margins = await stackingMargins(db, { ...question, reference, suppression, source });
	const out: StackingRow[] = [];
	const targets = [...new Set(cells.map((c) => c.qualification))];
	for (const target of targets)
		out.push(
			...(await qualificationRows({
				target,
				cells: cells.filter((c) => c.qualification === target),
				by,
				reference,
				suppression,
				margins,
				index
			}))
		);
	return out;
}

/** The views a breakdown's cells are suppressed knowing. */
type StackingMargins = { oneDimension?: StackingRow[][]; whole?: StackingRow[] };

/**
 * Pairs are suppressed knowing how each dimension alone publishes its groups (disclosure.ts); a
 * breakdown's bins add up, over its groups, to the bins of the view without it (suppress-table.ts).
 */
async function stackingMargins(
	db: Db,
	{ by = [], suppression, ...question }: StackingQuestion
): Promise<StackingMargins> {
	if (withheldBelow(suppression) === 0) return {};
	if (by.length === 2)
		return {
			oneDimension: await Promise.all(by.map((d) => getStacking(db, { ...question, by: [d], suppression })))
		};
	if (by.length === 1) return { whole: await getStacking(db, { ...question, by: [], suppression }) };
	return {};
}

/** One qualification's rows (null: all of them) as published. */
async function qualificationRows({
	target,
	cells,
	by,
	reference,
	suppression,
	margins: { oneDimension, whole },
	index
}: {
	target: string | null;
	cells: StackingCell[];
	by: GroupDimension[];
	reference?: string;
	suppression: Suppression;
	margins: StackingMargins;
	index: CatalogueIndex;
}): Promise<StackingRow[]> {
	const binDecisions = (rows: StackingRow[]) =>
		new Map(
			rows
				.filter((r) => r.qualification === target)
				.map((r) => [
					by.length === 1 ? '' : String(r.group),
					r.progress.map((b) => (b.learners === null ? 'withheld' : null))
				])
		);
	const equity = completionEquity({
		rows: cells.map((c) => ({
			group: groupInput(c.groups),
			completed: c.achieved,
			known: c.holders,
			inProgress: 0,
			learners: c.holders
		})),
		reference,
		suppression,
		margins: await marginsOf(by, suppression, async ([d]) =>
			oneDimension![by.indexOf(d as GroupDimension)].filter((r) => r.qualification === target)
		)
	});
	// Progress bins are cells too: a bin of fewer learners than the threshold is withheld, and
	// others beside it so it can be worked out neither from its group's published holders nor
	// from the same bin of the view without the breakdown (or, for a pair, of each dimension
	// alone). An empty bin tells nothing about anyone: published as 0, the last complement.
	const bins =
		suppression === false
			? null
			: suppressTable({
					rows: cells.map((c, i) => ({
						groups: c.groups,
						parts: c.progress,
						withheld: equity.rows[i].suppressed
					})),
					threshold: withheldBelow(suppression),
					margins:
						by.length === 1
							? [whole && binDecisions(whole)]
							: by.length === 2
								? oneDimension!.map((rows) => binDecisions(rows))
								: []
				});
	return equity.rows.map((row, i) => {
		const cell = cells[i];
		const published = row.suppressed === null;
		const { completed: _c, known: _k, inProgress: _i, ...rest } = row;
		return {
			...rest,
			qualification: target,
			title: target ? (index.credentials.get(target)?.title ?? null) : null,
			holders: _k,
			achieved: _c,
			progress: PROGRESS_BINS.map((b, j) => ({
				bin: b.label,
				learners: published && !bins?.[i][j] ? publishedCount(suppression, cell.progress[j]) : null
			}))
		};
	});
}

/** The cells counted from each learner's awards in the base tables. */
async function stackingCellsFromBase(
	db: Db,
	index: CatalogueIndex,
	{ qualification, by, scope, asOf, data }: QueryContext & { qualification?: string; by: GroupDimension[] }
): Promise<StackingCell[]> {
	const groupCols = by.map((d, i) => sql`${breakdownColumn(d)} as ${sql.raw(`g${i}`)}`);
	const rows = await db.query<Record<string, string | string[]>>(sql`
		with counting as (select distinct m.credential_id from requirement_members m
			${qualification ? sql`join requirement_groups g on g.id = m.group_id where g.target_credential_id = ${qualification}` : sql``}
			union select recognised.credential_id from recognitions recognised)
		select ${sql.join([...groupCols, sql`array_agg(a.credential_id) as held`], sql`, `)}
		from awards a
		join learners l on l.id = a.learner_id
		where l.analytics_consent and ${originCondition(data)}
			${asOf ? sql`and a.issued_on <= ${asOf}::date` : sql``}
			${scope.kind === 'provider' ? sql`and exists (select 1 from awards x join credentials xc on xc.id = x.credential_id where x.learner_id = a.learner_id and coalesce(x.provider_id, xc.provider_id) = ${scope.providerId})` : sql``}
			${scope.kind === 'learner' ? sql`and a.learner_id = ${scope.learnerId}` : sql``}
		group by a.learner_id ${by.length ? sql.raw(', ' + by.map((_, i) => `g${i}`).join(', ')) : sql``}
		-- Holders only: learners with something that counts toward a qualification. One pass over
		-- the awards (the held list may repeat a credential; the domain reads it as a set).
		having bool_or(a.credential_id in (select credential_id from counting))`);

	return stackingOutcomes({
		catalogue: index,
		qualifications: qualification ? [qualification] : undefined,
		learners: rows.map((r) => ({ held: r.held as string[], groups: by.map((_, i) => String(r[`g${i}`])) }))
	});
}
