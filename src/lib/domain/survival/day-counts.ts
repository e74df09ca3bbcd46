// The input of the time-to-credential statistics: counts per day since start, as the SQL
// layer returns them (it never sends one row per learner). A day may come in several rows,
// e.g. one per cohort; they are added up here.

/** Enrolments leaving the "in progress" state on `day` (days since start), by how. */
export type DayCounts = {
	/** Days since the enrolment started: an integer ≥ 0. */
	day: number;
	completed: number;
	withdrawn: number;
	failed: number;
	/** Still in progress at the cut-off, censored at this day. */
	censored: number;
};

const FIELDS = ['completed', 'withdrawn', 'failed', 'censored'] as const;

/**
 * One row per day, in increasing order, days without anyone leaving dropped (they are not
 * time points of the estimator, as in R where only observed times are). Throws, prefixed
 * with `module`, on a day or count that is not a non-negative integer.
 */
export function collapseDayCounts(rows: readonly DayCounts[], module = 'collapseDayCounts'): DayCounts[] {
	const byDay = new Map<number, DayCounts>();
	for (const row of rows) {
		if (!Number.isInteger(row.day) || row.day < 0) {
			throw new Error(`${module}: day ${row.day} is not an integer ≥ 0`);
		}
		let sum = byDay.get(row.day);
		if (!sum) {
			sum = { day: row.day, completed: 0, withdrawn: 0, failed: 0, censored: 0 };
			byDay.set(row.day, sum);
		}
		for (const field of FIELDS) {
			const count = row[field];
			if (!Number.isInteger(count) || count < 0) {
				throw new Error(`${module}: ${field} on day ${row.day} is ${count}, not an integer ≥ 0`);
			}
			sum[field] += count;
		}
	}
	return [...byDay.values()]
		.filter((r) => r.completed + r.withdrawn + r.failed + r.censored > 0)
		.sort((a, b) => a.day - b.day);
}
