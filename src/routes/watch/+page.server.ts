import type { PageServerLoad } from './$types';
import { accessFor } from '$lib/server/auth/access.ts';
import { getDb } from '$lib/server/db/index.ts';
import { parseQuery } from '$lib/server/http/params.ts';
import { watchParams } from '$lib/server/http/watch-params.ts';
import { getCachedWatch } from '$lib/server/queries/watch.ts';
import { disclosureText } from '$lib/i18n/names.ts';

// The credentialism watch (policymakers, admins): parse, one cached query, respond.
export const load: PageServerLoad = async ({ url, locals }) => {
	const params = parseQuery(url, watchParams);
	const { suppression } = accessFor(locals);
	const watch = await getCachedWatch(await getDb(), { asOf: params.asOf, data: params.data, suppression });
	// The policy in force, in words from settings (never a number written into the page).
	return { params, watch, disclosure: disclosureText(suppression) };
};
