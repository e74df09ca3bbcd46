// A catalogue entry's outcomes: the dashboard's own figures for that one credential —
// the same queries /system?credential=ID runs (all cohorts, as of today, the caller's scope and
// suppression), so the catalogue page and the dashboard it links to cannot disagree.
import type { Db } from '../db/client.ts';
import type { Suppression, CompletionEquityRow } from '../../domain/equity/index.ts';
import { getCompletion } from './completion.ts';
import { narrowedAwardsWithheld } from './conformance.ts';
import { getOverview, publishOverview, type PublishedOverview } from './overview.ts';
import type { Scope } from '../../domain/scope.ts';
import { getTimeToCredential, type TimeToCredentialResult } from './time-to-credential.ts';

export type CredentialOutcomes = {
	/** Whose records these are: real learners when any took it, else the generated demo learners. */
	data: 'real' | 'generated';
	overview: PublishedOverview;
	completion: CompletionEquityRow;
	timeToCredential: TimeToCredentialResult;
};

/** Null when no learner in the caller's scope has enrolled in the credential. */
export async function getCredentialOutcomes(
	db: Db,
	{ scope, suppression, credentialId }: { scope: Scope; suppression: Suppression; credentialId: string }
): Promise<CredentialOutcomes | null> {
	for (const data of ['real', 'generated'] as const) {
		const context = { scope, data, filters: { credentialId } };
		const overview = await getOverview(db, context);
		if (overview.enrolments === 0) continue;
		const [completion, timeToCredential, awardsWithheld] = await Promise.all([
			getCompletion(db, { ...context, suppression }),
			getTimeToCredential(db, { ...context, suppression }),
			narrowedAwardsWithheld(db, { ...context, suppression })
		]);
		return {
			data,
			overview: publishOverview(overview, suppression, awardsWithheld),
			completion: completion.rows[0],
			timeToCredential: timeToCredential.groups[0]
		};
	}
	return null;
}
