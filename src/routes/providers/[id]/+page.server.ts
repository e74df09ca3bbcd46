import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { accessFor } from '$lib/server/auth/access.ts';
import { getDb } from '$lib/server/db/index.ts';
import { dashboardOptionsOf, dashboardParams, parseQuery } from '$lib/server/http/params.ts';
import { getProviderDashboard } from '$lib/server/queries/providers.ts';

// One provider's cohorts against the system benchmark. The route policy already keeps a provider
// to its own id; the scope here is that provider whoever asks.
export const load: PageServerLoad = async ({ url, params: route, locals }) => {
	const params = parseQuery(url, dashboardParams);
	const { suppression } = accessFor(locals);
	const dashboard = await getProviderDashboard(await getDb(), route.id, {
		scope: { kind: 'provider', providerId: route.id },
		suppression,
		...dashboardOptionsOf(params)
	});
	if (!dashboard) error(404, 'No such provider');
	return { params, dashboard };
};
