import type { RequestHandler } from './$types';
import { accessFor } from '$lib/server/auth/access.ts';
import { getDb } from '$lib/server/db/index.ts';
import { filtersOf, metricParams, parseQuery } from '$lib/server/http/params.ts';
import { tabularResponse } from '$lib/server/http/tabular.ts';
import { getConformance, type CredentialConformance } from '$lib/server/queries/conformance.ts';

// Definition conformance: `stackwise metrics conformance --json`; CSV/Arrow list the credentials.
export const GET: RequestHandler = async ({ url, locals }) => {
	const p = parseQuery(url, metricParams);
	const report = await getConformance(await getDb(), {
		...accessFor(locals),
		asOf: p.asOf,
		data: p.data,
		filters: filtersOf(p),
		verifiedOnly: p.verifiedOnly
	});
	const definitions = ['eu', 'australia', 'unesco'] as const;
	return tabularResponse<CredentialConformance>({
		format: p.format,
		body: report,
		rows: report.credentials,
		name: 'conformance',
		columns: [
			{ key: 'id', type: 'text', value: (r) => r.id },
			{ key: 'title', type: 'text', value: (r) => r.title },
			{ key: 'providerId', type: 'text', value: (r) => r.providerId },
			{ key: 'awards', type: 'integer', value: (r) => r.awards },
			{ key: 'suppressed', type: 'text', value: (r) => r.suppressed },
			...definitions.flatMap((d) => [
				{ key: `${d}Meets`, type: 'boolean' as const, value: (r: CredentialConformance) => r[d].meets },
				{
					key: `${d}Missing`,
					type: 'text' as const,
					value: (r: CredentialConformance) => r[d].missing.join('|')
				}
			])
		]
	});
};
