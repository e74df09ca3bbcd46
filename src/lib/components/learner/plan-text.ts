// Why a plan could not be made, in words a learner can act on. The planner's messages are written
// for the CLI (src/lib/domain/stacking/plan.ts); the page says the same thing without the jargon.

/** A plain-language reason for a failed plan, from the planner's error message. */
export function planFailureText(error: string): string {
	const missing = /objective '(hours|time)' needs (?:workload hours|median days) for (\d+) candidate/.exec(
		error
	);
	if (missing) {
		const [, objective, n] = missing;
		const what =
			objective === 'hours'
				? 'no workload hours in the catalogue'
				: 'no median time to complete yet (too few learners have finished them)';
		return `${n} of the credentials that could complete it have ${what}, so this plan cannot be worked out. Try fewest credentials.`;
	}
	return error.replace(/^stacking\/plan: /, '');
}
