import type { PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { getDb } from '$lib/server/db/index.ts';
import { getCataloguePage } from '$lib/server/queries/catalogue-page.ts';
import { credentialGraph } from '$lib/components/graph/credential-graph.ts';
import { layoutGraph } from '$lib/components/graph/layout.ts';

const credentialId = z.string().trim().min(1).max(200);

// The graph's layout is computed here, once per request, so the browser only draws it.
export const load: PageServerLoad = async ({ params }) => {
	const id = credentialId.safeParse(params.id);
	if (!id.success) error(400, 'A credential id is 1–200 characters');
	const page = await getCataloguePage(await getDb(), id.data);
	if (!page) error(404, `No credential "${id.data}" in the catalogue`);
	const { nodes, edges } = credentialGraph({
		subject: page.detail,
		credentials: page.credentials,
		prerequisites: page.prerequisites
	});
	return { ...page, layout: layoutGraph(nodes, edges) };
};
