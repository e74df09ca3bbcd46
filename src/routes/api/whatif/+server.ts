import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { accessFor } from '$lib/server/auth/access.ts';
import { getDb } from '$lib/server/db/index.ts';
import { parseWhatIfBody, refusingUnknownNames } from '$lib/server/http/whatif-params.ts';
import { getWhatIf } from '$lib/server/queries/whatif.ts';

// The policy what-if (policymakers, admins): `stackwise whatif --scenario FILE --json`'s answer
// for the body { scenario, asOf?, data? }.
export const POST: RequestHandler = async ({ request, locals }) => {
	const question = await parseWhatIfBody(request);
	const { suppression } = accessFor(locals);
	return json(await refusingUnknownNames(getWhatIf(await getDb(), { ...question, suppression })));
};
