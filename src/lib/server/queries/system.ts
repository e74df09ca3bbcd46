// Everything the system dashboard (/system) shows, in one call from its load function.
import type { Db } from '../db/client.ts';
import type { Suppression } from '../../domain/equity/compare-groups.ts';
import type { CompletionEquityRow } from '../../domain/equity/completion-equity.ts';
import { getCompletion } from './completion.ts';
import { getOverview, type Overview } from './overview.ts';
import type { QueryContext } from './scope.ts';

export type SystemDashboard = {
	overview: Overview;
	completion: CompletionEquityRow;
	completionByCredential: CompletionEquityRow[];
};

export async function getSystemDashboard(
	db: Db,
	context: QueryContext & { suppression: Suppression }
): Promise<SystemDashboard> {
	const [overview, all, byCredential] = await Promise.all([
		getOverview(db, context),
		getCompletion(db, context),
		getCompletion(db, { ...context, by: ['credential'] })
	]);
	return { overview, completion: all.rows[0], completionByCredential: byCredential.rows };
}
