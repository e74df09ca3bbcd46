import type { PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { accessFor } from '$lib/server/auth/access.ts';
import { learnerLookup } from '$lib/server/auth/lookup.ts';
import { getDb } from '$lib/server/db/index.ts';
import { learnerPageParams } from '$lib/server/http/learner-params.ts';
import { parseQuery } from '$lib/server/http/params.ts';
import { getLearnerPage } from '$lib/server/queries/learner-page.ts';
import { issuerKeyConfigured } from '$lib/server/record/keys.ts';

// Server-side: the page arrives with its numbers, and the learner's raw id never reaches a
// non-admin's browser (the query returns the pseudonym for them). The route policy has already
// checked that the caller may open this learner (their own record, their provider's, or admin).
export const load: PageServerLoad = async ({ params, url, locals }) => {
	const { objective, goal } = parseQuery(url, learnerPageParams);
	const db = await getDb();
	const learnerId = await learnerLookup(db).learnerIdOf(params.id);
	if (!learnerId) error(404, 'Not found');
	const access = accessFor(locals);
	const page = await getLearnerPage(db, {
		learnerId,
		seesLearnerIds: access.seesLearnerIds,
		// A provider sees its own records of the learner, not other providers'.
		recordsOf: access.scope.kind === 'provider' ? access.scope.providerId : null,
		ownPage: locals.user?.role === 'learner' && locals.user.learnerId === learnerId,
		objective,
		goal,
		suppression: access.suppression
	});
	if (!page) error(404, 'Not found');
	// The signed record: the learner's own download (or an admin's), when the deployment has a key.
	const record = page.ownPage || access.seesLearnerIds ? { signing: issuerKeyConfigured() } : null;
	return { learner: page, record };
};
