import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { accessFor } from '$lib/server/auth/access.ts';
import { getDb } from '$lib/server/db/index.ts';
import {
	dashboardOptionsOf,
	parseQuery,
	providerPageParams,
	refusingUnknownReference
} from '$lib/server/http/params.ts';
import { getProviderPage } from '$lib/server/queries/dashboard-pages.ts';
import { disclosureText } from '$lib/i18n/names.ts';

// One provider's cohorts against the system benchmark. The route policy already keeps a provider
// to its own id; the scope here is that provider whoever asks.
export const load: PageServerLoad = async ({ url, params: route, locals }) => {
	const params = parseQuery(url, providerPageParams);
	const { suppression } = accessFor(locals);
	const page = await refusingUnknownReference(
		getProviderPage(await getDb(), route.id, {
			suppression,
			...dashboardOptionsOf(params),
			learners: { sort: params.learners, page: params.learnersPage }
		})
	);
	if (!page) error(404, 'No such provider');
	// The disclosure policy in the reader's language (the query layer's is the domain's English).
	return { params, ...page, disclosure: disclosureText(suppression) };
};
