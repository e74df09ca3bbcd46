import type { RequestHandler } from './$types';
import { error, json } from '@sveltejs/kit';
import { accessFor } from '$lib/server/auth/access.ts';
import { learnerLookup } from '$lib/server/auth/lookup.ts';
import { getDb } from '$lib/server/db/index.ts';
import { pseudonymOf } from '$lib/server/queries/learner-ids.ts';
import { suggestionParams } from '$lib/server/http/learner-params.ts';
import { parseQuery } from '$lib/server/http/params.ts';
import { getSuggestions } from '$lib/server/queries/recommend.ts';

// A learner's next steps with their reasons. The key is the id or the pseudonym (the route policy
// has already checked the caller may see this learner); the body names the learner by what the
// caller may see — the id for admins, the pseudonym for everyone else.
export const GET: RequestHandler = async ({ params, url, locals }) => {
	const query = parseQuery(url, suggestionParams);
	const db = await getDb();
	const learnerId = await learnerLookup(db).learnerIdOf(params.id);
	if (!learnerId) error(404, 'Not found');
	const access = accessFor(locals);
	// A provider's suggestions rest on its own records of the learner, not other providers'.
	const recordsOf = access.scope.kind === 'provider' ? access.scope.providerId : null;
	const result = await getSuggestions(db, learnerId, {
		...query,
		recordsOf,
		suppression: access.suppression
	});
	if (!result) error(404, 'Not found');
	const learner = access.seesLearnerIds ? learnerId : await pseudonymOf(db, learnerId);
	return json({
		learner,
		data: result.origin,
		goal: result.goal,
		k: query.k,
		recommendations: result.recommendations
	});
};
