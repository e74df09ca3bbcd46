// The what-if answer: each affected learner replayed under today's rules and the scenario's
// (replay.ts), counted per qualification, and published through the one disclosure policy.
//
// Per affected qualification, over its learners (those holding something that counts toward it
// under either rules, at the as-of date):
// - completedNow / completedScenario / difference, with 95% Wilson intervals of each share and
//   Newcombe's hybrid-score interval of the difference (method 10, for independent samples: the
//   two shares are of the same learners, so the interval is on the wide side);
// - time to the qualification: cumulative incidence of completion by day since the first
//   counting award (Aalen–Johansen; nobody leaves a qualification by a competing event here, so
//   everyone not complete is censored at the as-of date), its published curve and median;
// - learners still in progress and the mean number of credentials that still complete it
//   (progress.ts: exact, prerequisites set aside), and the mean nominal hours that do (the
//   planner, objective hours) over those whose hours are known — a learner is left out of that
//   mean when a credential that could complete the qualification for them has no nominal hours
//   (the bundled training.gov.au catalogue states none), and hoursKnown says over how many;
// - byGroup: per dimension, each group's completion share now and under the scenario with its
//   ratio to the reference group and the four-fifths flag (completion-equity.ts);
// - providers whose awards newly count, and the recognitions (credentials newly held through a
//   recognition or credit transfer) the change creates.
// Disclosure (policy.ts): a qualification or group of fewer learners than the threshold is
// withheld; so is a difference (and the scenario count it would give away) made by fewer
// learners than the threshold, since publishing both counts would single those learners out.
// Under rounding every count is rounded and every figure derives from the rounded counts.
import { completionEquity, type CompletionEquityRow, timeToCredentialByGroup } from '../equity/index.ts';
import { wilson, type Proportion } from '../intervals/index.ts';
import { isoToDayNumber } from '../dates.ts';
import {
	fewerThan,
	publishedCount,
	publishesRate,
	withheldBelow,
	type Suppression,
	suppressCells
} from '../suppression/index.ts';
import type { DayCounts, TimeToCredentialPoint } from '../survival/index.ts';
import { GROUP_DIMENSIONS, type GroupDimension } from '../types.ts';
import { replayLearner, type LearnerReplay, type ReplayAward, type TargetOutcome } from './replay.ts';
import type { AppliedScenario } from './rules.ts';
import type { Scenario } from './scenario.ts';

export type WhatIfLearner = {
	groups: Record<GroupDimension, string>;
	awards: ReplayAward[];
};

export type Share = Proportion | null;

export type GroupRow = {
	dimension: GroupDimension;
	group: string;
	learners: number | null;
	completedNow: number | null;
	completedScenario: number | null;
	rateNow: number | null;
	rateScenario: number | null;
	ratioNow: number | null;
	ratioScenario: number | null;
	fourFifthsNow: boolean | null;
	fourFifthsScenario: boolean | null;
	/** Why the row (or its scenario half) is withheld, or null. */
	suppressed: string | null;
};

export type Remaining = {
	inProgress: number | null;
	meanCredentials: number | null;
	/** Mean nominal hours still to go, over the hoursKnown learners whose hours are known. */
	meanHours: number | null;
	/** Learners in progress whose hours to go are known (withheld when it would single out a few). */
	hoursKnown: number | null;
};

export type ProviderRow = {
	provider: string;
	learners: number | null;
	awards: number | null;
	suppressed: string | null;
};

export type Counts = {
	learners: number | null;
	completedNow: number | null;
	completedScenario: number | null;
	difference: number | null;
	shareNow: Share;
	shareScenario: Share;
	differenceLow: number | null;
	differenceHigh: number | null;
	recognitionsCreated: number | null;
	suppressed: string | null;
};

export type QualificationWhatIf = Counts & {
	id: string;
	title: string;
	medianDaysNow: number | null;
	medianDaysScenario: number | null;
	medianChange: number | null;
	curveNow: TimeToCredentialPoint[];
	curveScenario: TimeToCredentialPoint[];
	remainingNow: Remaining;
	remainingScenario: Remaining;
	byGroup: GroupRow[];
	/** Reference group per dimension (now, scenario). */
	references: { dimension: GroupDimension; now: string | null; scenario: string | null }[];
	providersNewlyCounted: ProviderRow[];
};

export type WhatIf = {
	scenario: Scenario;
	asOf: string;
	qualifications: QualificationWhatIf[];
	/** Learner–qualification pairs across the affected qualifications. */
	overall: Counts & { qualifications: number; providersNewlyCounted: ProviderRow[] };
	warnings: string[];
};

type Tally = {
	learners: number;
	now: number;
	scenario: number;
	newly: number;
	noLonger: number;
	recognitions: number;
	recognisedLearners: number;
};

const emptyTally = (): Tally => ({
	learners: 0,
	now: 0,
	scenario: 0,
	newly: 0,
	noLonger: 0,
	recognitions: 0,
	recognisedLearners: 0
});

export function whatIf({
	applied,
	scenario,
	learners,
	asOf,
	suppression
}: {
	applied: AppliedScenario;
	scenario: Scenario;
	learners: Iterable<WhatIfLearner>;
	asOf: string;
	suppression: Suppression;
}): WhatIf {
	const targets = applied.affected;
	const perTarget = new Map(targets.map((t) => [t, new TargetAccumulator()]));
	// Overall publishes counts and providers only: no curve, nothing remaining.
	const overall = new TargetAccumulator({ curves: false });
	for (const learner of learners) {
		const now = replayLearner({ rules: applied.now, awards: learner.awards, targets, asOf });
		const then = replayLearner({ rules: applied.scenario, awards: learner.awards, targets, asOf });
		let created = 0;
		for (const id of then.recognised) if (!now.recognised.has(id)) created++;
		for (const t of targets) {
			const acc = perTarget.get(t)!;
			if (acc.add(learner, t, now, then, asOf, created)) overall.add(learner, t, now, then, asOf, 0);
		}
		if (created) {
			overall.tally.recognitions += created;
			overall.tally.recognisedLearners++;
		}
	}
	const index = applied.now.index;
	return {
		scenario,
		asOf,
		qualifications: targets.map((t) => ({
			id: t,
			title: index.credentials.get(t)?.title ?? t,
			...perTarget.get(t)!.publish(suppression)
		})),
		overall: {
			qualifications: targets.length,
			...publishCounts(overall.tally, suppression),
			providersNewlyCounted: publishProviders(overall.providers, suppression)
		},
		warnings: applied.warnings
	};
}

/** One learner counted into a tally. */
function countInto(x: Tally, doneNow: boolean, doneThen: boolean, created: number) {
	x.learners++;
	if (doneNow) x.now++;
	if (doneThen) x.scenario++;
	if (doneThen && !doneNow) x.newly++;
	if (doneNow && !doneThen) x.noLonger++;
	if (created) {
		x.recognitions += created;
		x.recognisedLearners++;
	}
}

class TargetAccumulator {
	tally = emptyTally();
	/** Per side, learners by day since their first counting award (DayCounts, one row a day). */
	days = { now: new Map<number, DayCounts>(), scenario: new Map<number, DayCounts>() };
	/** Per side, the learners something counts for (each in one row of `days`). */
	timed = { now: 0, scenario: 0 };
	private readonly curves: boolean;
	constructor({ curves = true }: { curves?: boolean } = {}) {
		this.curves = curves;
	}
	remaining = {
		now: [] as { count: number; hours: number | null }[],
		scenario: [] as { count: number; hours: number | null }[]
	};
	inProgress = { now: 0, scenario: 0 };
	groups = new Map<GroupDimension, Map<string, Tally & { dimension: GroupDimension; group: string }>>();
	providers = new Map<string, { learners: number; awards: number }>();

	/** Counts one learner toward `t`; false when nothing they hold counts toward it under either rules. */
	add(
		learner: WhatIfLearner,
		t: string,
		now: LearnerReplay,
		then: LearnerReplay,
		asOf: string,
		created: number
	) {
		const a = now.targets.get(t)!;
		const b = then.targets.get(t)!;
		if (a.firstOn === null && b.firstOn === null) return false;
		const doneNow = a.completedOn !== null;
		const doneThen = b.completedOn !== null;
		countInto(this.tally, doneNow, doneThen, created);
		for (const d of GROUP_DIMENSIONS) {
			const group = learner.groups[d];
			let byGroup = this.groups.get(d);
			if (!byGroup) this.groups.set(d, (byGroup = new Map()));
			let g = byGroup.get(group);
			if (!g) byGroup.set(group, (g = { ...emptyTally(), dimension: d, group }));
			countInto(g, doneNow, doneThen, created);
		}
		this.addDays('now', a, asOf);
		this.addDays('scenario', b, asOf);
		// Awards counting under the scenario that did not count today, by provider.
		let newly: Set<string> | null = null;
		for (const c of b.counted) if (!a.counted.has(c)) (newly ??= new Set()).add(c);
		if (newly === null) return true;
		const seen = new Set<string>();
		for (const award of learner.awards)
			if (newly.has(award.credentialId) && award.issuedOn <= asOf) {
				const p = award.providerId ?? 'not stated';
				let row = this.providers.get(p);
				if (!row) this.providers.set(p, (row = { learners: 0, awards: 0 }));
				row.awards++;
				if (!seen.has(p)) {
					seen.add(p);
					row.learners++;
				}
			}
		return true;
	}

	/** One side's time from the first counting award to completion (or censoring at asOf). */
	private addDays(side: 'now' | 'scenario', o: TargetOutcome, asOf: string) {
		if (o.firstOn === null || !this.curves) return;
		const done = o.completedOn !== null;
		const day = Math.max(0, this.dayNumber(o.completedOn ?? asOf) - this.dayNumber(o.firstOn));
		let row = this.days[side].get(day);
		if (!row) this.days[side].set(day, (row = { day, completed: 0, withdrawn: 0, failed: 0, censored: 0 }));
		if (done) row.completed++;
		else row.censored++;
		this.timed[side]++;
		if (!done) {
			this.inProgress[side]++;
			if (o.remaining) this.remaining[side].push(o.remaining);
		}
	}

	/** Day numbers of the few distinct dates, worked out once each. */
	private dayNumbers = new Map<string, number>();
	private dayNumber(iso: string) {
		let day = this.dayNumbers.get(iso);
		if (day === undefined) this.dayNumbers.set(iso, (day = isoToDayNumber(iso)));
		return day;
	}

	publish(policy: Suppression): Omit<QualificationWhatIf, 'id' | 'title'> {
		const counts = publishCounts(this.tally, policy);
		const curve = (side: 'now' | 'scenario') =>
			timeToCredentialByGroup({
				groups: [{ group: null, rows: [...this.days[side].values()], learners: this.timed[side] }],
				suppression: policy
			}).groups[0];
		const withheld = counts.learners === null;
		const [cNow, cThen] = [curve('now'), curve('scenario')];
		const medianNow = withheld ? null : (cNow.median?.days ?? null);
		const medianThen = withheld || counts.completedScenario === null ? null : (cThen.median?.days ?? null);
		return {
			...counts,
			medianDaysNow: medianNow,
			medianDaysScenario: medianThen,
			medianChange: medianNow !== null && medianThen !== null ? medianThen - medianNow : null,
			curveNow: withheld ? [] : cNow.points,
			curveScenario: counts.completedScenario === null ? [] : cThen.points,
			remainingNow: publishRemaining(this.inProgress.now, this.remaining.now, policy),
			remainingScenario: publishRemaining(
				this.inProgress.scenario,
				counts.completedScenario === null ? [] : this.remaining.scenario,
				policy,
				counts.completedScenario === null
			),
			...(withheld ? { byGroup: [], references: [] } : this.publishGroups(policy)),
			providersNewlyCounted: withheld ? [] : publishProviders(this.providers, policy)
		};
	}

	publishGroups(policy: Suppression) {
		const threshold = withheldBelow(policy);
		const byGroup: GroupRow[] = [];
		const references: QualificationWhatIf['references'] = [];
		for (const dimension of GROUP_DIMENSIONS) {
			const groups = [...(this.groups.get(dimension)?.values() ?? [])].sort((a, b) =>
				a.group.localeCompare(b.group)
			);
			const rows = (side: 'now' | 'scenario') =>
				groups.map((g) => ({
					group: g.group,
					completed: side === 'now' ? g.now : g.scenario,
					known: g.learners,
					inProgress: 0,
					learners: g.learners
				}));
			const now = completionEquity({ rows: rows('now'), suppression: policy });
			// Under the scenario, a group withheld today stays withheld, and so does one whose
			// change is made by fewer learners than the threshold.
			const withheld = groups.map((g, i) => now.rows[i].suppressed ?? smallChange(g, threshold));
			const then = completionEquity({
				rows: rows('scenario'),
				suppression: policy,
				withheld: policy === false ? undefined : withheld,
				reference: now.reference ?? undefined
			});
			references.push({ dimension, now: now.reference, scenario: then.reference });
			groups.forEach((g, i) => {
				const [a, b]: CompletionEquityRow[] = [now.rows[i], then.rows[i]];
				byGroup.push({
					dimension,
					group: g.group,
					learners: a.known,
					completedNow: a.completed,
					completedScenario: b.completed,
					rateNow: a.rate,
					rateScenario: b.rate,
					ratioNow: a.ratio,
					ratioScenario: b.ratio,
					fourFifthsNow: a.fourFifths,
					fourFifthsScenario: b.fourFifths,
					suppressed: a.suppressed ?? b.suppressed
				});
			});
		}
		return { byGroup, references };
	}
}

/** Why a change made by fewer learners than the threshold is withheld, or null. */
function smallChange(t: Tally, threshold: number): string | null {
	const small = (n: number) => n > 0 && n < threshold;
	return small(t.newly) || small(t.noLonger)
		? `the change is made by ${fewerThan(threshold)}, so the scenario's figure is withheld`
		: null;
}

function publishCounts(t: Tally, policy: Suppression): Counts {
	const threshold = withheldBelow(policy);
	if (t.learners > 0 && t.learners < threshold)
		return {
			learners: null,
			completedNow: null,
			completedScenario: null,
			difference: null,
			shareNow: null,
			shareScenario: null,
			differenceLow: null,
			differenceHigh: null,
			recognitionsCreated: null,
			suppressed: fewerThan(threshold)
		};
	const learners = publishedCount(policy, t.learners);
	const now = publishedCount(policy, t.now);
	const change = smallChange(t, threshold);
	const scenario = change ? null : publishedCount(policy, t.scenario);
	const rates = publishesRate(policy, t.learners);
	const shareNow = rates ? (wilson(now, learners) ?? null) : null;
	const shareScenario = rates && scenario !== null ? (wilson(scenario, learners) ?? null) : null;
	const diff = shareNow && shareScenario ? newcombe(shareNow, shareScenario) : null;
	return {
		learners,
		completedNow: now,
		completedScenario: scenario,
		difference: scenario === null ? null : scenario - now,
		shareNow,
		shareScenario,
		differenceLow: diff?.low ?? null,
		differenceHigh: diff?.high ?? null,
		recognitionsCreated:
			t.recognisedLearners === 0 || t.recognisedLearners >= threshold
				? publishedCount(policy, t.recognitions)
				: null,
		suppressed: change
	};
}

/**
 * Newcombe, R. G. (1998). Interval estimation for the difference between independent
 * proportions: comparison of eleven methods. Statistics in Medicine 17, 873–890 (method 10).
 */
function newcombe(a: Proportion, b: Proportion) {
	const d = b.rate - a.rate;
	return {
		low: d - Math.sqrt((b.rate - b.low) ** 2 + (a.high - a.rate) ** 2),
		high: d + Math.sqrt((b.high - b.rate) ** 2 + (a.rate - a.low) ** 2)
	};
}

function publishRemaining(
	inProgress: number,
	plans: { count: number; hours: number | null }[],
	policy: Suppression,
	withheld = false
): Remaining {
	const threshold = withheldBelow(policy);
	if (withheld || inProgress < threshold)
		return {
			inProgress: withheld ? null : inProgress === 0 ? 0 : null,
			meanCredentials: null,
			meanHours: null,
			hoursKnown: withheld ? null : inProgress === 0 ? 0 : null
		};
	const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);
	const hours = plans.flatMap((p) => (p.hours === null ? [] : [p.hours]));
	// Those left out of the hours are counted by difference: a few of them would be singled out.
	const unknown = inProgress - hours.length;
	const few = (n: number) => n > 0 && n < threshold;
	return {
		inProgress: publishedCount(policy, inProgress),
		meanCredentials: plans.length >= threshold ? mean(plans.map((p) => p.count)) : null,
		meanHours: hours.length >= threshold ? mean(hours) : null,
		hoursKnown: few(hours.length) || few(unknown) ? null : publishedCount(policy, hours.length)
	};
}

function publishProviders(
	rows: Map<string, { learners: number; awards: number }>,
	policy: Suppression
): ProviderRow[] {
	const cells = [...rows.entries()].sort(([a], [b]) => a.localeCompare(b));
	const reasons =
		policy === false
			? cells.map(() => null)
			: suppressCells({ cells, count: ([, r]) => r.learners, threshold: withheldBelow(policy) }).reasons;
	return cells.map(([provider, r], i) => ({
		provider,
		learners: reasons[i] ? null : publishedCount(policy, r.learners),
		awards: reasons[i] ? null : publishedCount(policy, r.awards),
		suppressed: reasons[i]
	}));
}
