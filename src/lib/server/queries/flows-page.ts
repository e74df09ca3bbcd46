// What /flows shows: the flows of one origin, kind and range of start cohorts (a provider's, a
// learner group's), the options its filters choose from, and the policy they are withheld under.
import { policyStatement, withheldBelow } from '../../domain/suppression/index.ts';
import { GROUP_DIMENSIONS, type GroupDimension } from '../../domain/types.ts';
import type { Access } from '../auth/roles.ts';
import type { Db } from '../db/client.ts';
import { getProviders } from './catalogue.ts';
import { getCachedFlowSample } from './dashboard-pages.ts';
import { getDataSources } from './data-sources.ts';
import { getFlowOptions } from './flows.ts';

export type FlowsPageFilters = {
	data: 'real' | 'generated';
	kind: 'next' | 'toward';
	from?: string;
	to?: string;
	by?: GroupDimension;
	group?: string;
	provider?: string;
};

export async function getFlowsPageView(db: Db, access: Access, asked: FlowsPageFilters) {
	// Providers see their own flows only (the scope says so); the provider filter is for everyone else.
	const ownProvider = access.scope.kind === 'provider' ? access.scope.providerId : null;
	const filters = { ...asked, provider: ownProvider ? undefined : asked.provider };
	const context = { scope: access.scope, data: filters.data, filters: { providerId: filters.provider } };
	const query = {
		...context,
		suppression: access.suppression,
		byCohort: false,
		kind: filters.kind,
		startCohorts: { from: filters.from, to: filters.to }
	};
	// The options, and the flows but from a range of start cohorts, a provider's from one, or a group
	// from one, are read from the rollups; the rest is counted from the base tables, so the result
	// is kept until the data changes (as on /system).
	const [options, providers, sources] = await Promise.all([
		getFlowOptions(db, { ...context, dimension: filters.by }),
		ownProvider ? getProviders(db).then((all) => all.filter((p) => p.id === ownProvider)) : getProviders(db),
		getDataSources(db)
	]);
	// A group value left over from another dimension is dropped rather than matching nothing.
	const group =
		filters.by && filters.group && options.groups.includes(filters.group) ? filters.group : undefined;
	// One group's flows: the flows of the learners in it.
	const flows = await getCachedFlowSample(db, group ? { ...query, dimension: filters.by, group } : query);
	return {
		filters: { ...filters, group },
		options: {
			cohorts: options.cohorts,
			groups: options.groups,
			dimensions: GROUP_DIMENSIONS,
			providers: providers
				.filter((p) => (filters.data === 'real' ? p.origin === 'real' : p.origin !== 'real'))
				.map((p) => ({ id: p.id, name: p.name }))
		},
		ownProvider: ownProvider
			? (providers.find((p) => p.id === ownProvider) ?? { id: ownProvider, name: ownProvider })
			: null,
		// Whether small flows are withheld under the policy in force (round5 alone withholds none).
		withholds: withheldBelow(access.suppression) > 0,
		disclosure: policyStatement(access.suppression),
		sources,
		flows
	};
}
