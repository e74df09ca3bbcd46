import type { RequestHandler } from './$types';
import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { accessFor } from '$lib/server/auth/access.ts';
import { getDb } from '$lib/server/db/index.ts';
import {
	filtersOf,
	metricParams,
	optionalText,
	pageHeaders,
	pageParams,
	parseQuery
} from '$lib/server/http/params.ts';
import { tabularResponse } from '$lib/server/http/tabular.ts';
import type { FlowRow } from '$lib/domain/dashboard-rows.ts';
import { getFlowsPage } from '$lib/server/queries/flows.ts';
import { isDimension } from '$lib/server/queries/scope.ts';
import type { GroupDimension } from '$lib/domain/types.ts';

// Observed flows (credential → next credential, credential → qualification achieved), small
// flows withheld: the data of the Sankey, by start cohort; `kind` asks for one kind only.
// `from`–`to` keep the flows from those start cohorts (inclusive); `cohorts=combined` counts them
// together, each learner once — the rows of /flows for the same filters; `group` keeps one group
// of `by`. `limit` and `offset` ask for a page of them, in the same order (largest first, the
// withheld after them by name): a national system has hundreds of thousands by start cohort.
const flowParams = metricParams.extend({
	...pageParams.shape,
	kind: z.enum(['next', 'toward']).optional(),
	cohorts: z.enum(['each', 'combined']).default('each'),
	from: optionalText,
	to: optionalText,
	group: optionalText
});

export const GET: RequestHandler = async ({ url, locals }) => {
	const p = parseQuery(url, flowParams);
	if (p.by.length > 1 || !p.by.every(isDimension)) error(400, 'by: one learner group dimension at most');
	if (p.group && p.by.length === 0) error(400, 'group: needs by (the dimension the group is of)');

	const paged = p.limit !== undefined || p.offset > 0;
	const { rows, total } = await getFlowsPage(await getDb(), {
		...accessFor(locals),
		asOf: p.asOf,
		data: p.data,
		filters: filtersOf(p),
		dimension: p.by[0] as GroupDimension | undefined,
		group: p.group,
		kind: p.kind,
		byCohort: p.cohorts === 'each',
		startCohorts: { from: p.from, to: p.to },
		page: paged ? { limit: p.limit ?? null, offset: p.offset } : undefined
	});
	return tabularResponse<FlowRow>({
		format: p.format,
		rows,
		name: 'flows',
		headers: pageHeaders(url, { offset: p.offset, count: rows.length, total }),
		columns: [
			{ key: 'kind', type: 'text', value: (r) => r.kind },
			{ key: 'from', type: 'text', value: (r) => r.from },
			{ key: 'to', type: 'text', value: (r) => r.to },
			{ key: 'cohort', type: 'text', value: (r) => r.cohort },
			{ key: 'group', type: 'text', value: (r) => r.group },
			{ key: 'count', type: 'integer', value: (r) => r.count },
			{ key: 'suppressed', type: 'text', value: (r) => r.suppressed }
		]
	});
};
