import type { RequestHandler } from './$types';
import { accessFor } from '$lib/server/auth/access.ts';
import { getDb } from '$lib/server/db/index.ts';
import { filtersOf, metricParams, parseQuery, refusingUnknownReference } from '$lib/server/http/params.ts';
import { tabularResponse } from '$lib/server/http/tabular.ts';
import { getCompletion } from '$lib/server/queries/completion.ts';
import type { CompletionEquityRow } from '$lib/domain/equity/completion-equity.ts';

// Completion rate per group: the rows of `stackwise metrics completion --json`.
export const GET: RequestHandler = async ({ url, locals }) => {
	const p = parseQuery(url, metricParams);
	const access = accessFor(locals);
	const result = await refusingUnknownReference(
		getCompletion(await getDb(), {
			...access,
			asOf: p.asOf,
			data: p.data,
			by: p.by,
			reference: p.reference,
			filters: filtersOf(p)
		})
	);
	return tabularResponse<CompletionEquityRow>({
		format: p.format,
		rows: result.rows,
		name: 'completion',
		columns: [
			{ key: 'group', type: 'text', value: (r) => r.group },
			{ key: 'completed', type: 'integer', value: (r) => r.completed },
			{ key: 'known', type: 'integer', value: (r) => r.known },
			{ key: 'inProgress', type: 'integer', value: (r) => r.inProgress },
			{ key: 'rate', type: 'real', value: (r) => r.rate },
			{ key: 'low', type: 'real', value: (r) => r.low },
			{ key: 'high', type: 'real', value: (r) => r.high },
			{ key: 'gap', type: 'real', value: (r) => r.gap },
			{ key: 'ratio', type: 'real', value: (r) => r.ratio },
			{ key: 'ratioLow', type: 'real', value: (r) => r.ratioLow },
			{ key: 'ratioHigh', type: 'real', value: (r) => r.ratioHigh },
			{ key: 'fourFifths', type: 'boolean', value: (r) => r.fourFifths },
			{ key: 'suppressed', type: 'text', value: (r) => r.suppressed }
		]
	});
};
