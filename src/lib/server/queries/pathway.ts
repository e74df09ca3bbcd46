// A learner's pathway: what they hold, how it stacks toward qualifications, and the shortest way
// to finish one. The rules come from the catalogue; the holdings from the database.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
	learnerProgress,
	planCompletion,
	PlanError,
	type Objective,
	type Plan,
	type Progress
} from '../../domain/stacking/index.ts';
import { getCatalogueIndex } from './catalogue-cache.ts';
import { getTimeToCredential } from './time-to-credential.ts';

/** Credentials a learner has been awarded (as of a date), oldest first. */
export async function getLearnerHoldings(
	db: Db,
	learnerId: string,
	asOf?: string,
	/** Only the awards this provider made (a provider's view of the learner); null: all. */
	recordsOf: string | null = null
): Promise<string[]> {
	const rows = await db.query<{ credential_id: string }>(sql`
		select a.credential_id from awards a
		${recordsOf === null ? sql`` : sql`join credentials c on c.id = a.credential_id`}
		where a.learner_id = ${learnerId}
		${asOf ? sql`and a.issued_on <= ${asOf}::date` : sql``}
		${recordsOf === null ? sql`` : sql`and coalesce(a.provider_id, c.provider_id) = ${recordsOf}`}
		group by a.credential_id order by min(a.issued_on), a.credential_id`);
	return rows.map((r) => r.credential_id);
}

export async function getProgress(
	db: Db,
	{ held, onlyReachable = true }: { held: string[]; onlyReachable?: boolean }
): Promise<Progress> {
	return learnerProgress({ catalogue: await getCatalogueIndex(db), held, onlyReachable });
}

/**
 * Median days to complete each credential (Aalen–Johansen, all data, real learners), for the
 * "least expected time" objective; credentials whose curve never reaches one half have none.
 */
export async function getMedianDaysByCredential(db: Db): Promise<Map<string, number>> {
	const result = await getTimeToCredential(db, {
		scope: { kind: 'system' },
		by: ['credential'],
		suppression: false,
		data: 'all'
	});
	const out = new Map<string, number>();
	for (const g of result.groups)
		if (g.group !== null && g.median?.days != null) out.set(g.group, g.median.days);
	return out;
}

export type PlanResult =
	| { ok: true; plan: Plan }
	| { ok: false; target: string; objective: Objective; error: string; reasons: string[] };

export async function getPlan(
	db: Db,
	{
		held,
		target,
		objective = 'count',
		medianDays
	}: {
		held: string[];
		target: string;
		objective?: Objective;
		/** getMedianDaysByCredential's answer, when planning several targets at once (read once, not per plan). */
		medianDays?: Map<string, number>;
	}
): Promise<PlanResult> {
	const index = await getCatalogueIndex(db);
	if (!index.credentials.has(target))
		return { ok: false, target, objective, error: `no credential "${target}" in the catalogue`, reasons: [] };
	if (!(index.topGroups.get(target)?.length ?? 0))
		return {
			ok: false,
			target,
			objective,
			error: `"${target}" has no requirements to complete (it is not a qualification)`,
			reasons: []
		};
	try {
		const days = objective === 'time' ? (medianDays ?? (await getMedianDaysByCredential(db))) : undefined;
		return {
			ok: true,
			plan: planCompletion({ catalogue: index, target, held, objective, medianDays: days })
		};
	} catch (error) {
		if (error instanceof PlanError)
			return { ok: false, target, objective, error: error.message, reasons: error.reasons };
		// The objective's figures are missing (no hours, or no median time, for some unit).
		return { ok: false, target, objective, error: (error as Error).message, reasons: [] };
	}
}
