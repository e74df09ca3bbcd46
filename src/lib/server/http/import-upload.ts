// The import page's upload form (/imports): the files checked against the formats, origins and
// size limit, then imported through a saved profile, sent to the mapping step, or imported. Its
// refusals are shown on the page, in the admin's language (the action runs in the request's).
import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { formatCount, formatDecimal } from '$lib/i18n/format.ts';
import { IMPORT_ORIGINS, type ImportOrigin } from '../../domain/types.ts';
import { getDb } from '../db/index.ts';
import { startImport } from '../import/jobs.ts';
import { bufferSource } from '../import/source.ts';
import { FORMAT_IDS, planImport, type FormatId } from '../import/index.ts';
import { holdUpload, getProfile } from '../import/profile/index.ts';
import { looksDelimited } from '../import/unrecognised.ts';
import { UPLOAD_LIMIT_BYTES } from '../import/limits.ts';

/**
 * The upload form: starts the import in the background and sends the admin to its live progress
 * page, or to the mapping step when one CSV is no template and no known format.
 */
export async function uploadImport(form: FormData, userId: number | null) {
	const files = form.getAll('files').filter((f): f is File => f instanceof File && f.size > 0);
	const format = String(form.get('format') ?? 'auto');
	const origin = String(form.get('origin') || 'real') as ImportOrigin;
	if (!IMPORT_ORIGINS.includes(origin)) return fail(400, { message: m.imports_unknown_origin({ origin }) });
	if (files.length === 0) return fail(400, { message: m.imports_choose_files() });
	if (!(FORMAT_IDS as readonly string[]).includes(format))
		return fail(400, { message: m.imports_unknown_format({ format }) });
	const total = files.reduce((n, f) => n + f.size, 0);
	if (total > UPLOAD_LIMIT_BYTES)
		return fail(413, {
			message: m.imports_too_large({
				size: formatDecimal(total / 1048576, 1),
				limit: formatCount(UPLOAD_LIMIT_BYTES / 1048576)
			})
		});
	const sources = await Promise.all(
		files.map(async (f) => bufferSource(f.name, new Uint8Array(await f.arrayBuffer())))
	);
	const db = await getDb();
	// A saved mapping profile reads every file as a wide extract.
	const profileName = String(form.get('profile') ?? '');
	if (profileName) {
		const saved = await getProfile(db, profileName);
		if (!saved) return fail(400, { message: m.imports_no_such_profile({ profile: profileName }) });
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
