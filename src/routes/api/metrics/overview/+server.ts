import type { RequestHandler } from './$types';
import { accessFor } from '$lib/server/auth/access.ts';
import { getDb } from '$lib/server/db/index.ts';
import { filtersOf, metricParams, parseQuery } from '$lib/server/http/params.ts';
import { tabularResponse } from '$lib/server/http/tabular.ts';
import { getPublishedOverview, type PublishedOverview } from '$lib/server/queries/overview.ts';

// The dashboards' headline counts (learners, enrolments, awards …) under the same filters as
// every other metric: what the tiles of /system and /providers/[id] show.
export const GET: RequestHandler = async ({ url, locals }) => {
	const p = parseQuery(url, metricParams);
	const { scope, suppression } = accessFor(locals);
	const overview = await getPublishedOverview(await getDb(), {
		scope,
		asOf: p.asOf,
		data: p.data,
		filters: filtersOf(p),
		verifiedOnly: p.verifiedOnly,
		suppression
	});
	return tabularResponse<PublishedOverview>({
		format: p.format,
		body: overview,
		rows: [overview],
		name: 'overview',
		columns: [
			{ key: 'learners', type: 'integer', value: (r) => r.learners },
			{ key: 'enrolments', type: 'integer', value: (r) => r.enrolments },
			{ key: 'awards', type: 'integer', value: (r) => r.awards },
			{ key: 'providers', type: 'integer', value: (r) => r.providers },
			{ key: 'credentials', type: 'integer', value: (r) => r.credentials },
			{ key: 'includes_generated', type: 'boolean', value: (r) => r.includesGenerated },
			{ key: 'withheld', type: 'text', value: (r) => r.withheld }
		]
	});
};
