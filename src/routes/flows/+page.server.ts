import type { PageServerLoad } from './$types';
import { accessFor } from '$lib/server/auth/access.ts';
import { getDb } from '$lib/server/db/index.ts';
import { flowsPageParams, parseQuery } from '$lib/server/http/params.ts';
import { getFlowsPageView } from '$lib/server/queries/flows-page.ts';

// The filters live in the URL (a GET form), so a copied link or the back button gives the same
// view. Real and generated learners are never counted together: one origin per figure.
export const load: PageServerLoad = async ({ url, locals }) =>
	getFlowsPageView(await getDb(), accessFor(locals), parseQuery(url, flowsPageParams));
