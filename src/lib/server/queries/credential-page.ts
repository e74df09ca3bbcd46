// What /catalogue/[id] shows: the credential and its neighbours laid out as a graph (computed
// once here, so the browser only draws it) and, for the roles that see dashboards, its outcomes
// in their own scope (a provider its own enrolments) with a link to the dashboard narrowed to it.
import { policyStatement } from '../../domain/suppression/index.ts';
import { credentialGraph } from '../../view/graph/credential-graph.ts';
import { layoutGraph } from '../../view/graph/layout.ts';
import type { Access, Role } from '../auth/roles.ts';
import type { Db } from '../db/client.ts';
import { getCataloguePage } from './catalogue-page.ts';
import { getCredentialOutcomes } from './credential-outcomes.ts';

const SEES_OUTCOMES: readonly (Role | undefined)[] = ['admin', 'policymaker', 'provider'];

/** The page, or undefined when the catalogue holds no credential `id`. */
export async function getCredentialPage(
	db: Db,
	{ id, role, access: { scope, suppression } }: { id: string; role: Role | undefined; access: Access }
) {
	const page = await getCataloguePage(db, id);
	if (!page) return undefined;
	const { nodes, edges } = credentialGraph({
		subject: page.detail,
		credentials: page.credentials,
		prerequisites: page.prerequisites
	});
	const outcomes = SEES_OUTCOMES.includes(role)
		? await getCredentialOutcomes(db, { scope, suppression, credentialId: id })
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
					credential: id
				})}`
			: null,
		disclosure: outcomes ? policyStatement(suppression) : null
	};
}
