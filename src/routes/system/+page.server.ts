import type { PageServerLoad } from './$types';
import { policyStatement } from '$lib/domain/suppression/policy.ts';
import { accessFor } from '$lib/server/auth/access.ts';
import { getDb } from '$lib/server/db/index.ts';
import {
	dashboardOptionsOf,
	dashboardParams,
	parseQuery,
	refusingUnknownReference
} from '$lib/server/http/params.ts';
import { getProviders } from '$lib/server/queries/catalogue.ts';
import { getDataSources } from '$lib/server/queries/data-sources.ts';
import { cachedForDataVersion } from '$lib/server/queries/versioned-cache.ts';
import { getFlowOptions, getFlows } from '$lib/server/queries/flows.ts';
import { pageFlows } from '$lib/view/flow-sample.ts';
import { getSystemDashboard } from '$lib/server/queries/system.ts';
import { pageRows } from '$lib/view/page-rows.ts';

// Server-side so the page arrives with its numbers (no per-learner rows ever reach the browser).
// The filters are the URL's query, so a copied link shows the same view.
export const load: PageServerLoad = async ({ url, locals }) => {
	const params = parseQuery(url, dashboardParams);
	const db = await getDb();
	const { scope, suppression } = accessFor(locals);
	const options = { scope, suppression, ...dashboardOptionsOf(params) };
	const [dashboard, providers, { cohorts }, sources] = await Promise.all([
		refusingUnknownReference(
			cachedForDataVersion(db, JSON.stringify(['system', options]), () => getSystemDashboard(db, options))
		),
		getProviders(db),
		// Every cohort of the data, whichever one the filter holds, so another can be chosen.
		getFlowOptions(db, { scope, data: params.data }),
		getDataSources(db)
	]);
	// The flow Sankey streams in after the page (its query is the slowest): one origin per figure,
	// credential → next credential for the real modules, → qualification for the generated catalogue.
	const flowKind = params.data === 'generated' ? 'toward' : 'next';
	const flowOptions = {
		scope,
		data: params.data,
		filters: { providerId: params.provider, credentialId: params.credential },
		suppression,
		byCohort: false,
		kind: flowKind
	} as const;
	const flows =
		params.data === 'all'
			? Promise.resolve(null)
			: cachedForDataVersion(db, JSON.stringify(['flows', flowOptions]), async () =>
					pageFlows(await getFlows(db, flowOptions), suppression)
				);
	return {
		params,
		// The by-credential panel's rows for the page; all of them are the data endpoint's.
		dashboard: { ...dashboard, completionByCredential: pageRows(dashboard.completionByCredential) },
		credentialCount: dashboard.completionByCredential.length,
		flows,
		flowKind,
		cohorts,
		sources,
		disclosure: policyStatement(suppression),
		providers: providers.map((p) => ({ id: p.id, name: p.name }))
	};
};
