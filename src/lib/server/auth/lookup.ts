// The database side of the route policy: which learner a URL names, and whose learner they are.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { LearnerLookup } from './policy.ts';
import { learnerIdOf } from '../pseudonyms.ts';

export function learnerLookup(db: Db): LearnerLookup {
	return {
		// By id, then through the pseudonym lookup: each one index probe (one shard on Citus).
		learnerIdOf: (key) => learnerIdOf(db.orm, key),
		async providerHasLearner(providerId, learnerId) {
			const [row] = await db.query<{ yes: boolean }>(sql`select exists (
				select 1 from enrolments e join credentials c on c.id = e.credential_id where e.learner_id = ${learnerId} and coalesce(e.provider_id, c.provider_id) = ${providerId}
				union all
				select 1 from awards a join credentials c on c.id = a.credential_id where a.learner_id = ${learnerId} and coalesce(a.provider_id, c.provider_id) = ${providerId}
			) as yes`);
			return Boolean(row?.yes);
		}
	};
}
