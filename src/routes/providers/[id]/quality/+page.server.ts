import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { accessFor } from '$lib/server/auth/access.ts';
import { getDb } from '$lib/server/db/index.ts';
import { cachedForDataVersion } from '$lib/server/queries/versioned-cache.ts';
import { getQuality } from '$lib/server/queries/quality.ts';
import { m } from '$lib/paraglide/messages.js';

// One provider's data-quality card and what to fix. The route policy keeps a provider to its own
// id (another's answers 404); policymakers and admins may open any.
export const load: PageServerLoad = async ({ params: route, locals }) => {
	const { suppression } = accessFor(locals);
	const db = await getDb();
	const options = { providerId: route.id, suppression };
	const [quality] = await cachedForDataVersion(db, JSON.stringify(['quality', options]), () =>
		getQuality(db, options)
	);
	if (!quality) error(404, 'No such provider');
	// The card's definition in the reader's language (the query layer's QUALITY_DEFINITION, in words).
	return { quality, definition: m.quality_definition() };
};
