import type { PageServerLoad } from './$types';
import { accessFor } from '$lib/server/auth/access.ts';
import { getDb } from '$lib/server/db/index.ts';
import {
	dashboardOptionsOf,
	dashboardParams,
	parseQuery,
	refusingUnknownReference
} from '$lib/server/http/params.ts';
import { getSystemPage } from '$lib/server/queries/dashboard-pages.ts';
import { pageRows } from '$lib/view/page-rows.ts';
import { disclosureText } from '$lib/i18n/names.ts';

// Server-side so the page arrives with its numbers (no per-learner rows ever reach the browser).
// The filters are the URL's query, so a copied link shows the same view.
export const load: PageServerLoad = async ({ url, locals }) => {
	const params = parseQuery(url, dashboardParams);
	const { scope, suppression } = accessFor(locals);
	const page = await refusingUnknownReference(
		getSystemPage(await getDb(), { scope, suppression, ...dashboardOptionsOf(params) })
	);
	const { completionByCredential } = page.dashboard;
	return {
		...page,
		// The disclosure policy in the reader's language (the query layer's is the domain's English).
		disclosure: disclosureText(suppression),
		params,
		// The by-credential panel's rows for the page; all of them are the data endpoint's.
		dashboard: { ...page.dashboard, completionByCredential: pageRows(completionByCredential) },
		credentialCount: completionByCredential.length
	};
};
