// "What learners like them did next": a smoothed sequence model built from learners' ordered
// enrolments.
//
// Three levels, each a Dirichlet (additive) smoothing toward the one below, the usual back-off for
// sparse next-item counts (MacKay & Peto 1995, "A hierarchical Dirichlet language model"):
//   P0(b)                 popularity: learners who took b (Laplace-smoothed over the credentials seen)
//   P1(b | history)       co-occurrence: the mean over credentials a in the history of
//                         (#learners who took b after a + α·P0(b)) / (#learners with anything after a + α)
//   P2(b | last, status)  transition: (#learners whose step after `last` ended as `status` was b
//                         + α·P1(b)) / (# such transitions + α)
// `status` is the last step's state when the next one started (an outcome not yet known counts
// as in_progress), so training and asking use the same information. A step may repeat a credential
// (a retake after withdrawing or failing); that is a transition, and a pair b after b, like any other.
//
// Counts are additive, so a learner's own sequence can be taken out and put back (`addSequence`
// with sign −1): the offline evaluation scores each learner on a model that has never seen the
// step it hides.
import type { EnrolmentStatus } from '../types.ts';

export type Step = {
	credential: string;
	/** Final status of the enrolment. */
	status: EnrolmentStatus;
	startedOn: string;
	endedOn: string | null;
};

export type SequenceModel = {
	/** Smoothing strength α of each back-off level. */
	alpha: number;
	/** Learners who took each credential (counted once per learner). */
	popularity: Map<string, number>;
	learners: number;
	/** a → b → learners who took b after a (once per learner and pair). */
	after: Map<string, Map<string, number>>;
	afterTotal: Map<string, number>;
	/** `${a}\u0001${status}` → b → transitions. */
	transitions: Map<string, Map<string, number>>;
	transitionTotal: Map<string, number>;
};

export function emptyModel({ alpha = 5 }: { alpha?: number } = {}): SequenceModel {
	return {
		alpha,
		popularity: new Map(),
		learners: 0,
		after: new Map(),
		afterTotal: new Map(),
		transitions: new Map(),
		transitionTotal: new Map()
	};
}

/** The state of a step as seen when a later step started on `on`. */
export function statusAt(step: Step, on: string): EnrolmentStatus {
	return step.endedOn !== null && step.endedOn <= on ? step.status : 'in_progress';
}

export const transitionKey = (credential: string, status: EnrolmentStatus) => `${credential}\u0001${status}`;

function bump(map: Map<string, number>, key: string, by: number) {
	const next = (map.get(key) ?? 0) + by;
	if (next === 0) map.delete(key);
	else map.set(key, next);
}

function bump2(map: Map<string, Map<string, number>>, a: string, b: string, by: number) {
	let inner = map.get(a);
	if (!inner) map.set(a, (inner = new Map()));
	bump(inner, b, by);
	if (inner.size === 0) map.delete(a);
}

/** Adds (sign 1) or removes (sign −1) one learner's ordered steps. */
export function addSequence(model: SequenceModel, steps: Step[], sign: 1 | -1 = 1): void {
	if (steps.length === 0) return;
	model.learners += sign;
	const seen = new Set<string>();
	const pairs = new Set<string>();
	const anyAfter = new Set<string>();
	for (let j = 0; j < steps.length; j++) {
		const b = steps[j].credential;
		if (!seen.has(b)) bump(model.popularity, b, sign);
		for (const a of seen) {
			const pair = `${a}\u0001${b}`;
			if (pairs.has(pair)) continue;
			pairs.add(pair);
			bump2(model.after, a, b, sign);
			if (!anyAfter.has(a)) {
				anyAfter.add(a);
				bump(model.afterTotal, a, sign);
			}
		}
		seen.add(b);
		if (j > 0) {
			const key = transitionKey(steps[j - 1].credential, statusAt(steps[j - 1], steps[j].startedOn));
			bump2(model.transitions, key, b, sign);
			bump(model.transitionTotal, key, sign);
		}
	}
}

export function buildModel(sequences: Iterable<Step[]>, options: { alpha?: number } = {}): SequenceModel {
	const model = emptyModel(options);
	for (const steps of sequences) addSequence(model, steps);
	return model;
}

/** What the "next" probability of one candidate rests on, for its explanation. */
export type NextEvidence = {
	probability: number;
	/** Learners who took the candidate at all (popularity). */
	takenBy: number;
	/** The last step the transition is conditioned on, with its support; null without history. */
	last: { credential: string; status: EnrolmentStatus; transitions: number; toThis: number } | null;
};

/** The context a learner's history gives: computed once, then asked about many candidates. */
export function nextContext(model: SequenceModel, history: Step[], asOf: string) {
	const vocabulary = Math.max(1, model.popularity.size);
	const p0 = (b: string) => ((model.popularity.get(b) ?? 0) + 1) / (Math.max(0, model.learners) + vocabulary);
	const distinct = [...new Set(history.map((s) => s.credential))];
	const lastStep = history.at(-1);
	const last = lastStep ? { credential: lastStep.credential, status: statusAt(lastStep, asOf) } : null;
	const key = last ? transitionKey(last.credential, last.status) : null;
	const trans = key ? model.transitions.get(key) : undefined;
	const transTotal = key ? (model.transitionTotal.get(key) ?? 0) : 0;
	const a = model.alpha;
	// p1(b) averages (after[x][b] + a·p0(b)) / (afterTotal[x] + a) over the history's credentials x:
	// the counts over their denominators are summed into one map per learner, once, and the
	// smoothing term is p0(b) times the sum of the denominators' inverses — a learner is asked
	// about thousands of candidates.
	const weighted = new Map<string, number>();
	let inverses = 0;
	for (const x of distinct) {
		const denominator = (model.afterTotal.get(x) ?? 0) + a;
		inverses += 1 / denominator;
		for (const [b, count] of model.after.get(x) ?? [])
			weighted.set(b, (weighted.get(b) ?? 0) + count / denominator);
	}
	const probability = (b: string): number => {
		const base = p0(b);
		const p1 = distinct.length > 0 ? ((weighted.get(b) ?? 0) + a * base * inverses) / distinct.length : base;
		return last ? ((trans?.get(b) ?? 0) + a * p1) / (transTotal + a) : p1;
	};
	return {
		probability,
		evidence: (b: string): NextEvidence => ({
			probability: probability(b),
			takenBy: model.popularity.get(b) ?? 0,
			last: last ? { ...last, transitions: transTotal, toThis: trans?.get(b) ?? 0 } : null
		})
	};
}

/**
 * One learner's enrolments as ordered steps: by start date, then enrolment id (the order the flow
 * queries use, so the same data gives the same sequence everywhere).
 */
export function sequenceOf(
	enrolments: Array<{
		id: string;
		credentialId: string;
		status: EnrolmentStatus;
		startedOn: string;
		endedOn: string | null;
	}>
): Step[] {
	return [...enrolments]
		.sort((a, b) =>
			a.startedOn < b.startedOn ? -1 : a.startedOn > b.startedOn ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0
		)
		.map((e) => ({
			credential: e.credentialId,
			status: e.status,
			startedOn: e.startedOn,
			endedOn: e.endedOn
		}));
}
