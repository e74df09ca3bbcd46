import type { RequestHandler } from './$types';
import { accessFor } from '$lib/server/auth/access.ts';
import { getDb } from '$lib/server/db/index.ts';
import { filtersOf, metricParams, parseQuery } from '$lib/server/http/params.ts';
import { tabularResponse } from '$lib/server/http/tabular.ts';
import { getTimeToCredential } from '$lib/server/queries/time-to-credential.ts';

type PointRow = {
	group: string | null;
	day: number;
	completed: number;
	withdrawn: number;
	failed: number;
	completedLow: number | null;
	completedHigh: number | null;
};

// The shape of `stackwise metrics time-to-credential --json`: one object, or one per group with ?by=.
export const GET: RequestHandler = async ({ url, locals }) => {
	const p = parseQuery(url, metricParams);
	const result = await getTimeToCredential(await getDb(), {
		...accessFor(locals),
		asOf: p.asOf,
		data: p.data,
		by: p.by,
		at: p.at,
		filters: filtersOf(p)
	});
	const body =
		p.by.length === 0
			? (({ group: _g, suppressed, ...rest }) => (suppressed ? { ...rest, suppressed } : rest))(
					result.groups[0]
				)
			: result.groups;
	return tabularResponse<PointRow>({
		format: p.format,
		body,
		rows: result.groups.flatMap((g) => g.points.map((pt) => ({ group: g.group, ...pt }))),
		name: 'time-to-credential',
		columns: [
			{ key: 'group', type: 'text', value: (r) => r.group },
			{ key: 'day', type: 'integer', value: (r) => r.day },
			{ key: 'completed', type: 'real', value: (r) => r.completed },
			{ key: 'withdrawn', type: 'real', value: (r) => r.withdrawn },
			{ key: 'failed', type: 'real', value: (r) => r.failed },
			{ key: 'completedLow', type: 'real', value: (r) => r.completedLow },
			{ key: 'completedHigh', type: 'real', value: (r) => r.completedHigh }
		]
	});
};
