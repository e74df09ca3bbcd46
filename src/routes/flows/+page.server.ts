import type { PageServerLoad } from './$types';
import { accessFor } from '$lib/server/auth/access.ts';
import { getDb } from '$lib/server/db/index.ts';
import { flowsPageParams, parseQuery } from '$lib/server/http/params.ts';
import { getFlowsPageView } from '$lib/server/queries/flows-page.ts';
import { disclosureText } from '$lib/i18n/names.ts';

// The filters live in the URL (a GET form), so a copied link or the back button gives the same
// view. Real and generated learners are never counted together: one origin per figure.
// The disclosure policy is said in the reader's language (the query layer's is the domain's English).
export const load: PageServerLoad = async ({ url, locals }) => {
	const access = accessFor(locals);
	const view = await getFlowsPageView(await getDb(), access, parseQuery(url, flowsPageParams));
	return { ...view, disclosure: disclosureText(access.suppression) };
};
