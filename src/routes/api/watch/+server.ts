import type { RequestHandler } from './$types';
import { accessFor } from '$lib/server/auth/access.ts';
import { getDb } from '$lib/server/db/index.ts';
import { parseQuery } from '$lib/server/http/params.ts';
import { watchParams } from '$lib/server/http/watch-params.ts';
import { tabularResponse } from '$lib/server/http/tabular.ts';
import { getCachedWatch } from '$lib/server/queries/watch.ts';
import { watchTable } from '$lib/domain/watch/index.ts';

// The watch as JSON (the whole answer, as `stackwise watch --json` prints it), or one of its
// tables as CSV (?format=csv&table=firsts|bands|clusters|dead-ends|participation).
export const GET: RequestHandler = async ({ url, locals }) => {
	const { format, table, asOf, data } = parseQuery(url, watchParams);
	const { suppression } = accessFor(locals);
	const watch = await getCachedWatch(await getDb(), { asOf, data, suppression });
	const { rows, columns } = watchTable(watch, table);
	return tabularResponse({
		format,
		body: watch,
		rows: rows as never[],
		name: `watch-${table}`,
		columns: columns.map((c) => ({ key: c.key, type: 'text' as const, value: (r: never) => c.value(r) }))
	});
};
