import { fail, redirect } from '@sveltejs/kit';
import { IMPORT_ORIGINS, type ImportOrigin } from '$lib/domain/types.ts';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { getImportHistory } from '$lib/server/import/history.ts';
import { startImport } from '$lib/server/import/jobs.ts';
import { bufferSource } from '$lib/server/import/source.ts';
import { FORMAT_IDS, planImport, type FormatId } from '$lib/server/import/index.ts';
import { holdUpload } from '$lib/server/import/profile/pending.ts';
import { getProfile, listProfiles } from '$lib/server/import/profile/saved.ts';
import { looksDelimited } from '$lib/server/import/unrecognised.ts';
import { UPLOAD_LIMIT_BYTES } from '$lib/server/import/limits.ts';

export const load: PageServerLoad = async () => {
	const db = await getDb();
	return {
		history: await getImportHistory(db),
		profiles: (await listProfiles(db)).map((p) => p.name),
		formats: FORMAT_IDS,
		origins: IMPORT_ORIGINS,
		limitBytes: UPLOAD_LIMIT_BYTES
	};
};

export const actions: Actions = {
	// Starts the import in the background and sends the admin to its live progress page.
	upload: async ({ request, locals }) => {
		const form = await request.formData();
		const files = form.getAll('files').filter((f): f is File => f instanceof File && f.size > 0);
		const format = String(form.get('format') ?? 'auto');
		const origin = String(form.get('origin') || 'real') as ImportOrigin;
		if (!IMPORT_ORIGINS.includes(origin)) return fail(400, { message: `Unknown origin "${origin}".` });
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
		const db = await getDb();
		const userId = locals.user?.id ?? null;
		// A saved mapping profile reads every file as a wide extract.
		const profileName = String(form.get('profile') ?? '');
		if (profileName) {
			const saved = await getProfile(db, profileName);
			if (!saved) return fail(400, { message: `No saved mapping profile "${profileName}".` });
			const job = startImport(db, sources, { profile: saved.profile, userId, origin });
			redirect(303, `/imports/jobs/${job.key}`);
		}
		// One CSV that is no template and no known format: map its columns first.
		if (sources.length === 1 && format === 'auto') {
			const plan = await planImport(sources);
			if (plan.jobs.length === 0 && (await looksDelimited(sources[0])))
				redirect(303, `/imports/map/${holdUpload(sources[0], userId).key}`);
		}
		const job = startImport(db, sources, { format: format as FormatId, userId, origin });
		redirect(303, `/imports/jobs/${job.key}`);
	}
};
