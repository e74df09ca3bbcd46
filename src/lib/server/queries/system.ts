// Everything the system dashboard (/system) shows, in one call from its load function.
import type { Db } from '../db/client.ts';
import { completionRow, type CompletionRow } from '../../domain/metrics/completion.ts';
import { getCompletionCounts } from './completion.ts';
import { getOverview, type Overview } from './overview.ts';
import type { QueryContext } from './scope.ts';

export type SystemDashboard = {
	overview: Overview;
	completion: CompletionRow;
	completionByCredential: (CompletionRow & { credentialId: string })[];
};

export async function getSystemDashboard(db: Db, context: QueryContext): Promise<SystemDashboard> {
	const [overview, [all], byCredential] = await Promise.all([
		getOverview(db, context),
		getCompletionCounts(db, context),
		getCompletionCounts(db, { ...context, by: ['credential'] })
	]);
	return {
		overview,
		completion: completionRow(all),
		completionByCredential: byCredential.map((cell) => ({
			...completionRow(cell),
			credentialId: cell.groups[0]
		}))
	};
}
