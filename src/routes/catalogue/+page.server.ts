import type { PageServerLoad } from './$types';
import { z } from 'zod';
import { getDb } from '$lib/server/db/index.ts';
import { parseQuery } from '$lib/server/http/params.ts';
import { CATALOGUE_KINDS, searchCatalogue } from '$lib/server/queries/catalogue-page.ts';

// The search lives in the URL (?q=carpenter&kind=qualification&level=3&provider=…&mode=…&page=2): a
// copied link shows the same results, and the server answers with one page of them.
const facet = z
	.string()
	.trim()
	.max(200)
	.optional()
	.transform((v) => v || undefined);
const searchParams = z.object({
	q: z.string().trim().max(200).optional(),
	kind: z
		.enum(['', ...CATALOGUE_KINDS])
		.optional()
		.transform((k) => k || undefined),
	level: facet,
	provider: facet,
	mode: facet,
	page: z.coerce.number().int().min(1).max(10_000).default(1)
});

export const load: PageServerLoad = async ({ url }) => {
	const { q, page, ...filters } = parseQuery(url, searchParams);
	return { q: q ?? '', filters, search: await searchCatalogue(await getDb(), { q, page, ...filters }) };
};
