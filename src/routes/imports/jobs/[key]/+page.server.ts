import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getImportJob } from '$lib/server/import/jobs.ts';

// The live view of a running import; the browser then follows its events.
export const load: PageServerLoad = async ({ params }) => {
	const job = getImportJob(params.key);
	if (!job) error(404, 'No running import with this key (finished imports are in the history).');
	return { key: job.key, files: job.files, startedAt: job.startedAt, last: job.last };
};
