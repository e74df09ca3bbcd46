import { IMPORT_ORIGINS } from '$lib/domain/types.ts';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { uploadImport } from '$lib/server/http/import-upload.ts';
import { getImportHistory } from '$lib/server/import/history.ts';
import { FORMAT_IDS } from '$lib/server/import/index.ts';
import { listProfiles } from '$lib/server/import/profile/index.ts';
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
	upload: async ({ request, locals }) => uploadImport(await request.formData(), locals.user?.id ?? null)
};
