import type { RequestHandler } from './$types';
import { error } from '@sveltejs/kit';
import { learnerLookup } from '$lib/server/auth/lookup.ts';
import { getDb } from '$lib/server/db/index.ts';
import { IssuerKeyError, issuerKeyPath, loadIssuerKey } from '$lib/server/record/keys.ts';
import { RecordError, getLearnerRecord } from '$lib/server/record/record.ts';

// The learner's record as a signed CLR 2.0 / Open Badges 3.0 file (`stackwise record` on the
// web). ?qualification= picks the qualification (default: the nearest). Without an issuer key
// (`stackwise keys create`) there is nothing to sign with: 409, saying so.
export const GET: RequestHandler = async ({ params, url }) => {
	const qualification = url.searchParams.get('qualification')?.trim() || null;
	if (qualification !== null && qualification.length > 300)
		error(400, 'qualification: at most 300 characters');
	const db = await getDb();
	const learnerId = await learnerLookup(db).learnerIdOf(params.id);
	if (!learnerId) error(404, 'Not found');
	let key;
	try {
		key = await loadIssuerKey(issuerKeyPath());
	} catch (e) {
		if (e instanceof IssuerKeyError)
			error(409, `This deployment has no issuer key to sign records with yet (${e.message}).`);
		throw e;
	}
	try {
		const record = await getLearnerRecord(db, { learnerId, qualification, key });
		return new Response(JSON.stringify(record, null, 2) + '\n', {
			headers: {
				'content-type': 'application/ld+json; charset=utf-8',
				'content-disposition': 'attachment; filename="stackwise-learner-record.json"',
				'cache-control': 'no-store'
			}
		});
	} catch (e) {
		if (e instanceof RecordError) error(400, e.message);
		throw e;
	}
};
