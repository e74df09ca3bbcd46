import type { PageServerLoad } from './$types';
import { policyStatement, withheldBelow } from '$lib/domain/suppression/policy.ts';
import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { accessFor } from '$lib/server/auth/access.ts';
import { getDb } from '$lib/server/db/index.ts';
import { getProviders } from '$lib/server/queries/catalogue.ts';
import { getFlowOptions, getFlows } from '$lib/server/queries/flows.ts';
import { pageFlows } from '$lib/view/flow-sample.ts';
import { optionalText } from '$lib/server/http/params.ts';
import { getDataSources } from '$lib/server/queries/data-sources.ts';
import { cachedForDataVersion } from '$lib/server/queries/versioned-cache.ts';
import { GROUP_DIMENSIONS } from '$lib/domain/types.ts';

// The filters live in the URL (a GET form), so a copied link or the back button gives the same
// view. Real and generated learners are never counted together: one origin per figure.
const flowParams = z.object({
	data: z.enum(['real', 'generated']).default('real'),
	kind: z.enum(['next', 'toward']).default('next'),
	from: optionalText,
	to: optionalText,
	by: z.enum(GROUP_DIMENSIONS).optional(),
	group: optionalText,
	provider: optionalText
});

export type FlowFilters = z.infer<typeof flowParams>;

export const load: PageServerLoad = async ({ url, locals }) => {
	// An empty select submits `by=`: the same as leaving the filter out.
	const given = Object.fromEntries([...url.searchParams].filter(([, v]) => v.trim() !== ''));
	const parsed = flowParams.safeParse(given);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		error(400, `${issue.path.join('.') || 'query'}: ${issue.message}`);
	}
	const access = accessFor(locals);
	// Providers see their own flows only (the scope says so); the provider filter is for everyone else.
	const ownProvider = access.scope.kind === 'provider' ? access.scope.providerId : null;
	const filters = { ...parsed.data, provider: ownProvider ? undefined : parsed.data.provider };
	const db = await getDb();
	const context = {
		scope: access.scope,
		data: filters.data,
		filters: { providerId: filters.provider }
	};
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
	const question = group ? { ...query, dimension: filters.by, group } : query;
	const flows = await cachedForDataVersion(db, JSON.stringify(['flows', question]), async () =>
		pageFlows(await getFlows(db, question), access.suppression)
	);
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
};
