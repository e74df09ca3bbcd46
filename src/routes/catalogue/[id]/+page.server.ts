import type { PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { getDb } from '$lib/server/db/index.ts';
import { accessFor } from '$lib/server/auth/access.ts';
import { getCredentialPage } from '$lib/server/queries/credential-page.ts';
import { disclosureText } from '$lib/i18n/names.ts';

const credentialId = z.string().trim().min(1).max(200);

export const load: PageServerLoad = async ({ params, locals }) => {
	const id = credentialId.safeParse(params.id);
	if (!id.success) error(400, 'A credential id is 1–200 characters');
	const access = accessFor(locals);
	const page = await getCredentialPage(await getDb(), { id: id.data, role: locals.user?.role, access });
	if (!page) error(404, `No credential "${id.data}" in the catalogue`);
	return { ...page, disclosure: page.disclosure === null ? null : disclosureText(access.suppression) };
};
