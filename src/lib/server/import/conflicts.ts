// The same-id rule: when an import brings a record whose id is already stored, the
// outcome follows from the records, not from which came last. A verified award is never replaced
// by an unverified version (failed, unsigned, unverified): the verified one stays, and the other
// is kept beside it in award_conflicts, flagged in the import's result and history. The catalogue
// entries and learner the losing document describes are only added where missing, never changed
// by it. Within one tabular file, an id on two lines is an error naming both.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rowsOf, type Orm } from '../db/client.ts';
import type { ImportIssue, ImportRow, ParsedUnit } from './records.ts';
import { rowKey } from './write.ts';

type RowsUnit = Extract<ParsedUnit, { kind: 'rows' }>;
type AwardRow = Extract<ImportRow, { table: 'awards' }>;

/** An award kept as a conflict: why, and how its own proof was judged (the file still counts it). */
export type Conflict = { issue: ImportIssue; verification: AwardRow['row']['verification'] };

const awardKey = (row: { learnerId: string; id: string }) => `${row.learnerId}\u0001${row.id}`;

const losingAwards = (unit: RowsUnit, verified: Set<string>) =>
	unit.rows.filter(
		(item): item is AwardRow =>
			item.table === 'awards' &&
			!item.mentioned &&
			item.row.verification !== 'verified' &&
			verified.has(awardKey(item.row))
	);

/**
 * Applies the rule to a chunk's units: an unverified award whose id holds a verified one is taken
 * out of its unit and kept as a conflict, and the rest of that unit only fills gaps. Returns the
 * units to write and one issue per conflict.
 */
export async function keepVerifiedAwards(
	tx: Orm,
	units: RowsUnit[],
	{ importId, source }: { importId: number; source: string }
): Promise<{ units: RowsUnit[]; conflicts: Conflict[] }> {
	const candidates = units.flatMap((u) =>
		u.rows.filter(
			(item): item is AwardRow =>
				item.table === 'awards' && !item.mentioned && item.row.verification !== 'verified'
		)
	);
	if (candidates.length === 0) return { units, conflicts: [] };
	const found = await rowsOf<{ learner_id: string; id: string }>(
		tx,
		sql`select a.learner_id, a.id from awards a
			join unnest(${sql.param(candidates.map((c) => c.row.learnerId))}::text[], ${sql.param(candidates.map((c) => c.row.id))}::text[]) as k(learner_id, id)
				on a.learner_id = k.learner_id and a.id = k.id
			where a.verification = 'verified'`
	);
	if (found.length === 0) return { units, conflicts: [] };
	const verified = new Set(found.map((r) => awardKey({ learnerId: r.learner_id, id: r.id })));
	const conflicts: Conflict[] = [];
	const kept: RowsUnit[] = [];
	for (const unit of units) {
		const losing = losingAwards(unit, verified);
		if (losing.length === 0) {
			kept.push(unit);
			continue;
		}
		for (const { row } of losing) {
			const version = JSON.stringify(row);
			await tx.execute(sql`insert into award_conflicts (learner_id, award_id, digest, version, import_id, source)
				values (${row.learnerId}, ${row.id}, ${createHash('sha256').update(version).digest('hex')},
					${version}::jsonb, ${importId}, ${source})
				on conflict do nothing`);
			conflicts.push({
				verification: row.verification,
				issue: {
					...unit.at,
					field: 'id',
					message: `award "${row.id}" conflicts with the verified award already stored under that id: the verified one is kept, and this ${row.verification} version is kept beside it as a conflict (award_conflicts)`
				}
			});
		}
		kept.push({
			...unit,
			rows: unit.rows
				.filter((item) => !losing.includes(item as AwardRow))
				.map((item) => ({ ...item, mentioned: true }))
		});
	}
	return { units: kept, conflicts };
}

type Duplicate = { unit: RowsUnit; issue: ImportIssue };

const duplicateOf = (unit: RowsUnit, table: string, earlierLine: number | undefined): Duplicate => ({
	unit,
	issue: {
		...unit.at,
		field: 'id',
		message: `this ${table} id is also on line ${earlierLine} of this file: an id names one record, so this line is rejected`
	}
});

/**
 * Rows of a tabular file (one row per unit) whose id an earlier line of the same file already
 * gave: each is an error naming both lines. Within a chunk by a map; across the chunks of the file
 * by a temporary table of the ids given so far (dropped with the import's transaction), so memory
 * stays flat however long the file.
 */
export async function duplicateIds(tx: Orm, units: RowsUnit[], importId: number): Promise<Duplicate[]> {
	const seen = new Map<string, number | undefined>();
	const duplicates: Duplicate[] = [];
	const first: { unit: RowsUnit; table: string; key: string }[] = [];
	for (const unit of units) {
		const [item] = unit.rows;
		if (!item || unit.rows.length !== 1 || item.mentioned) continue;
		const key = rowKey(item);
		const inChunk = `${unit.at.file}\u0002${item.table}\u0002${key}`;
		if (seen.has(inChunk)) duplicates.push(duplicateOf(unit, item.table, seen.get(inChunk)));
		else {
			seen.set(inChunk, unit.at.line);
			first.push({ unit, table: item.table, key });
		}
	}
	if (first.length === 0) return duplicates;
	await tx.execute(sql`create temporary table if not exists import_ids_given
		(import_id integer, file text, tbl text, key text, line integer, primary key (import_id, file, tbl, key))
		on commit drop`);
	// The earlier lines are read before this chunk's ids are added (one snapshot for the statement).
	const earlier = await rowsOf<{ i: number; line: number | null }>(
		tx,
		sql`with given as (
				select * from unnest(${sql.param(first.map((f) => f.unit.at.file))}::text[],
					${sql.param(first.map((f) => f.table))}::text[], ${sql.param(first.map((f) => f.key))}::text[],
					${sql.param(first.map((f) => f.unit.at.line ?? null))}::int[]) with ordinality as g(file, tbl, key, line, i)
			),
			added as (
				insert into import_ids_given (import_id, file, tbl, key, line)
				select ${importId}, file, tbl, key, line from given on conflict do nothing
			)
			select g.i::int as i, s.line from given g
			join import_ids_given s on s.import_id = ${importId} and (s.file, s.tbl, s.key) = (g.file, g.tbl, g.key)`
	);
	for (const { i, line } of earlier) {
		const { unit, table } = first[i - 1];
		duplicates.push(duplicateOf(unit, table, line ?? undefined));
	}
	// In the file's order, as every other error.
	const position = new Map(units.map((u, i) => [u, i]));
	return duplicates.sort((a, b) => position.get(a.unit)! - position.get(b.unit)!);
}
