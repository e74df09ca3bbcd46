import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { getImport } from '$lib/server/import/history.ts';

export const load: PageServerLoad = async ({ params }) => {
	const id = Number(params.id);
	const entry = Number.isInteger(id) ? await getImport(await getDb(), id) : undefined;
	if (!entry) error(404, 'No such import');
	return { entry };
};
