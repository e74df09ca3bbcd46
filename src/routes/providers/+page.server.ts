import type { PageServerLoad } from './$types';
import { disclosureText } from '$lib/i18n/names.ts';
import { accessFor } from '$lib/server/auth/access.ts';
import { getDb } from '$lib/server/db/index.ts';
import { metricParams, parseQuery } from '$lib/server/http/params.ts';
import { getProviderSummaries } from '$lib/server/queries/providers.ts';
import { getQuality } from '$lib/server/queries/quality.ts';

// Every provider against the system (admins and policymakers; a provider goes to its own page).
export const load: PageServerLoad = async ({ url, locals }) => {
	const params = parseQuery(url, metricParams);
	const { scope, suppression } = accessFor(locals);
	const db = await getDb();
	const [summaries, quality] = await Promise.all([
		getProviderSummaries(db, { scope, suppression, asOf: params.asOf, data: params.data }),
		getQuality(db, { suppression })
	]);
	// The data-quality column: each provider's record completeness (mean share of elements).
	return {
		params,
		// In the reader's language (the JSON endpoints keep the domain's English statement).
		disclosure: disclosureText(suppression),
		summaries,
		completeness: Object.fromEntries(quality.map((q) => [q.provider.id, q.completeness]))
	};
};
