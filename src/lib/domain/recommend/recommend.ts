// Next-step suggestions: candidates → signals → a weighted score → a diverse top k,
// each with the 1–3 facts that ranked it.
//
// Signals, each in [0, 1] and reported with the suggestion:
// - next: the sequence model's probability (model.ts) relative to the best candidate's;
// - progress: the best 1 / stillNeeded over the qualifications the candidate helps (progress-signal.ts);
// - goal: 1 when it counts toward (or is, or teaches) the learner's stated goal, ½ when it is a
//   prerequisite of something that does. With no goal set, the nearest unfinished qualification (the
//   one the page's summary names: progress order, first not achieved and completable) stands in for
//   it, and what counts toward it is ranked first;
// - skills: n / (n + 2) for n skills it adds beyond those the learner holds.
// Outlook (completion rate, median time to credential) is shown beside them as information and is
// never in the score: a group's lower historical completion must not steer its members away from
// ambitious options.
// A credential that only counts toward qualifications the learner has completed is never suggested.
// Ties (equal rounded scores) go to the credential id, so the same input gives the same list.
import {
	expandHoldings,
	type CatalogueIndex,
	learnerProgress,
	type QualificationProgress,
	membersOf
} from '../stacking/index.ts';
import { candidateCredentials } from './candidates.ts';
import { nextContext, statusAt, type NextEvidence, type SequenceModel, type Step } from './model.ts';
import { progressContributions, type Contribution } from './progress-signal.ts';
import { explain } from './explain.ts';

export type Weights = { next: number; progress: number; goal: number; skills: number };
export const DEFAULT_WEIGHTS: Weights = { next: 1, progress: 0.6, goal: 1.5, skills: 0.2 };

export type Skill = { uri: string; label: string | null };
export type Outlook = {
	/** completed ÷ known outcome; null when withheld. */
	completionRate: number | null;
	/** Enrolments with a known outcome behind the rate. */
	known: number;
	medianDays: number | null;
};

export type Signals = {
	next: {
		value: number;
		probability: number;
		/** Learners who took it at all; null when fewer than minLearners (withheld). */
		takenBy: number | null;
		/** The last step the transition rests on; its counts are null when fewer than minLearners. */
		after: {
			credential: string;
			status: NonNullable<NextEvidence['last']>['status'];
			transitions: number | null;
			toThis: number | null;
		} | null;
	};
	progress: { value: number; toward: Contribution[] };
	goal: {
		value: number;
		goal: string | null;
		via: 'counts' | 'prerequisite' | 'skill' | 'is' | null;
		/** The goal is not the learner's: no goal was set and this is the nearest unfinished qualification. */
		nearest?: Nearest;
	};
	skills: { value: number; new: Skill[] };
	/** Information only: not in the score. */
	outlook: Outlook | null;
};

/** The nearest unfinished qualification, as the summary names it. */
export type Nearest = {
	target: string;
	title: string;
	/** Of its smallest complete set, how many the learner holds, and how many that set has. */
	inHand: number;
	ofTotal: number;
	stillNeeded: number;
	/** How many suggestions in the list count toward it (set on each of the list). */
	listed?: number;
};

export type Recommendation = {
	credential: string;
	title: string;
	score: number;
	reasons: string[];
	signals: Signals;
};

export type RecommendInput = {
	index: CatalogueIndex;
	model: SequenceModel;
	/** The learner's enrolments, oldest first, started on or before asOf. */
	history: Step[];
	/** Credentials awarded by asOf. */
	awarded: Iterable<string>;
	/** 'YYYY-MM-DD': the day the question is asked. */
	asOf: string;
	/** A credential (usually a qualification) or a skill URI. */
	goal?: string | null;
	k?: number;
	weights?: Partial<Weights>;
	skills?: Map<string, Skill[]>;
	outlook?: Map<string, Outlook>;
	/** At most this many suggestions from one requirement group while others are available. */
	maxPerGroup?: number;
	/** Learners a transition share must rest on before it is quoted. */
	minLearners?: number;
};

const round = (x: number) => Math.round(x * 1e9) / 1e9;

/**
 * Counts of learners leave with the suggestion only when both the cell and its total describe at
 * least minLearners learners (DESIGN.md §3 suppression: a small cell could be worked out from a
 * total beside it).
 */
function withhold(last: NonNullable<NextEvidence['last']>, minLearners: number): Signals['next']['after'] {
	const shown = last.transitions >= minLearners && last.toThis >= minLearners;
	return {
		credential: last.credential,
		status: last.status,
		transitions: shown ? last.transitions : null,
		toThis: shown ? last.toThis : null
	};
}

/** The goal the list is ranked toward: the learner's, else the nearest unfinished qualification. */
type Aim = {
	goal: string | null;
	nearest: Nearest | null;
	isCredential: boolean;
	/** The goal is a qualification (it has requirement groups). */
	isTarget: boolean;
	/** Prerequisites of what the goal asks for: they lead toward it too. */
	leadsToGoal: Set<string>;
};

/** What every candidate is ranked against, worked out once per learner. */
type Setting = {
	index: CatalogueIndex;
	weights: Weights;
	minLearners: number;
	skills?: Map<string, Skill[]>;
	outlook?: Map<string, Outlook>;
	aim: Aim;
	contributions: Map<string, Contribution[]>;
	heldSkills: Set<string>;
	next: ReturnType<typeof nextContext>;
	/** Sequence-model probability per candidate, and the largest. */
	probability: Map<string, number>;
	best: number;
};

function nearestOf(qualifications: QualificationProgress[]): Nearest | null {
	const q = qualifications.find((x) => !x.achieved && x.stillNeeded !== null);
	if (!q) return null;
	const ofTotal = q.neededFromScratch ?? 0;
	return {
		target: q.target,
		title: q.title,
		inHand: Math.max(0, ofTotal - q.stillNeeded!),
		ofTotal,
		stillNeeded: q.stillNeeded!
	};
}

/** What the goal asks for that is not startable yet: its prerequisites lead toward the goal too. */
function leadingTo(
	index: CatalogueIndex,
	aim: Omit<Aim, 'leadsToGoal'>,
	contributions: Setting['contributions']
) {
	const goalNeeds = new Set<string>();
	if (aim.isTarget)
		for (const [c, list] of contributions) if (list.some((x) => x.target === aim.goal)) goalNeeds.add(c);
	if (aim.isCredential && !aim.isTarget) goalNeeds.add(aim.goal!);
	const leads = new Set<string>();
	for (const need of goalNeeds) for (const r of index.requires.get(need) ?? []) leads.add(r);
	return leads;
}

function goalSignal(s: Setting, credential: string, toward: Contribution[]): Signals['goal'] {
	const { goal, nearest, isCredential, isTarget, leadsToGoal } = s.aim;
	const of = (value: number, via: Signals['goal']['via']): Signals['goal'] =>
		nearest ? { value, goal, via, nearest } : { value, goal, via };
	if (goal === null) return of(0, null);
	if (isTarget && toward.some((x) => x.target === goal)) return of(1, 'counts');
	if (isCredential && !isTarget && credential === goal) return of(1, 'is');
	if (!isCredential && (s.skills?.get(credential) ?? []).some((x) => x.uri === goal)) return of(1, 'skill');
	if (leadsToGoal.has(credential)) return of(0.5, 'prerequisite');
	return of(0, null);
}

function signalsOf(s: Setting, credential: string): Signals {
	const e = s.next.evidence(credential);
	const toward = s.contributions.get(credential) ?? [];
	const added = (s.skills?.get(credential) ?? []).filter((x) => !s.heldSkills.has(x.uri));
	return {
		next: {
			value: s.best > 0 ? e.probability / s.best : 0,
			probability: e.probability,
			takenBy: e.takenBy >= s.minLearners ? e.takenBy : null,
			after: e.last && withhold(e.last, s.minLearners)
		},
		progress: { value: toward[0]?.gain ?? 0, toward: toward.slice(0, 3) },
		goal: goalSignal(s, credential, toward),
		skills: { value: added.length / (added.length + 2), new: added },
		outlook: s.outlook?.get(credential) ?? null
	};
}

type Scored = { credential: string; score: number; signals: Pick<Signals, 'progress'> };

/** A candidate's score from the signals' values alone (the full signals are built for the k picked). */
function scoreOf(s: Setting, credential: string): Scored {
	const { weights } = s;
	const toward = s.contributions.get(credential) ?? [];
	let added = 0;
	for (const x of s.skills?.get(credential) ?? []) if (!s.heldSkills.has(x.uri)) added++;
	const progress = toward[0]?.gain ?? 0;
	const score = round(
		weights.next * (s.best > 0 ? s.probability.get(credential)! / s.best : 0) +
			weights.progress * progress +
			weights.goal * (s.aim.goal === null ? 0 : goalSignal(s, credential, toward).value) +
			weights.skills * (added / (added + 2))
	);
	return { credential, score, signals: { progress: { value: progress, toward } } };
}

/**
 * The k to suggest, from the scored list in order. With no goal, what counts toward the nearest
 * qualification comes first (diverse among itself), then the rest.
 */
function pick(scored: Scored[], k: number, maxPerGroup: number, nearest: Nearest | null): Scored[] {
	const towardNearest = (x: Scored) =>
		nearest !== null && x.signals.progress.toward.some((c) => c.target === nearest.target);
	const first = nearest ? diversify(scored.filter(towardNearest), k, maxPerGroup) : [];
	if (nearest) nearest.listed = first.length;
	return [
		...first,
		...diversify(
			scored.filter((x) => !first.includes(x) && !towardNearest(x)),
			k - first.length,
			maxPerGroup
		)
	];
}

export function recommend(input: RecommendInput): Recommendation[] {
	const { index, model, history, asOf, goal = null, k = 5, skills, minLearners = 10 } = input;
	const weights = { ...DEFAULT_WEIGHTS, ...input.weights };
	const awarded = new Set(input.awarded);
	const held = expandHoldings({ index, held: awarded }).held;
	const inProgress = history.filter((s) => statusAt(s, asOf) === 'in_progress').map((s) => s.credential);
	const allCandidates = candidateCredentials({ index, held, inProgress, asOf });

	const { qualifications } = learnerProgress({ catalogue: index, held: awarded, onlyReachable: true });
	const nearest = goal === null ? nearestOf(qualifications) : null;
	const aimed = goal ?? nearest?.target ?? null;
	const isCredential = aimed !== null && index.credentials.has(aimed);
	const isTarget = isCredential && index.topGroups.has(aimed!);
	if (isTarget && !qualifications.some((q) => q.target === aimed))
		qualifications.push(
			...learnerProgress({ catalogue: index, held: awarded, targets: [aimed!] }).qualifications
		);
	const contributions = progressContributions({ index, qualifications, held });
	const aim = { goal: aimed, nearest, isCredential, isTarget };

	// Members of completed qualifications: suggested only when they count toward an unfinished one.
	const completedOnly = new Set(
		qualifications.filter((q) => q.achieved).flatMap((q) => [...membersOf({ index, target: q.target })])
	);
	const candidates = allCandidates.filter(
		(c) => !completedOnly.has(c) || (contributions.get(c) ?? []).length > 0 || c === goal
	);
	if (candidates.length === 0) return [];

	const heldSkills = new Set<string>();
	for (const h of held) for (const x of skills?.get(h) ?? []) heldSkills.add(x.uri);
	const next = nextContext(model, history, asOf);
	const probability = new Map(candidates.map((c) => [c, next.probability(c)]));
	const setting: Setting = {
		...{ index, weights, minLearners, skills, outlook: input.outlook, contributions, heldSkills, next },
		aim: { ...aim, leadsToGoal: leadingTo(index, aim, contributions) },
		probability,
		best: Math.max(...probability.values())
	};

	const scored = candidates.map((c) => scoreOf(setting, c));
	scored.sort((a, b) => b.score - a.score || (a.credential < b.credential ? -1 : 1));
	return pick(scored, k, input.maxPerGroup ?? 2, nearest).map((x) => {
		const signals = signalsOf(setting, x.credential);
		return {
			credential: x.credential,
			title: index.credentials.get(x.credential)?.title ?? x.credential,
			score: x.score,
			reasons: explain({ index, signals, weights, credential: x.credential }),
			signals
		};
	});
}

/**
 * The top k in score order, taking at most `maxPerGroup` that help the same requirement group
 * (their best contribution's group) while others remain; the rest fill up if too few remain.
 */
export function diversify<T extends { signals: Pick<Signals, 'progress'> }>(
	ranked: T[],
	k: number,
	maxPerGroup: number
): T[] {
	const out: T[] = [];
	const skipped: T[] = [];
	const perGroup = new Map<string, number>();
	for (const item of ranked) {
		if (out.length >= k) break;
		const group = item.signals.progress.toward[0]?.group;
		if (group !== undefined && (perGroup.get(group) ?? 0) >= maxPerGroup) {
			skipped.push(item);
			continue;
		}
		if (group !== undefined) perGroup.set(group, (perGroup.get(group) ?? 0) + 1);
		out.push(item);
	}
	for (const item of skipped) if (out.length < k) out.push(item);
	// Backfilled items keep the score order of the whole list.
	return out.sort((a, b) => ranked.indexOf(a) - ranked.indexOf(b));
}
