import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { getSystemDashboard } from '$lib/server/queries/system.ts';
import { readSettings } from '$lib/server/config.ts';

// Server-side so the page arrives with its numbers (no per-learner rows ever reach the browser).
export const load: PageServerLoad = async () => {
	return {
		dashboard: await getSystemDashboard(await getDb(), {
			scope: { kind: 'system' },
			suppression: { threshold: readSettings().suppressionThreshold }
		})
	};
};
