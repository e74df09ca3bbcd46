import { error } from '@sveltejs/kit';
import { policyStatement } from '$lib/domain/suppression/policy.ts';
import type { PageServerLoad } from './$types';
import { accessFor } from '$lib/server/auth/access.ts';
import { getDb } from '$lib/server/db/index.ts';
import {
	dashboardOptionsOf,
	dashboardParams,
	parseQuery,
	refusingUnknownReference
} from '$lib/server/http/params.ts';
import { getDataSources } from '$lib/server/queries/data-sources.ts';
import { cachedForDataVersion } from '$lib/server/queries/versioned-cache.ts';
import { getProviderDashboard } from '$lib/server/queries/providers.ts';
import { getFlowOptions } from '$lib/server/queries/flows.ts';

// One provider's cohorts against the system benchmark. The route policy already keeps a provider
// to its own id; the scope here is that provider whoever asks.
export const load: PageServerLoad = async ({ url, params: route, locals }) => {
	const params = parseQuery(url, dashboardParams);
	const { suppression } = accessFor(locals);
	const db = await getDb();
	const options = {
		scope: { kind: 'provider' as const, providerId: route.id },
		suppression,
		...dashboardOptionsOf(params)
	};
	const [dashboard, { cohorts }, sources] = await Promise.all([
		refusingUnknownReference(
			cachedForDataVersion(db, JSON.stringify(['provider', route.id, options]), () =>
				getProviderDashboard(db, route.id, options)
			)
		),
		// Every cohort of the provider's data, whichever one the filter holds.
		getFlowOptions(db, { scope: options.scope, data: params.data }),
		getDataSources(db)
	]);
	if (!dashboard) error(404, 'No such provider');
	return {
		params,
		dashboard,
		cohorts,
		sources,
		threshold: suppression === false ? null : suppression.threshold,
		disclosure: policyStatement(suppression)
	};
};
