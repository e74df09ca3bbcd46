// Completion rate (DESIGN.md §3): completed ÷ enrolments with a known outcome (completed +
// withdrawn + failed); in-progress counted and shown apart; 95% Wilson interval.
import { wilson } from '../intervals/wilson.ts';

export type CompletionCell = {
	groups: string[];
	completed: number;
	known: number;
	inProgress: number;
	learners: number;
};

/** The CLI/API row of issue 2: `group` is null for the whole population, else the group's value. */
export type CompletionRow = {
	group: string | null;
	completed: number;
	known: number;
	inProgress: number;
	rate: number | null;
	low: number | null;
	high: number | null;
};

/** Group label: one dimension → its value; two → "a × b". */
export const groupLabel = (groups: string[]): string | null =>
	groups.length === 0 ? null : groups.join(' × ');

export function completionRow(cell: CompletionCell): CompletionRow {
	const interval = wilson(cell.completed, cell.known);
	return {
		group: groupLabel(cell.groups),
		completed: cell.completed,
		known: cell.known,
		inProgress: cell.inProgress,
		rate: interval?.rate ?? null,
		low: interval?.low ?? null,
		high: interval?.high ?? null
	};
}
