import type { PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { accessFor } from '$lib/server/auth/access.ts';
import { getDb } from '$lib/server/db/index.ts';
import { parseQuery } from '$lib/server/http/params.ts';
import { refusingUnknownNames, whatifPageParams } from '$lib/server/http/whatif-params.ts';
import { getWhatIfPage, scenarioOfForm, whatIfPageUrl } from '$lib/server/queries/whatif.ts';
import { disclosureText } from '$lib/i18n/names.ts';

// The policy what-if (policymakers, admins). A submitted form (?apply) is answered by a redirect to
// the URL holding the scenario it describes, so every result has a URL that can be shared.
export const load: PageServerLoad = async ({ url, locals }) => {
	const p = parseQuery(url, whatifPageParams);
	const db = await getDb();
	if (p.apply !== undefined) {
		const scenario = await refusingUnknownNames(
			scenarioOfForm(db, { q: p.q, fields: [...url.searchParams] })
		);
		redirect(303, whatIfPageUrl({ scenario, q: p.q, asOf: p.asOf, data: p.data }));
	}
	const { suppression } = accessFor(locals);
	return { ...(await getWhatIfPage(db, { ...p, suppression })), disclosure: disclosureText(suppression) };
};
