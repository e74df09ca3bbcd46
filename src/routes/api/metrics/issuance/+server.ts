import type { RequestHandler } from './$types';
import { accessFor } from '$lib/server/auth/access.ts';
import { getDb } from '$lib/server/db/index.ts';
import { dashboardParams, filtersOf, parseQuery } from '$lib/server/http/params.ts';
import { tabularResponse } from '$lib/server/http/tabular.ts';
import type { IssuanceRow } from '$lib/domain/dashboard-rows.ts';
import { getIssuance } from '$lib/server/queries/issuance.ts';

// Awards per quarter of issue, whole system or ?issuance=level|provider_kind|mode|qa_approach:
// the rows behind /system's issuance chart, suppressed as the caller may see them.
export const GET: RequestHandler = async ({ url, locals }) => {
	const p = parseQuery(url, dashboardParams);
	const { scope, suppression } = accessFor(locals);
	const rows = await getIssuance(await getDb(), {
		scope,
		suppression,
		asOf: p.asOf,
		data: p.data,
		filters: filtersOf(p),
		by: p.issuance,
		verifiedOnly: p.verifiedOnly
	});
	return tabularResponse<IssuanceRow>({
		format: p.format,
		rows,
		name: 'issuance',
		columns: [
			{ key: 'period', type: 'text', value: (r) => r.period },
			{ key: 'group', type: 'text', value: (r) => r.group },
			{ key: 'awards', type: 'integer', value: (r) => r.awards },
			{ key: 'suppressed', type: 'text', value: (r) => r.suppressed }
		]
	});
};
