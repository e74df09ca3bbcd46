// SECONDARY figure, to be labelled as such: the mean days to completion among those who
// completed. It ignores everyone who withdrew, failed or is still in progress, so it is not
// the time a starter can expect to take; the Aalen–Johansen median is (DESIGN.md §3).

import { collapseDayCounts, type DayCounts } from './day-counts.ts';

/** Mean day of completion over completers; undefined when nobody completed. */
export function meanDaysAmongCompleters(rows: readonly DayCounts[]): number | undefined {
	let completers = 0;
	let days = 0;
	for (const r of collapseDayCounts(rows, 'meanDaysAmongCompleters')) {
		completers += r.completed;
		days += r.completed * r.day;
	}
	return completers > 0 ? days / completers : undefined;
}
