// Generated demo learners on a real catalogue, so the learner, progress and plan pages have people
// on them. Everything here is synthetic and marked so: ids start with `demo-`, providers carry
// origin 'generated', learners origin 'generated', awards are 'unsigned' with the reason
// "generated demo record".
//
// Shape, chosen to sit in the ranges OULAD shows (Kuzilek et al. 2017, Scientific Data 4:170171):
// - groups: gender F/M, age band 0-35 / 35-55 / 55<=, disability Y/N, IMD-style deprivation
//   bands '0-10%'…'90-100%' plus 'not stated', OU regions, OU prior-education levels, in roughly
//   OULAD's proportions;
// - outcomes: an OULAD registration is a whole course, so the qualification attempt is what
//   matches it: of qualification enrolments with a known outcome about 47% completed, 31%
//   withdrawn, 22% failed, with modest gaps (lower completion in the most deprived bands, with a
//   disability, with lower prior education; slightly higher for older learners). Unit enrolments
//   then complete far more often (~85%), as units do in VET: non-completers leave after a few;
// - timing: learners start over three years; each unit takes a log-normal time (median ~8 weeks),
//   withdrawals come part-way through, units overlap; the data is cut off at `cutOff`, leaving
//   in-progress enrolments.
// Each learner aims at one qualification, takes a random complete set of its units (a plan with
// random per-unit costs, prerequisites first), and keeps going until finishing it or dropping out:
// some complete the qualification (an award for it too), most hold part of one.
// Deterministic for a seed: one d3.randomLcg drives every draw, in a fixed order.
import { randomLcg, randomLogNormal } from 'd3-random';
import {
	asIndex,
	type Catalogue,
	type CatalogueIndex,
	planCompletion,
	membersOf
} from '../stacking/index.ts';
import type { Award, Enrolment, Learner, Provider } from '../types.ts';

export type DemoData = {
	providers: Provider[];
	learners: Learner[];
	enrolments: Enrolment[];
	awards: Award[];
	/** Which generated provider delivered each enrolment (also in each enrolment's providerId). */
	deliveredBy: Record<string, string>;
};

type Weighted<T> = Array<[T, number]>;

export const DEMO_GENDERS: Weighted<string> = [
	['M', 0.55],
	['F', 0.45]
];
export const DEMO_AGE_BANDS: Weighted<string> = [
	['0-35', 0.7],
	['35-55', 0.29],
	['55<=', 0.01]
];
export const DEMO_DISABILITY: Weighted<string> = [
	['N', 0.9],
	['Y', 0.1]
];
export const DEMO_DEPRIVATION_BANDS: Weighted<string> = [
	...['0-10%', '10-20%', '20-30%', '30-40%', '40-50%', '50-60%', '60-70%', '70-80%', '80-90%', '90-100%'].map(
		(b, i): [string, number] => [b, [0.1, 0.11, 0.11, 0.11, 0.1, 0.1, 0.09, 0.09, 0.09, 0.07][i]]
	),
	['not stated', 0.03]
];
export const DEMO_REGIONS: Weighted<string> = [
	['Scotland', 0.11],
	['East Anglian Region', 0.1],
	['London Region', 0.1],
	['South Region', 0.09],
	['North Western Region', 0.08],
	['West Midlands Region', 0.08],
	['South West Region', 0.07],
	['East Midlands Region', 0.07],
	['South East Region', 0.06],
	['Wales', 0.06],
	['Yorkshire Region', 0.06],
	['North Region', 0.06],
	['Ireland', 0.06]
];
export const DEMO_PRIOR_EDUCATION: Weighted<string> = [
	['A Level or Equivalent', 0.43],
	['Lower Than A Level', 0.4],
	['HE Qualification', 0.145],
	['No Formal quals', 0.012],
	['Post Graduate Qualification', 0.013]
];

// Logit effects on a learner's chance to complete the qualification they aim at (the gaps).
const EFFECT = {
	base: 0.3,
	deprivationPerBand: 0.08, // band 0 (most deprived) … 9
	disability: -0.35,
	prior: {
		'Lower Than A Level': -0.2,
		'No Formal quals': -0.45,
		'HE Qualification': 0.25,
		'Post Graduate Qualification': 0.35
	} as Record<string, number>,
	age: { '35-55': 0.15, '55<=': 0.25 } as Record<string, number>
};

/** Of the attempts that do not complete, the share withdrawn (OULAD: 31 of 53). */
const WITHDRAWN_SHARE = 31 / 53;
/** Share of units a learner needs two goes at. */
const RETRY_RATE = 0.08;
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const parse = (d: string) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10));

export type DemoOptions = {
	seed: number;
	count: number;
	catalogue: Catalogue | CatalogueIndex;
	/** Qualifications learners aim at (default: every credential with groups and kind 'macro'). */
	qualifications?: string[];
	providers?: number;
	/** Learners start between these dates. */
	from?: string;
	to?: string;
	/** Data cut-off: later events do not exist yet; enrolments running then are in progress. */
	cutOff?: string;
	/** Id prefix of every generated record ('demo' for the bundled demo, 'syn' for benchmarks). */
	idPrefix?: string;
	/**
	 * Plan this many unit sets per qualification up front and give each learner one of them, instead
	 * of planning per learner: millions of learners in minutes (the benchmark generator).
	 */
	plansPerTarget?: number;
};

/** One generated learner with their records; the first also carries the generated providers. */
export type DemoLearnerRecords = {
	providers: Provider[];
	learner: Learner;
	enrolments: Enrolment[];
	awards: Award[];
};

export function generateDemoLearners(options: DemoOptions): DemoData {
	const out: DemoData = { providers: [], learners: [], enrolments: [], awards: [], deliveredBy: {} };
	for (const records of demoLearnerStream(options)) {
		out.providers.push(...records.providers);
		out.learners.push(records.learner);
		out.enrolments.push(...records.enrolments);
		out.awards.push(...records.awards);
		for (const e of records.enrolments) if (e.providerId) out.deliveredBy[e.id] = e.providerId;
	}
	return out;
}

/** Every random draw comes from here, in a fixed order, so a seed gives the same data. */
type Draws = {
	uniform: () => number;
	pick: <T>(w: Weighted<T>) => T;
	/** Days a unit takes: log-normal, median 8 weeks. */
	duration: () => number;
};

function drawsFrom(seed: number): Draws {
	const random = randomLcg(seed);
	const uniform = () => random();
	const pick = <T>(w: Weighted<T>): T => {
		let u = uniform() * w.reduce((s, [, p]) => s + p, 0);
		for (const [v, p] of w) if ((u -= p) <= 0) return v;
		return w[w.length - 1][0];
	};
	return { uniform, pick, duration: randomLogNormal.source(random)(Math.log(56), 0.5) };
}

function demoProviders(count: number, idPrefix: string): Provider[] {
	return Array.from({ length: count }, (_, i) => ({
		id: `${idPrefix}-rto-${i + 1}`,
		name: `${idPrefix === 'demo' ? 'Demo' : 'Synthetic'} RTO ${['North', 'South', 'East', 'West', 'Central'][i % 5]}${i >= 5 ? ` ${i + 1}` : ''} (generated)`,
		kind: 'vet',
		country: 'AU',
		qaApproach: 'regulatory',
		accredited: true,
		origin: 'generated'
	}));
}

/**
 * For a target, a random complete set of units: the cheapest under random per-unit costs, or null
 * for a qualification the catalogue cannot complete. With `plansPerTarget`, that many sets are
 * planned per target on first use and each call draws one of them.
 */
function unitPlanner(index: CatalogueIndex, draws: Draws, plansPerTarget: number | undefined) {
	// Members of a target's groups and their prerequisites: the credentials a plan may use.
	const candidates = new Map<string, string[]>();
	const candidatesOf = (target: string) => {
		let list = candidates.get(target);
		if (!list) {
			const out = new Set<string>();
			const add = (id: string) => {
				if (out.has(id)) return;
				out.add(id);
				(index.requires.get(id) ?? []).forEach(add);
			};
			membersOf({ index, target }).forEach(add);
			list = [...out].sort();
			candidates.set(target, list);
		}
		return list;
	};
	const planUnits = (target: string): string[] | null => {
		const costs = new Map<string, number>();
		for (const id of candidatesOf(target)) costs.set(id, 1 + Math.floor(draws.uniform() * 100));
		try {
			return planCompletion({
				catalogue: index,
				target,
				objective: 'time',
				medianDays: costs,
				nodeBudget: 20_000
			}).credentials;
		} catch {
			return null; // a qualification the catalogue cannot complete
		}
	};
	const planned = new Map<string, (string[] | null)[]>();
	return (target: string): string[] | null => {
		if (!plansPerTarget) return planUnits(target);
		let plans = planned.get(target);
		if (!plans)
			planned.set(target, (plans = Array.from({ length: plansPerTarget }, () => planUnits(target))));
		return plans[Math.floor(draws.uniform() * plans.length)];
	};
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

function drawLearner(draws: Draws, id: string): Learner {
	const { pick } = draws;
	return {
		id,
		gender: pick(DEMO_GENDERS),
		ageBand: pick(DEMO_AGE_BANDS),
		disability: pick(DEMO_DISABILITY),
		deprivationBand: pick(DEMO_DEPRIVATION_BANDS),
		region: pick(DEMO_REGIONS),
		priorEducation: pick(DEMO_PRIOR_EDUCATION),
		analyticsConsent: draws.uniform() < 0.95,
		identityHash: null,
		origin: 'generated'
	};
}

type Outcome = { completes: boolean; ending: Enrolment['status']; stopAt: number };

/**
 * The outcome of the learner's attempt at the qualification, with the group gaps on the logit
 * scale; the unit history is then drawn to match it.
 */
function drawOutcome(draws: Draws, learner: Learner, units: number): Outcome {
	const band = DEMO_DEPRIVATION_BANDS.findIndex(([b]) => b === learner.deprivationBand);
	const logit =
		EFFECT.base +
		(band >= 0 && band < 10 ? (band - 4.5) * EFFECT.deprivationPerBand : 0) +
		(learner.disability === 'Y' ? EFFECT.disability : 0) +
		(EFFECT.prior[learner.priorEducation] ?? 0) +
		(EFFECT.age[learner.ageBand] ?? 0);
	const completes = draws.uniform() < 1 / (1 + Math.exp(-logit));
	const ending: Enrolment['status'] = completes
		? 'completed'
		: draws.uniform() < WITHDRAWN_SHARE
			? 'withdrawn'
			: 'failed';
	// Non-completers leave after some of the units, early more often than late.
	const stopAt = completes ? units : Math.floor(units * draws.uniform() ** 1.6);
	return { completes, ending, stopAt };
}

/** What the whole stream shares: the draws, the dates, the id scheme and the enrolment counter. */
type Stream = {
	draws: Draws;
	cut: number;
	/** Enrolment and award id prefixes. */
	E: string;
	A: string;
	enrolmentSeq: number;
};

/** One learner's attempt at a qualification as it unfolds: the records so far and the clock. */
type Attempt = {
	learnerId: string;
	provider: string;
	cohort: string;
	first: number;
	day: number;
	lastEnd: number;
	/** Cut off by the data's end: something was still running or not yet started. */
	inProgress: boolean;
	enrolments: Enrolment[];
	awards: Award[];
};

/** An enrolment in a unit starting on the attempt's day; returns false when it did not finish by the cut-off. */
function enrolInUnit(s: Stream, a: Attempt, unit: string, status: Enrolment['status']): boolean {
	const { draws, cut, E, A } = s;
	if (a.day >= cut) {
		a.inProgress = true;
		return false;
	}
	const id = `${E}${pad(++s.enrolmentSeq, 7)}`;
	const length = Math.max(7, Math.round(draws.duration()));
	const end =
		a.day + (status === 'withdrawn' ? Math.round(length * (0.1 + 0.8 * draws.uniform())) : length) * DAY;
	const running = end > cut;
	a.enrolments.push({
		id,
		learnerId: a.learnerId,
		credentialId: unit,
		cohort: a.cohort,
		providerId: a.provider,
		startedOn: iso(a.day),
		endedOn: running ? null : iso(end),
		status: running ? 'in_progress' : status,
		result: running
			? null
			: status === 'completed'
				? 'Competent'
				: status === 'failed'
					? 'Not yet competent'
					: null
	});
	a.lastEnd = Math.max(a.lastEnd, end);
	if (running) a.inProgress = true;
	else if (status === 'completed')
		a.awards.push(award(`${A}${id.slice(E.length)}`, a.learnerId, unit, id, iso(end), a.provider));
	// The next unit (or a retry) starts before this one ends: units overlap.
	a.day += Math.round((7 + draws.uniform() * 38) * DAY);
	return !running;
}

/** The units in order until the learner stops or the data ends, then the qualification's own enrolment. */
function playAttempt(s: Stream, a: Attempt, target: string, units: string[], outcome: Outcome) {
	const { stopAt, ending } = outcome;
	for (let u = 0; u < units.length && !a.inProgress; u++) {
		if (u === stopAt) {
			enrolInUnit(s, a, units[u], ending);
			break;
		}
		// Now and then a unit takes a second go.
		if (s.draws.uniform() < RETRY_RATE)
			enrolInUnit(s, a, units[u], s.draws.uniform() < WITHDRAWN_SHARE ? 'withdrawn' : 'failed');
		enrolInUnit(s, a, units[u], 'completed');
	}
	const stopped = stopAt < units.length;
	// The qualification itself: an enrolment spanning the units, and an award when achieved.
	const achieved = !stopped && !a.inProgress;
	const status: Enrolment['status'] =
		a.inProgress || a.lastEnd > s.cut ? 'in_progress' : achieved ? 'completed' : ending;
	const qid = `${s.E}${pad(++s.enrolmentSeq, 7)}`;
	a.enrolments.push({
		id: qid,
		learnerId: a.learnerId,
		credentialId: target,
		cohort: a.cohort,
		providerId: a.provider,
		startedOn: iso(a.first),
		endedOn: status === 'in_progress' ? null : iso(a.lastEnd),
		status,
		result: status === 'completed' ? 'Awarded' : null
	});
	if (status === 'completed') {
		const issued = Math.min(s.cut, a.lastEnd + Math.round((7 + s.draws.uniform() * 30) * DAY));
		a.awards.push(award(`${s.A}${qid.slice(s.E.length)}`, a.learnerId, target, qid, iso(issued), a.provider));
	}
}

/** The same learners one at a time, so any number of them can be written out in flat memory. */
export function* demoLearnerStream({
	seed,
	count,
	catalogue,
	qualifications,
	providers: providerCount = 3,
	from = '2022-01-01',
	to = '2024-12-31',
	cutOff = '2025-06-30',
	idPrefix = 'demo',
	plansPerTarget
}: DemoOptions): Generator<DemoLearnerRecords> {
	const index = asIndex(catalogue);
	const draws = drawsFrom(seed);
	const targets = (qualifications ?? index.targets.filter((t) => index.credentials.get(t)?.kind === 'macro'))
		.slice()
		.sort();
	if (!targets.length) throw new Error('demo: the catalogue has no qualification to aim at');
	const providers = demoProviders(providerCount, idPrefix);
	const start0 = parse(from);
	const span = parse(to) - start0;
	const stream: Stream = {
		draws,
		cut: parse(cutOff),
		E: `${idPrefix}-E`,
		A: `${idPrefix}-A`,
		enrolmentSeq: 0
	};
	const unitsFor = unitPlanner(index, draws, plansPerTarget);

	for (let l = 0; l < count; l++) {
		const learner = drawLearner(draws, `${idPrefix}-L${pad(l + 1, 5)}`);
		const records: DemoLearnerRecords = {
			providers: l === 0 ? providers : [],
			learner,
			enrolments: [],
			awards: []
		};
		const provider = providers[Math.floor(draws.uniform() * providers.length)].id;
		const target = targets[Math.floor(draws.uniform() * targets.length)];
		const units = unitsFor(target);
		if (!units) {
			yield records; // a qualification the catalogue cannot complete: the learner holds nothing
			continue;
		}
		const outcome = drawOutcome(draws, learner, units.length);
		const first = start0 + Math.floor(draws.uniform() * span);
		const cohort = `${new Date(first).getUTCFullYear()}${new Date(first).getUTCMonth() < 6 ? 'B' : 'J'}`;
		const { enrolments, awards } = records;
		const attempt: Attempt = {
			learnerId: learner.id,
			provider,
			cohort,
			first,
			day: first,
			lastEnd: first,
			inProgress: false,
			enrolments,
			awards
		};
		playAttempt(stream, attempt, target, units, outcome);
		yield records;
	}
}

function award(
	id: string,
	learnerId: string,
	credentialId: string,
	enrolmentId: string,
	issuedOn: string,
	providerId: string
): Award {
	return {
		id,
		learnerId,
		credentialId,
		enrolmentId,
		providerId,
		issuedOn,
		expiresOn: null,
		verification: 'unsigned',
		verificationReason: 'generated demo record'
	};
}
