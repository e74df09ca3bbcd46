import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { setAnalyticsConsent } from '$lib/server/privacy.ts';
import { sql } from 'drizzle-orm';

export const load: PageServerLoad = async ({ locals }) => {
	const user = locals.user!;
	let consent: boolean | null = null;
	if (user.learnerId) {
		const [row] = await (
			await getDb()
		).query<{ c: boolean }>(sql`select analytics_consent as c from learners where id = ${user.learnerId}`);
		consent = row?.c ?? null;
	}
	return { email: user.email, role: user.role, consent };
};

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
