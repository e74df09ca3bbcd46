// What /system and /providers/[id] show, each from one call that owns its caching: the dashboard
// kept until the data changes, the cohorts to choose from, the data's sources, and (on /system)
// the flow Sankey, streamed after the page, or (on a provider's page) its learners.
import { policyStatement } from '../../domain/suppression/index.ts';
import type { Db } from '../db/client.ts';
import { pageFlows } from '../../view/flow-sample.ts';
import { getProviders } from './catalogue.ts';
import { getDataSources } from './data-sources.ts';
import { getFlowOptions, getFlows } from './flows.ts';
import { getProviderDashboard } from './providers.ts';
import { getProviderLearners, type ProviderLearnerSort } from './provider-learners.ts';
import { getSystemDashboard, type DashboardOptions } from './system.ts';
import { cachedForDataVersion } from './versioned-cache.ts';

/** The Sankey of the dashboards, sampled for the page, kept until the data changes. */
export function getCachedFlowSample(db: Db, question: Parameters<typeof getFlows>[1]) {
	return cachedForDataVersion(db, JSON.stringify(['flows', question]), async () =>
		pageFlows(await getFlows(db, question), question.suppression)
	);
}

export async function getSystemPage(db: Db, options: DashboardOptions) {
	const { scope, suppression, data } = options;
	const [dashboard, providers, { cohorts }, sources] = await Promise.all([
		cachedForDataVersion(db, JSON.stringify(['system', options]), () => getSystemDashboard(db, options)),
		getProviders(db),
		// Every cohort of the data, whichever one the filter holds, so another can be chosen.
		getFlowOptions(db, { scope, data }),
		getDataSources(db)
	]);
	// The flow Sankey streams in after the page (its query is the slowest): one origin per figure,
	// credential → next credential for the real modules, → qualification for the generated catalogue.
	const flowKind = data === 'generated' ? 'toward' : 'next';
	const { providerId, credentialId } = options.filters ?? {};
	const flows =
		data === 'all'
			? Promise.resolve(null)
			: getCachedFlowSample(db, {
					scope,
					data,
					filters: { providerId, credentialId },
					suppression,
					byCohort: false,
					kind: flowKind
				});
	return {
		dashboard,
		flows,
		flowKind,
		cohorts,
		sources,
		disclosure: policyStatement(suppression),
		providers: providers.map((p) => ({ id: p.id, name: p.name }))
	} as const;
}

/**
 * One provider's cohorts against the system benchmark (null: no such provider), with its
 * learners of the data origin asked for but under no other filter: a list narrowed by cohort,
 * credential or date would count, learner by learner, what the figures withhold.
 */
export async function getProviderPage(
	db: Db,
	providerId: string,
	{
		learners: learnerList,
		...dashboardOptions
	}: Omit<DashboardOptions, 'scope'> & {
		learners: { sort: ProviderLearnerSort; page: number };
	}
) {
	const scope = { kind: 'provider' as const, providerId };
	const options = { ...dashboardOptions, scope };
	const [dashboard, { cohorts }, sources, learners] = await Promise.all([
		cachedForDataVersion(db, JSON.stringify(['provider', providerId, options]), () =>
			getProviderDashboard(db, providerId, options)
		),
		getFlowOptions(db, { scope, data: options.data }),
		getDataSources(db),
		getProviderLearners(db, { scope, data: options.data, ...learnerList })
	]);
	if (!dashboard) return null;
	return { dashboard, cohorts, sources, learners, disclosure: policyStatement(options.suppression) };
}
