import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { setAnalyticsConsent } from '$lib/server/privacy.ts';
import { getAccount } from '$lib/server/queries/account.ts';

export const load: PageServerLoad = async ({ locals }) => getAccount(await getDb(), locals.user!);

export const actions: Actions = {
	// A learner decides whether their records count in anyone's statistics.
	consent: async ({ locals, request }) => {
		const user = locals.user!;
		if (!user.learnerId) return fail(400, { message: 'Only learner accounts have analytics consent.' });
		const consent = (await request.formData()).get('consent') === 'yes';
		await setAnalyticsConsent(await getDb(), user.learnerId, consent, user.id);
		return { saved: true };
	}
};
