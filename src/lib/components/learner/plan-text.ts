// Why a plan could not be made, in words a learner can act on. The planner's messages are written
// for the CLI (src/lib/domain/stacking/plan.ts); the page says the same thing without the jargon,
// in the reader's language. Other planner messages stay as the planner wrote them (English).
import { m } from '$lib/paraglide/messages.js';
import { formatCount } from '$lib/i18n/format.ts';

/** A plain-language reason for a failed plan, from the planner's error message. */
export function planFailureText(error: string): string {
	const missing = /objective '(hours|time)' needs (?:workload hours|median days) for (\d+) candidate/.exec(
		error
	);
	if (missing) {
		const [, objective, n] = missing;
		const count = { n: formatCount(Number(n)) };
		return objective === 'hours' ? m.learner_plan_no_hours(count) : m.learner_plan_no_time(count);
	}
	return error.replace(/^stacking\/plan: /, '');
}
