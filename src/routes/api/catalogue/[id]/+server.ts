import type { RequestHandler } from './$types';
import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { getDb } from '$lib/server/db/index.ts';
import { getCredentialDetail } from '$lib/server/queries/credential-detail.ts';

const credentialId = z.string().trim().min(1).max(200);

// One credential and the rules it plans with: the same JSON as `stackwise catalogue show ID --json`.
export const GET: RequestHandler = async ({ params }) => {
	const id = credentialId.safeParse(params.id);
	if (!id.success) error(400, 'id: a credential id is 1–200 characters');
	const detail = await getCredentialDetail(await getDb(), id.data);
	if (!detail) error(404, `No credential "${id.data}" in the catalogue`);
	return json(detail);
};
