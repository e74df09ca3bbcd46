// One learner's awards walked in date order under one set of rules (rules.ts): for each
// qualification asked, the day something first counts toward it, the day it is complete (or
// null: censored at the as-of date), what still counts at the end, and — for those still in
// progress — how many credentials still complete it (progress.ts, the exact count the learner's
// page shows) and the fewest nominal hours that do (progress.ts hoursStillNeeded: the planner's
// objective hours; unknown when a credential that could complete it has no nominal hours).
//
// Complete means what the stacking rate means (stacking-rate.ts): holding the qualification's
// award, or holding credentials that satisfy every requirement group, with recognitions and
// stacking applied (holdings.ts).
import { expandHoldings, hoursStillNeeded, learnerProgress } from '../stacking/index.ts';
import { bearingOn, type Rules } from './rules.ts';

export type ReplayAward = { credentialId: string; providerId: string | null; issuedOn: string };

export type TargetOutcome = {
	/** The first day something held counted toward the qualification; null: nothing did. */
	firstOn: string | null;
	completedOn: string | null;
	/** Awarded credentials counting toward it at the end (directly, recognised or transferred); shared, not to be changed. */
	counted: ReadonlySet<string>;
	/**
	 * Still in progress: the fewest further credentials that complete it, and the fewest nominal
	 * hours (null: some credential it could take has none), prerequisites set aside; null when the
	 * catalogue cannot complete it.
	 */
	remaining: { count: number; hours: number | null } | null;
};

export type LearnerReplay = {
	targets: Map<string, TargetOutcome>;
	/** Credentials held at the end only through a recognition or a credit transfer; shared, not to be changed. */
	recognised: ReadonlySet<string>;
};

/** What an award list holds on a day under the rules: ids (stand-ins and recognitions included). */
function heldOn(rules: Rules, awards: readonly ReplayAward[], day: string) {
	const upTo = awards.filter((a) => a.issuedOn <= day);
	const raw = new Set(upTo.map((a) => a.credentialId));
	const held = new Set<string>();
	const through = new Map<string, string>(); // id held through an award rule → the award's credential
	const { gates, recognitions, transfers } = rules.award;
	for (const a of upTo) {
		// An award gated by an added prerequisite counts once every prerequisite is held.
		const gate = gates.get(a.credentialId);
		if (gate && !gate.every((p) => raw.has(p))) continue;
		held.add(a.credentialId);
		for (const r of recognitions.get(a.credentialId) ?? [])
			if (a.providerId !== null && r.providers.has(a.providerId) && !raw.has(r.as)) {
				held.add(r.as);
				through.set(r.as, a.credentialId);
			}
	}
	for (const t of transfers) {
		let credits = 0;
		for (const a of upTo) {
			const standIn = t.standIns.get(a.credentialId);
			if (!standIn || a.providerId !== t.fromProvider || held.has(standIn) || !held.has(a.credentialId))
				continue;
			const c = rules.index.credentials.get(standIn)?.credits ?? 0;
			if (credits + c > t.maxCredits) continue;
			credits += c;
			held.add(standIn);
			through.set(standIn, a.credentialId);
		}
	}
	return { held, through };
}

export function replayLearner({
	rules,
	awards,
	targets,
	asOf,
	plan = true,
	remember = true
}: {
	rules: Rules;
	awards: readonly ReplayAward[];
	/** Qualifications asked (ids in rules.index.targets). */
	targets: readonly string[];
	asOf: string;
	/** Whether to plan what remains for those still in progress. */
	plan?: boolean;
	/** Whether to reuse the walk of an earlier learner with the same awards in the same order (the tests compare both). */
	remember?: boolean;
}): LearnerReplay {
	// Awards usually come in date order, all by the as-of date (the query sorts them): then they
	// are used as they are.
	let inOrder = true;
	for (let i = 0; i < awards.length && inOrder; i++)
		inOrder = awards[i].issuedOn <= asOf && (i === 0 || awards[i - 1].issuedOn <= awards[i].issuedOn);
	const sorted = inOrder
		? awards
		: awards
				.filter((a) => a.issuedOn <= asOf)
				.sort((a, b) => (a.issuedOn < b.issuedOn ? -1 : a.issuedOn > b.issuedOn ? 1 : 0));
	const days: string[] = [];
	for (const a of sorted) if (days[days.length - 1] !== a.issuedOn) days.push(a.issuedOn);
	let walk: Walk | undefined;
	if (remember) {
		let memo = walks.get(rules);
		if (!memo || memo.size > WALK_MEMO_LIMIT) walks.set(rules, (memo = new Map()));
		const key = walkKey(rules, sorted, targets, plan);
		walk = memo.get(key);
		if (!walk) memo.set(key, (walk = walkAwards(rules, sorted, days, targets, plan)));
	} else walk = walkAwards(rules, sorted, days, targets, plan);
	const out = new Map<string, TargetOutcome>();
	for (const [t, w] of walk.targets)
		out.set(t, {
			firstOn: w.first < 0 ? null : days[w.first],
			completedOn: w.completed < 0 ? null : days[w.completed],
			counted: w.counted,
			remaining: w.remaining
		});
	return { targets: out, recognised: walk.recognised };
}

/**
 * A learner's walk with days as positions in their list of award days: what it finds depends only
 * on which credentials were awarded on the first, second, … award day, in that order (and from
 * which provider, when a rule of the scenario reads it), so learners whose awards have that same
 * shape share one walk. The generated learners follow a few plans per qualification: a few
 * thousand shapes among tens of thousands of learners.
 */
type Walk = {
	targets: Map<
		string,
		{ first: number; completed: number; counted: ReadonlySet<string>; remaining: TargetOutcome['remaining'] }
	>;
	recognised: ReadonlySet<string>;
};

const walks = new WeakMap<Rules, Map<string, Walk>>();
const WALK_MEMO_LIMIT = 200_000;

function walkKey(rules: Rules, sorted: readonly ReplayAward[], targets: readonly string[], plan: boolean) {
	const { recognitions, transfers } = rules.award;
	const byProvider = recognitions.size > 0 || transfers.length > 0;
	let key = `${plan ? 1 : 0}\u0002${targets.join('\u0001')}\u0002`;
	for (let i = 0; i < sorted.length; i++) {
		const a = sorted[i];
		key += (i > 0 && a.issuedOn !== sorted[i - 1].issuedOn ? '\u0003' : '\u0001') + a.credentialId;
		if (byProvider) key += `\u0004${a.providerId ?? ''}`;
	}
	return key;
}

function walkAwards(
	rules: Rules,
	sorted: readonly ReplayAward[],
	days: readonly string[],
	targets: readonly string[],
	plan: boolean
): Walk {
	const { index } = rules;
	const positions = new Map(targets.map((t) => [t, index.targets.indexOf(t)]));
	const out: Walk['targets'] = new Map();
	const counted = new Map(targets.map((t) => [t, new Set<string>()]));
	for (const t of targets)
		out.set(t, { first: -1, completed: -1, counted: counted.get(t)!, remaining: null });
	// Holdings only grow with time (an award gated by a prerequisite counts from the day the
	// prerequisite is held), and so do "something counts" and "complete": each day is found by
	// bisection over the award days, a few expansions per learner instead of one per day.
	const states = new Map<
		number,
		{ h: ReturnType<typeof heldOn>; expanded: ReturnType<typeof expandHoldings> }
	>();
	const stateOn = (i: number) => {
		let state = states.get(i);
		if (!state) {
			const h = heldOn(rules, sorted, days[i]);
			states.set(i, (state = { h, expanded: expanded(rules, h.held) }));
		}
		return state;
	};
	const firstDay = (holds: (state: ReturnType<typeof stateOn>) => boolean): number => {
		if (days.length === 0 || !holds(stateOn(days.length - 1))) return -1;
		if (holds(stateOn(0))) return 0;
		let [lo, hi] = [1, days.length - 1];
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (holds(stateOn(mid))) hi = mid;
			else lo = mid + 1;
		}
		return lo;
	};
	for (const [t, o] of out) {
		const at = positions.get(t)!;
		const first = firstDay(({ h, expanded }) =>
			Boolean(expanded.heldMembers.get(at)?.length || h.held.has(t))
		);
		if (first < 0) continue;
		o.first = first;
		const done = firstDay(({ expanded }) => expanded.held.has(t));
		if (done >= 0) o.completed = Math.max(done, first);
	}
	const end = days.length ? stateOn(days.length - 1) : null;
	const last = end?.expanded ?? null;
	const lastHeld = end?.h ?? null;
	const recognised = new Set<string>();
	if (last && lastHeld) {
		for (const id of last.recognisedFrom.keys()) if (!lastHeld.held.has(id)) recognised.add(id);
		for (const id of lastHeld.through.keys()) recognised.add(id);
		const awarded = new Set(sorted.map((a) => a.credentialId));
		for (const [t, o] of out) {
			const into = counted.get(t)!;
			const members = last.heldMembers.get(positions.get(t)!) ?? [];
			for (const m of members) {
				if (awarded.has(m) && lastHeld.held.has(m)) into.add(m);
				const via = lastHeld.through.get(m);
				if (via) into.add(via);
				for (const from of last.recognisedFrom.get(m) ?? []) {
					if (awarded.has(from)) into.add(from);
					const v = lastHeld.through.get(from);
					if (v) into.add(v);
				}
			}
			if (plan && o.first >= 0 && o.completed < 0) o.remaining = remaining(rules, t, lastHeld.held);
		}
	}
	return { targets: out, recognised };
}

// What a set of credentials holds once recognitions and stacking are applied, remembered per rules
// by the set: learners pass through the same few sets on their way (a bounded number of them).
const expansions = new WeakMap<Rules, Map<string, ReturnType<typeof expandHoldings>>>();
const EXPANSION_MEMO_LIMIT = 100_000;

function expanded(rules: Rules, held: ReadonlySet<string>): ReturnType<typeof expandHoldings> {
	let memo = expansions.get(rules);
	if (!memo || memo.size > EXPANSION_MEMO_LIMIT) expansions.set(rules, (memo = new Map()));
	const key = [...held].sort().join('\u0001');
	let out = memo.get(key);
	if (!out) memo.set(key, (out = expandHoldings({ index: rules.index, held })));
	return out;
}

// Many learners still in progress hold the same few of a qualification's credentials: what remains
// is remembered per catalogue index and target, keyed by the held credentials that bear on the
// qualification (rules.ts bearingOn), a bounded number of them.
const plans = new WeakMap<Rules['index'], Map<string, TargetOutcome['remaining']>>();
const PLAN_MEMO_LIMIT = 50_000;

/**
 * The fewest further credentials that complete `target` (progress.ts's "still needed": exact,
 * prerequisites set aside, as the learner's page says it), and the fewest nominal hours (the
 * planner, objective hours, prerequisites set aside; null when an unheld member has no hours);
 * null when the catalogue cannot complete it.
 */
function remaining(rules: Rules, target: string, held: Set<string>): TargetOutcome['remaining'] {
	let memo = plans.get(rules.index);
	if (!memo || memo.size > PLAN_MEMO_LIMIT) plans.set(rules.index, (memo = new Map()));
	const bearing = bearingOn(rules.index, target);
	const relevant = [...held].filter((id) => bearing.has(id)).sort();
	const key = `${target}\u0001${relevant.join('\u0001')}`;
	if (memo.has(key)) return memo.get(key)!;
	const [q] = learnerProgress({ catalogue: rules.index, held: relevant, targets: [target] }).qualifications;
	const value =
		q.stillNeeded === null
			? null
			: { count: q.stillNeeded, hours: hoursStillNeeded({ catalogue: rules.index, held: relevant, target }) };
	memo.set(key, value);
	return value;
}
