import type { RequestHandler } from './$types';
import { error } from '@sveltejs/kit';
import { accessFor } from '$lib/server/auth/access.ts';
import { getDb } from '$lib/server/db/index.ts';
import { metricParams, parseQuery, refusingUnknownReference } from '$lib/server/http/params.ts';
import { tabularResponse } from '$lib/server/http/tabular.ts';
import type { StackingRow } from '$lib/domain/dashboard-rows.ts';
import { getStacking } from '$lib/server/queries/stacking.ts';
import { isDimension } from '$lib/server/queries/scope.ts';
import type { GroupDimension } from '$lib/domain/types.ts';

// Stacking rate per qualification (and group): `stackwise metrics stacking --json`.
export const GET: RequestHandler = async ({ url, locals }) => {
	const p = parseQuery(url, metricParams);
	if (!p.by.every(isDimension)) error(400, 'by: stacking is broken down by learner groups only');
	const rows = await refusingUnknownReference(
		getStacking(await getDb(), {
			...accessFor(locals),
			asOf: p.asOf,
			data: p.data,
			qualification: p.credential,
			by: p.by as GroupDimension[],
			reference: p.reference
		})
	);
	return tabularResponse<StackingRow>({
		format: p.format,
		rows,
		name: 'stacking',
		columns: [
			{ key: 'qualification', type: 'text', value: (r) => r.qualification },
			{ key: 'group', type: 'text', value: (r) => r.group },
			{ key: 'holders', type: 'integer', value: (r) => r.holders },
			{ key: 'achieved', type: 'integer', value: (r) => r.achieved },
			{ key: 'rate', type: 'real', value: (r) => r.rate },
			{ key: 'low', type: 'real', value: (r) => r.low },
			{ key: 'high', type: 'real', value: (r) => r.high },
			{ key: 'ratio', type: 'real', value: (r) => r.ratio },
			{ key: 'fourFifths', type: 'boolean', value: (r) => r.fourFifths },
			{ key: 'suppressed', type: 'text', value: (r) => r.suppressed }
		]
	});
};
