import { error } from '@sveltejs/kit';
import { policyStatement } from '$lib/domain/suppression/policy.ts';
import type { PageServerLoad } from './$types';
import { accessFor } from '$lib/server/auth/access.ts';
import { getDb } from '$lib/server/db/index.ts';
import {
	dashboardOptionsOf,
	parseQuery,
	providerPageParams,
	refusingUnknownReference
} from '$lib/server/http/params.ts';
import { getDataSources } from '$lib/server/queries/data-sources.ts';
import { cachedForDataVersion } from '$lib/server/queries/versioned-cache.ts';
import { getProviderDashboard } from '$lib/server/queries/providers.ts';
import { getFlowOptions } from '$lib/server/queries/flows.ts';
import { getProviderLearners } from '$lib/server/queries/provider-learners.ts';

// One provider's cohorts against the system benchmark. The route policy already keeps a provider
// to its own id; the scope here is that provider whoever asks.
export const load: PageServerLoad = async ({ url, params: route, locals }) => {
	const params = parseQuery(url, providerPageParams);
	const { suppression } = accessFor(locals);
	const db = await getDb();
	const options = {
		scope: { kind: 'provider' as const, providerId: route.id },
		suppression,
		...dashboardOptionsOf(params)
	};
	const [dashboard, { cohorts }, sources, learners] = await Promise.all([
		refusingUnknownReference(
			cachedForDataVersion(db, JSON.stringify(['provider', route.id, options]), () =>
				getProviderDashboard(db, route.id, options)
			)
		),
		// Every cohort of the provider's data, whichever one the filter holds.
		getFlowOptions(db, { scope: options.scope, data: params.data }),
		getDataSources(db),
		// Its learners, of the data origin asked for but under no other filter: a list narrowed by
		// cohort, credential or date would count, learner by learner, what the figures withhold.
		getProviderLearners(db, {
			scope: options.scope,
			data: options.data,
			sort: params.learners,
			page: params.learnersPage
		})
	]);
	if (!dashboard) error(404, 'No such provider');
	return {
		params,
		dashboard,
		cohorts,
		sources,
		learners,
		disclosure: policyStatement(suppression)
	};
};
