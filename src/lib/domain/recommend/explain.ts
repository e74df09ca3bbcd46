// The 1–3 plain-words facts behind a suggestion, each read off its signals (never composed apart
// from them): the signals that added most to the score first. With no goal set, the first says how
// it counts toward the nearest qualification, or why it does not. The outlook (completion rate,
// median time) is information, not a reason: `outlookText` words it for its own line.
import type { CatalogueIndex } from '../stacking/index.ts';
import type { EnrolmentStatus } from '../types.ts';
import type { Signals, Weights } from './recommend.ts';

const pct = (x: number) => `${Math.round(x * 100)}%`;

const DID: Record<EnrolmentStatus, string> = {
	completed: 'completed',
	withdrawn: 'withdrew from',
	failed: 'did not pass',
	in_progress: 'were studying'
};

/** "6 weeks" from days; short spans in days. */
export function describeDays(days: number): string {
	if (days < 14) return `${Math.round(days)} day${Math.round(days) === 1 ? '' : 's'}`;
	return `${Math.round(days / 7)} weeks`;
}

export function nextReason(
	signals: Signals,
	credential: string,
	titleOf: (id: string) => string
): string | null {
	const { after, takenBy } = signals.next;
	if (after && after.transitions !== null && after.toThis !== null && after.toThis > 0) {
		const share = pct(after.toThis / after.transitions);
		const what = after.credential === credential ? 'took it again next' : 'took this next';
		return `${share} of the ${after.transitions} learners who ${DID[after.status]} ${titleOf(after.credential)} ${what}`;
	}
	if (takenBy !== null && takenBy > 0) return `Taken by ${takenBy} learners`;
	return null;
}

export function progressReason(signals: Signals): string | null {
	const best = signals.progress.toward[0];
	if (!best) return null;
	if (best.completesTarget) return `Completes ${best.title}`;
	if (best.completesGroup) return `Completes the ${best.groupLabel ?? 'requirement group'} of ${best.title}`;
	return `Counts toward ${best.groupLabel ? `the ${best.groupLabel} of ` : ''}${best.title}: ${best.stillNeeded} still needed, ${pct(best.share)} done`;
}

export function goalReason(signals: Signals, titleOf: (id: string) => string): string | null {
	const { via, goal, nearest } = signals.goal;
	if (!via || goal === null) return null;
	if (nearest) {
		const held = `${nearest.inHand} of ${nearest.ofTotal} held`;
		if (via === 'counts')
			return nearest.stillNeeded === 1 &&
				signals.progress.toward.some((c) => c.target === nearest.target && c.completesTarget)
				? `Completes ${nearest.title} (${held}; this is the last)`
				: `Counts toward ${nearest.title} (${held}, ${nearest.stillNeeded} to go)`;
		if (via === 'prerequisite') return `A prerequisite of what ${nearest.title} still needs`;
	}
	if (via === 'counts') return `Counts toward your goal, ${titleOf(goal)}`;
	if (via === 'is') return `It is your goal`;
	if (via === 'skill') {
		const label = signals.skills.new.find((s) => s.uri === goal)?.label;
		return `Teaches your goal skill${label ? `, ${label}` : ''}`;
	}
	return `A prerequisite on the way to your goal, ${titleOf(goal)}`;
}

export function skillsReason(signals: Signals): string | null {
	const added = signals.skills.new;
	if (added.length === 0) return null;
	const named = added
		.map((s) => s.label)
		.filter((l): l is string => !!l)
		.slice(0, 2);
	return `Adds ${added.length} new skill${added.length === 1 ? '' : 's'}${named.length ? `: ${named.join(', ')}` : ''}`;
}

/** With no goal set, why a suggestion that does not count toward the nearest qualification is listed. */
export function notNearestReason(signals: Signals): string | null {
	const { nearest, via } = signals.goal;
	if (!nearest || via === 'counts' || via === 'prerequisite') return null;
	const why =
		nearest.listed === 0
			? `nothing it still needs is open to you now (under way, or waiting on a prerequisite)`
			: `only ${nearest.listed} of what it still needs ${nearest.listed === 1 ? 'is' : 'are'} open to you now, listed above`;
	return `Not toward ${nearest.title}: ${why}`;
}

/** The outlook in words ("Median 6 weeks, 72% complete"), for a line of its own; null when withheld. */
export function outlookText(signals: Signals): string | null {
	const o = signals.outlook;
	if (!o) return null;
	const parts: string[] = [];
	if (o.medianDays !== null) parts.push(`median ${describeDays(o.medianDays)}`);
	if (o.completionRate !== null) parts.push(`${pct(o.completionRate)} complete`);
	if (parts.length === 0) return null;
	const text = parts.join(', ');
	return text[0].toUpperCase() + text.slice(1);
}

export function explain({
	index,
	signals,
	weights,
	credential
}: {
	index: CatalogueIndex;
	signals: Signals;
	weights: Weights;
	credential: string;
}): string[] {
	const titleOf = (id: string) => index.credentials.get(id)?.title ?? id;
	// The nearest qualification's reason already says what the progress reason would about it.
	const nearest = signals.goal.nearest;
	const sayProgress = !(
		nearest &&
		signals.goal.via === 'counts' &&
		signals.progress.toward[0]?.target === nearest.target
	);
	const ranked = [
		{ weight: weights.goal * signals.goal.value, text: goalReason(signals, titleOf) },
		{ weight: weights.progress * signals.progress.value, text: sayProgress ? progressReason(signals) : null },
		{
			weight: weights.next * signals.next.value,
			text: nextReason(signals, credential, titleOf)
		},
		{ weight: weights.skills * signals.skills.value, text: skillsReason(signals) }
	]
		.filter((r): r is { weight: number; text: string } => r.weight > 0 && r.text !== null)
		.sort((a, b) => b.weight - a.weight);
	const whyNot = notNearestReason(signals);
	const reasons = [...(whyNot ? [whyNot] : []), ...ranked.map((r) => r.text)].slice(0, 3);
	if (reasons.length === 0) reasons.push('Open to you: every prerequisite is held');
	return reasons;
}
