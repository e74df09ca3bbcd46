// Words for one requirement group in the pathway list: its label, its rule ("4 of 37" style) and
// how much of it the learner holds.
import type { GroupState } from '$lib/domain/stacking/index.ts';

export function describeGroup(g: GroupState): string {
	const label = g.label ?? 'Requirement';
	const rule =
		g.rule === 'min_credits'
			? `at least ${g.need} credits`
			: g.rule === 'all'
				? `all ${g.need}`
				: `${g.need} of the options`;
	const held = g.rule === 'min_credits' ? `${g.have} credits held` : `${g.have} of ${g.need} held`;
	return `${label} (${rule}): ${held}${g.satisfied ? ', satisfied' : ''}`;
}
