import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { accessFor } from '$lib/server/auth/access.ts';
import { getDb } from '$lib/server/db/index.ts';
import { cachedForDataVersion } from '$lib/server/queries/versioned-cache.ts';
import { getQuality, QUALITY_DEFINITION } from '$lib/server/queries/quality.ts';

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
	return { quality, definition: QUALITY_DEFINITION };
};
