// Privacy by design: a learner's analytics consent, and retention — enrolments older
// than the retention period are deleted with their awards, then the learners and import records
// left with nothing.
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from './db/client.ts';
import { credentialsOfLearners, refreshRollups } from './rollups.ts';
import { LearnerChanges } from './panel-rollups.ts';
import { forgetPseudonyms } from './pseudonyms.ts';

import { audit } from './auth/audit.ts';

/** Opting out removes a learner from every aggregate and flow; opting in restores them. */
export async function setAnalyticsConsent(
	db: Db,
	learnerId: string,
	consent: boolean,
	actorId: number | null
): Promise<boolean> {
	const updated = await db.orm.transaction(async (tx) => {
		const learners = new LearnerChanges(tx);
		await learners.before([learnerId]);
		const rows = await rowsOf<{ id: string }>(
			tx,
			sql`update learners set analytics_consent = ${consent} where id = ${learnerId} returning id`
		);
		if (rows.length > 0)
			await refreshRollups(tx, { credentials: await credentialsOfLearners(tx, [learnerId]), learners });

		return rows.length > 0;
	});
	if (!updated) return false;
	await audit(db, { userId: actorId, action: 'consent-changed', detail: { learner: learnerId, consent } });
	return true;
}

export type RetentionResult = {
	cutoff: string;
	enrolments: number;
	awards: number;
	learners: number;
	imports: number;
};

/**
 * Deletes enrolments that started before `today − years`, awards of those enrolments or issued
 * before then, learners left with no enrolment and no award, and the import records that brought
 * the deleted rows once none of their rows remain. One transaction; audited.
 */
export async function applyRetention(
	db: Db,
	{ years, today = new Date(), actorId = null }: { years: number; today?: Date; actorId?: number | null }
): Promise<RetentionResult> {
	if (!(Number.isInteger(years) && years > 0))
		throw new Error(`retention: years must be a whole number > 0, not ${years}`);
	const cutoffDate = new Date(
		Date.UTC(today.getUTCFullYear() - years, today.getUTCMonth(), today.getUTCDate())
	);
	const cutoff = cutoffDate.toISOString().slice(0, 10);
	const result = await db.orm.transaction(async (tx) => {
		const rows = async <T>(q: ReturnType<typeof sql>) => {
			const r = (await tx.execute(q)) as unknown;
			return (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];
		};
		// Awards of old enrolments, and awards issued before the cut-off.
		const awards = await rows<{ import_id: number | null }>(sql`delete from awards a
			where a.issued_on < ${cutoff}::date
				or exists (select 1 from enrolments e where e.learner_id = a.learner_id and e.id = a.enrolment_id and e.started_on < ${cutoff}::date)
			returning a.import_id`);
		const enrolments = await rows<{ import_id: number | null }>(
			sql`delete from enrolments where started_on < ${cutoff}::date returning import_id`
		);
		// Learners with an account stay. (Read first, and passed as a list: on Citus a statement on
		// the distributed learners cannot read the coordinator's users table in a subquery.)
		const withAccount = (
			await rows<{ learner_id: string }>(sql`select learner_id from users where learner_id is not null`)
		).map((r) => r.learner_id);
		const learners = await rows<{ id: string; pseudonym: string | null }>(sql`delete from learners l
			where not exists (select 1 from enrolments e where e.learner_id = l.id)
			and not exists (select 1 from awards a where a.learner_id = l.id)
			and not (l.id = any(${sql.param(withAccount)}::text[]))
			returning id, pseudonym`);
		await forgetPseudonyms(
			tx,
			learners.map((l) => l.pseudonym)
		);
		// The imports that brought the deleted records, once none of their records remain.
		const brought = [
			...new Set([...awards, ...enrolments].map((r) => r.import_id).filter((id): id is number => id !== null))
		];
		await refreshRollups(tx, 'all');
		// Those still cited by a record are kept (found first: see users above).
		const cited = brought.length
			? (
					await rows<{
						import_id: number;
					}>(sql`select import_id from enrolments where import_id = any(${sql.param(brought)}::int[])
						union select import_id from awards where import_id = any(${sql.param(brought)}::int[])`)
				).map((r) => r.import_id)
			: [];
		const imports = brought.length
			? await rows(sql`delete from imports i where i.id = any(${sql.param(brought)}::int[])
				and not (i.id = any(${sql.param(cited)}::int[]))
				returning id`)
			: [];
		return {
			cutoff,
			enrolments: enrolments.length,
			awards: awards.length,
			learners: learners.length,
			imports: imports.length
		};
	});
	await audit(db, { userId: actorId, action: 'retention', detail: result });
	return result;
}
