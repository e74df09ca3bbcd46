import type { PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { getDb } from '$lib/server/db/index.ts';
import { getCataloguePage } from '$lib/server/queries/catalogue-page.ts';
import { credentialGraph } from '$lib/view/graph/credential-graph.ts';
import { layoutGraph } from '$lib/view/graph/layout.ts';
import { accessFor } from '$lib/server/auth/access.ts';
import { policyStatement } from '$lib/domain/suppression/policy.ts';
import { getCredentialOutcomes } from '$lib/server/queries/credential-outcomes.ts';

const credentialId = z.string().trim().min(1).max(200);

// The graph's layout is computed here, once per request, so the browser only draws it.
export const load: PageServerLoad = async ({ params, locals }) => {
	const id = credentialId.safeParse(params.id);
	if (!id.success) error(400, 'A credential id is 1–200 characters');
	const db = await getDb();
	const page = await getCataloguePage(db, id.data);
	if (!page) error(404, `No credential "${id.data}" in the catalogue`);
	const { nodes, edges } = credentialGraph({
		subject: page.detail,
		credentials: page.credentials,
		prerequisites: page.prerequisites
	});
	// Outcomes are aggregates: for the roles that see dashboards, in their own scope (a provider its
	// own enrolments), linking to the dashboard narrowed to this credential.
	const role = locals.user?.role;
	const { scope, suppression } = accessFor(locals);
	const outcomes =
		role === 'admin' || role === 'policymaker' || role === 'provider'
			? await getCredentialOutcomes(db, { scope, suppression, credentialId: id.data })
			: null;
	const dashboard =
		scope.kind === 'provider' ? `/providers/${encodeURIComponent(scope.providerId)}` : '/system';
	return {
		...page,
		layout: layoutGraph(nodes, edges),
		outcomes,
		outcomesHref: outcomes
			? `${dashboard}?${new URLSearchParams({
					...(outcomes.data === 'real' ? {} : { data: outcomes.data }),
					credential: id.data
				})}`
			: null,
		disclosure: outcomes ? policyStatement(suppression) : null
	};
};
