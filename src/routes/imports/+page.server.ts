import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { getImportHistory } from '$lib/server/import/history.ts';
import { startImport } from '$lib/server/import/jobs.ts';
import { bufferSource } from '$lib/server/import/source.ts';
import { FORMAT_IDS, type FormatId } from '$lib/server/import/index.ts';
import { UPLOAD_LIMIT_BYTES } from '$lib/server/import/limits.ts';

export const load: PageServerLoad = async () => {
	return {
		history: await getImportHistory(await getDb()),
		formats: FORMAT_IDS,
		limitBytes: UPLOAD_LIMIT_BYTES
	};
};

export const actions: Actions = {
	// Starts the import in the background and sends the admin to its live progress page.
	upload: async ({ request, locals }) => {
		const form = await request.formData();
		const files = form.getAll('files').filter((f): f is File => f instanceof File && f.size > 0);
		const format = String(form.get('format') ?? 'auto');
		if (files.length === 0) return fail(400, { message: 'Choose at least one file to import.' });
		if (!(FORMAT_IDS as readonly string[]).includes(format))
			return fail(400, { message: `Unknown format "${format}".` });
		const total = files.reduce((n, f) => n + f.size, 0);
		if (total > UPLOAD_LIMIT_BYTES)
			return fail(413, {
				message: `The files add up to ${(total / 1048576).toFixed(1)} MiB; the limit is ${UPLOAD_LIMIT_BYTES / 1048576} MiB. Use the CLI for larger imports.`
			});
		const sources = await Promise.all(
			files.map(async (f) => bufferSource(f.name, new Uint8Array(await f.arrayBuffer())))
		);
		const job = startImport(await getDb(), sources, {
			format: format as FormatId,
			userId: locals.user?.id ?? null
		});
		redirect(303, `/imports/jobs/${job.key}`);
	}
};
