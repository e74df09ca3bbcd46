// Offline evaluation of next-step suggestions. Prints tables; asserts nothing.
//   npm run eval:recommend -- [--out PATH.json] [--data-dir DIR] [--resamples 1000] [--seed 1]
//                             [--generated-max N]
//
// Data: the bundled data imported the way a fresh install seeds it (OULAD real, training.gov.au
// rules, generated demo learners) into PGlite: in memory, or in --data-dir (seeded when empty,
// reused after — the import takes a few minutes). The suggestions are the production ones:
// `recommend` of src/lib/domain/recommend on the catalogue index, skills and outlook the server
// uses, with the model built by the same `buildModel` from the same sequences (start date, then
// enrolment id) of consenting learners of one origin.
//
// Leave-last-out: every learner with two or more enrolments hides the last one (by start date,
// ties broken by enrolment id, as the production sequence is ordered) and is asked on the day it
// started, from the enrolments before it and the awards issued by then. The model each learner is
// scored on has never seen the step they hide: the learner's whole sequence is taken out of the
// production model and their earlier steps put back (`addSequence` with sign −1 and +1; counts
// are additive), so the evaluation is leave-one-learner-out (n-fold) on everyone else's complete
// sequences. A stricter variant (one model from everyone's sequence minus each evaluated learner's
// last step: no held-out step of anyone in it) is printed beside it.
//
// Baselines on the same learners, the same day and the same candidates (what the recommender may
// suggest: not held, not under way, prerequisites met, offered):
//   popularity — candidates by how many learners of the same (held-out-free) model took them;
//   recent popularity — by how many learners of the origin started them in the 365 days before the
//                day asked (what was popular lately: OULAD's module CCC, for one, starts in 2014);
//   random     — a seeded shuffle of the candidates that learners of the origin ever took (the
//                origin's own credentials: for OULAD the seven modules, not the training.gov.au
//                units a real learner could also be offered), so it is not a straw man.
// The model's ranking is production's top five (with its diversity rule) followed by the rest in
// score order, so hit@5 and NDCG@5 measure what a learner sees and MRR the whole ranking.
import { randomLcg } from 'd3-random';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { createDb, type Db } from '../src/lib/server/db/client.ts';
import { seedIfEmpty } from '../src/lib/server/seed.ts';
import { getCatalogueIndex } from '../src/lib/server/queries/catalogue-cache.ts';
import { getRecommenderData, publishOutlook, type ModelOrigin } from '../src/lib/server/queries/recommend.ts';
import { readSettings } from '../src/lib/server/config.ts';
import {
	addSequence,
	buildModel,
	recommend,
	sequenceOf,
	type SequenceModel,
	type Step
} from '../src/lib/domain/recommend/index.ts';
import {
	flagGroups,
	pairedDifference,
	rankOf,
	reciprocalRank,
	hitAt,
	shuffled,
	summarizeRanks,
	type Interval,
	type RankingSummary
} from '../src/lib/domain/recommend/evaluate.ts';
import type { Proportion } from '../src/lib/domain/intervals/wilson.ts';
import type { CatalogueIndex } from '../src/lib/domain/stacking/catalogue.ts';
import { expandHoldings } from '../src/lib/domain/stacking/holdings.ts';
import { statusAt } from '../src/lib/domain/recommend/model.ts';
import type { EnrolmentStatus } from '../src/lib/domain/types.ts';
import { table } from './report.ts';

const { values } = parseArgs({
	options: {
		out: { type: 'string' },
		'data-dir': { type: 'string' },
		resamples: { type: 'string', default: '1000' },
		seed: { type: 'string', default: '1' },
		'generated-max': { type: 'string' }
	}
});
const RESAMPLES = Number(values.resamples);
const SEED = Number(values.seed);
const GENERATED_MAX = values['generated-max'] ? Number(values['generated-max']) : Infinity;
const TOP_K = 5;
const MAX_PER_GROUP = 2;
const DIMENSIONS = ['gender', 'age_band', 'disability', 'deprivation_band'] as const;
type Dimension = (typeof DIMENSIONS)[number];
const METHODS = ['model', 'popularity', 'recent', 'random'] as const;
const METHOD_LABEL: Record<Method, string> = {
	model: 'model',
	popularity: 'popularity',
	recent: 'recent popularity (365 days)',
	random: 'random (seeded)'
};
type Method = (typeof METHODS)[number];

type LearnerRow = Record<Dimension, string> & { id: string; origin: string; analytics_consent: boolean };
type EnrolmentRow = {
	id: string;
	learner_id: string;
	credential_id: string;
	status: EnrolmentStatus;
	started_on: string;
	ended_on: string | null;
};
type AwardRow = { learner_id: string; credential_id: string; issued_on: string };

const log = (line: string) => process.stderr.write(line + '\n');
const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '—');
const withCi = (x: Proportion | Interval | undefined) => {
	if (!x) return '—';
	const v = 'rate' in x ? x.rate : x.value;
	return `${f3(v)} [${f3(x.low)}, ${f3(x.high)}]`;
};

async function loadAll(db: Db) {
	const [learners, enrolments, awards] = await Promise.all([
		db.query<LearnerRow>(sql`select id, origin, analytics_consent, gender, age_band, disability, deprivation_band
			from learners order by id`),
		db.query<EnrolmentRow>(sql`select id, learner_id, credential_id, status, started_on::text as started_on,
			ended_on::text as ended_on from enrolments order by learner_id, started_on, id`),
		db.query<AwardRow>(sql`select learner_id, credential_id, issued_on::text as issued_on from awards`)
	]);
	const enrolmentsOf = new Map<string, EnrolmentRow[]>();
	for (const e of enrolments)
		(enrolmentsOf.get(e.learner_id) ?? enrolmentsOf.set(e.learner_id, []).get(e.learner_id)!).push(e);
	const awardsOf = new Map<string, AwardRow[]>();
	for (const a of awards)
		(awardsOf.get(a.learner_id) ?? awardsOf.set(a.learner_id, []).get(a.learner_id)!).push(a);
	return { learners, enrolmentsOf, awardsOf };
}

type Case = {
	learner: LearnerRow;
	steps: Step[];
	held: Step;
	asOf: string;
	awarded: string[];
};

// What the hidden step is, since each asks a different question of the model: started the same
// day as the step before (two modules taken together; which is "last" is the enrolment-id order),
// a second go at a credential already tried, or a new credential started later.
const KINDS = [
	'same start as the step before',
	'retake, started later',
	'new credential, started later'
] as const;
type Kind = (typeof KINDS)[number];
function kindOf(steps: Step[]): Kind {
	const held = steps.at(-1)!;
	if (steps.at(-2)!.startedOn === held.startedOn) return KINDS[0];
	return steps.slice(0, -1).some((s) => s.credential === held.credential) ? KINDS[1] : KINDS[2];
}

type CaseResult = {
	learner: string;
	groups: Record<Dimension, string>;
	heldOut: string;
	kind: Kind;
	candidates: number;
	heldOutIsCandidate: boolean;
	/** Why the held-out credential could not be suggested, when it could not. */
	notCandidateBecause: string | null;
	ranks: Record<Method, number | null>;
	strictModelRank: number | null;
	/** The model's top five holds a credential no learner of the origin ever took. */
	foreignInTop: boolean;
};

type OriginReport = {
	origin: ModelOrigin;
	learnersInModel: number;
	evaluated: number;
	excluded: Record<string, number>;
	tiesAtLastStart: number;
	lastIsRetake: number;
	heldOutNotCandidate: number;
	notCandidateBecause: Record<string, number>;
	foreignInTop: number;
	overall: Record<Method | 'modelStrict', RankingSummary>;
	/** Paired differences, model minus each popularity baseline. */
	modelMinus: Record<
		'popularity' | 'recent',
		{ hit1: Interval; hit5: Interval; mrr: Interval; ndcg5: Interval }
	>;
	kinds: Array<{ kind: Kind; learners: number; methods: Record<Method, RankingSummary> }>;
	groups: Array<{
		dimension: Dimension;
		group: string;
		learners: number;
		methods: Record<Method, RankingSummary>;
		ratioToBest: number | null;
		flagged: boolean;
		/** Flagged even at the upper bound of the group's hit@5 interval. */
		clearly: boolean;
	}>;
	seconds: number;
};

/**
 * Why the held-out credential is not among the candidates (candidates.ts's rules, in its order):
 * the hit rates cannot reach 1 by this many learners.
 */
function whyNotCandidate(index: CatalogueIndex, c: Case): string {
	const id = c.held.credential;
	const held = expandHoldings({ index, held: c.awarded }).held;
	if (held.has(id)) return 'already held by then';
	if (c.steps.slice(0, -1).some((s) => s.credential === id && statusAt(s, c.asOf) === 'in_progress'))
		return 'an earlier enrolment in it still under way';
	const credential = index.credentials.get(id);
	if (!credential) return 'not in the catalogue';
	if ((index.requires.get(id) ?? []).some((r) => !held.has(r))) return 'a prerequisite not yet held';
	if (
		(credential.validFrom && credential.validFrom > c.asOf) ||
		(credential.validTo && credential.validTo < c.asOf)
	)
		return 'not offered on that day';
	return 'other';
}

function ranking(index: CatalogueIndex, model: SequenceModel, c: Case, data: RecommenderData) {
	const ask = (k: number) =>
		recommend({
			index,
			model,
			history: c.steps.slice(0, -1),
			awarded: c.awarded,
			asOf: c.asOf,
			k,
			skills: data.skills,
			outlook: publishOutlook(data.outlook, readSettings().cliDisclosure),
			maxPerGroup: MAX_PER_GROUP
		});
	// Production's own top five, as a learner sees it: asked with k = 5, not cut from a longer list,
	// because the pick (toward the nearest qualification first, then diversified with a fill-up)
	// depends on k.
	const top = ask(TOP_K).map((r) => r.credential);
	const topIds = new Set(top);
	const byScore = ask(Number.MAX_SAFE_INTEGER).sort(
		(a, b) => b.score - a.score || (a.credential < b.credential ? -1 : 1)
	);
	return {
		candidates: byScore.map((r) => r.credential),
		ranked: [...top, ...byScore.map((r) => r.credential).filter((id) => !topIds.has(id))]
	};
}

type Loaded = Awaited<ReturnType<typeof loadAll>>;
type RecommenderData = Awaited<ReturnType<typeof getRecommenderData>>;

/** What scoring one learner needs: the origin's catalogue, data and models, and the baselines' inputs. */
type Scoring = {
	index: CatalogueIndex;
	data: RecommenderData;
	model: SequenceModel;
	strictModel: SequenceModel;
	/** The credentials learners of the origin ever took. */
	everTaken: Set<string>;
	recentPopularity: (asOf: string) => Map<string, number>;
	random: () => number;
};

async function evaluateOrigin(
	db: Db,
	origin: ModelOrigin,
	loaded: Loaded,
	maxLearners: number
): Promise<OriginReport> {
	const started = performance.now();
	const index = await getCatalogueIndex(db);
	const data = await getRecommenderData(db, origin);
	const { consenting, sequences } = sequencesOfOrigin(origin, loaded);
	const model = productionModel(origin, sequences, data);
	const selected = selectCases(index, loaded, consenting, sequences);
	const cases = sampleCases(selected.cases, maxLearners);
	const scoring: Scoring = {
		index,
		data,
		model,
		strictModel: strictModelOf(sequences, cases),
		everTaken: new Set(model.popularity.keys()),
		recentPopularity: recentPopularityOf(sequences),
		random: randomLcg(SEED)
	};
	const results: CaseResult[] = [];
	for (const [i, c] of cases.entries()) {
		if (i % 500 === 0) log(`  ${origin}: ${i} of ${cases.length} learners`);
		results.push(scoreCase(scoring, c));
	}
	return {
		origin,
		learnersInModel: model.learners,
		evaluated: results.length,
		excluded: selected.excluded,
		tiesAtLastStart: selected.tiesAtLastStart,
		lastIsRetake: selected.lastIsRetake,
		heldOutNotCandidate: results.filter((r) => !r.heldOutIsCandidate).length,
		notCandidateBecause: results.reduce<Record<string, number>>((out, r) => {
			if (r.notCandidateBecause) out[r.notCandidateBecause] = (out[r.notCandidateBecause] ?? 0) + 1;
			return out;
		}, {}),
		foreignInTop: results.filter((r) => r.foreignInTop).length,
		overall: {
			model: summarize(results, 'model'),
			popularity: summarize(results, 'popularity'),
			recent: summarize(results, 'recent'),
			random: summarize(results, 'random'),
			modelStrict: summarizeRanks(
				results.map((r) => r.strictModelRank),
				RANK_OPTIONS
			)!
		},
		modelMinus: { popularity: modelMinus(results, 'popularity'), recent: modelMinus(results, 'recent') },
		kinds: KINDS.map((kind) => results.filter((r) => r.kind === kind))
			.filter((rs) => rs.length > 0)
			.map((rs) => ({ kind: rs[0].kind, learners: rs.length, methods: summarizeMethods(rs) })),
		groups: DIMENSIONS.flatMap((dimension) => groupRows(results, dimension)),
		seconds: (performance.now() - started) / 1000
	};
}

/** The consenting learners of the origin and the sequence of each who has enrolments. */
function sequencesOfOrigin(origin: ModelOrigin, loaded: Loaded) {
	const inOrigin = (l: LearnerRow) => (origin === 'real' ? l.origin === 'real' : l.origin !== 'real');
	const consenting = loaded.learners.filter((l) => inOrigin(l) && l.analytics_consent);
	const sequences = new Map<string, Step[]>();
	for (const l of consenting) {
		const rows = loaded.enrolmentsOf.get(l.id) ?? [];
		if (rows.length === 0) continue;
		sequences.set(
			l.id,
			sequenceOf(
				rows.map((e) => ({
					id: e.id,
					credentialId: e.credential_id,
					status: e.status,
					startedOn: e.started_on,
					endedOn: e.ended_on
				}))
			)
		);
	}
	return { consenting, sequences };
}

/** The model of all the sequences, checked to be production's. */
function productionModel(origin: ModelOrigin, sequences: Map<string, Step[]>, data: RecommenderData) {
	const model = buildModel(sequences.values());
	// The same sequences as production's: the same learners and the same popularity.
	if (model.learners !== data.model.learners || model.popularity.size !== data.model.popularity.size)
		throw new Error(`${origin}: the evaluation's sequences differ from getSequences'`);
	for (const [c, n] of data.model.popularity)
		if (model.popularity.get(c) !== n) throw new Error(`${origin}: popularity of ${c} differs`);
	return model;
}

/** Learners of the origin who started each credential in the 365 days before `asOf` (not on it). */
function recentPopularityOf(sequences: Map<string, Step[]>) {
	const starts = [...sequences].flatMap(([id, steps]) =>
		steps.map((s) => ({ learner: id, credential: s.credential, startedOn: s.startedOn }))
	);
	const recentCache = new Map<string, Map<string, number>>();
	return (asOf: string) => {
		let counts = recentCache.get(asOf);
		if (counts) return counts;
		const from = new Date(Date.parse(asOf) - 365 * 86_400_000).toISOString().slice(0, 10);
		const seen = new Set<string>();
		counts = new Map();
		for (const s of starts) {
			if (s.startedOn < from || s.startedOn >= asOf) continue;
			const key = `${s.learner}\u0001${s.credential}`;
			if (seen.has(key)) continue;
			seen.add(key);
			counts.set(s.credential, (counts.get(s.credential) ?? 0) + 1);
		}
		recentCache.set(asOf, counts);
		return counts;
	};
}

/** Every learner with a last step to hide, and how many were left out and why. */
function selectCases(
	index: CatalogueIndex,
	loaded: Loaded,
	consenting: LearnerRow[],
	sequences: Map<string, Step[]>
) {
	const excluded: Record<string, number> = { 'one enrolment': 0, 'last is a qualification': 0 };
	let tiesAtLastStart = 0;
	let lastIsRetake = 0;
	const cases: Case[] = [];
	for (const l of consenting) {
		const steps = sequences.get(l.id);
		if (!steps) continue;
		if (steps.length < 2) {
			excluded['one enrolment']++;
			continue;
		}
		const held = steps.at(-1)!;
		if (index.topGroups.has(held.credential)) {
			excluded['last is a qualification']++;
			continue;
		}
		if (steps.at(-2)!.startedOn === held.startedOn) tiesAtLastStart++;
		if (steps.slice(0, -1).some((s) => s.credential === held.credential)) lastIsRetake++;
		const asOf = held.startedOn;
		const awarded = (loaded.awardsOf.get(l.id) ?? [])
			.filter((a) => a.issued_on <= asOf)
			.map((a) => a.credential_id);
		cases.push({ learner: l, steps, held, asOf, awarded });
	}
	return { cases, excluded, tiesAtLastStart, lastIsRetake };
}

/** A seeded sample when asked for fewer (the generated table, to keep the run short). */
function sampleCases(cases: Case[], maxLearners: number): Case[] {
	if (cases.length <= maxLearners) return cases;
	const random = randomLcg(SEED + 7);
	return shuffled(cases, random)
		.slice(0, maxLearners)
		.sort((a, b) => (a.learner.id < b.learner.id ? -1 : 1));
}

/** The stricter variant: one model without any evaluated learner's last step. */
function strictModelOf(sequences: Map<string, Step[]>, cases: Case[]) {
	const evaluatedIds = new Set(cases.map((c) => c.learner.id));
	return buildModel([...sequences].map(([id, steps]) => (evaluatedIds.has(id) ? steps.slice(0, -1) : steps)));
}

/**
 * Where the held-out step falls in the model's ranking and each baseline's. The model is the
 * production one with this learner's sequence swapped for their earlier steps, and put back after.
 */
function scoreCase(s: Scoring, c: Case): CaseResult {
	const { index, model, data } = s;
	addSequence(model, c.steps, -1);
	addSequence(model, c.steps.slice(0, -1), 1);
	const { candidates, ranked } = ranking(index, model, c, data);
	const popular = [...candidates].sort(
		(a, b) => (model.popularity.get(b) ?? 0) - (model.popularity.get(a) ?? 0) || (a < b ? -1 : 1)
	);
	addSequence(model, c.steps.slice(0, -1), -1);
	addSequence(model, c.steps, 1);
	const lately = s.recentPopularity(c.asOf);
	const recent = [...candidates].sort(
		(a, b) => (lately.get(b) ?? 0) - (lately.get(a) ?? 0) || (a < b ? -1 : 1)
	);
	const randomRanked = shuffled(
		candidates.filter((id) => s.everTaken.has(id)),
		s.random
	);
	const strict = ranking(index, s.strictModel, c, data);
	const heldOut = c.held.credential;
	return {
		learner: c.learner.id,
		groups: Object.fromEntries(DIMENSIONS.map((d) => [d, c.learner[d]])) as Record<Dimension, string>,
		heldOut,
		kind: kindOf(c.steps),
		candidates: candidates.length,
		heldOutIsCandidate: candidates.includes(heldOut),
		notCandidateBecause: candidates.includes(heldOut) ? null : whyNotCandidate(index, c),
		ranks: {
			model: rankOf(ranked, heldOut),
			popularity: rankOf(popular, heldOut),
			recent: rankOf(recent, heldOut),
			random: rankOf(randomRanked, heldOut)
		},
		strictModelRank: rankOf(strict.ranked, heldOut),
		foreignInTop: ranked.slice(0, TOP_K).some((id) => !s.everTaken.has(id))
	};
}

const RANK_OPTIONS = { resamples: RESAMPLES, seed: SEED };

function summarize(rs: CaseResult[], method: Method) {
	return summarizeRanks(
		rs.map((r) => r.ranks[method]),
		RANK_OPTIONS
	)!;
}

function summarizeMethods(rs: CaseResult[]) {
	return Object.fromEntries(METHODS.map((m) => [m, summarize(rs, m)])) as Record<Method, RankingSummary>;
}

/** The groups of one dimension, each with its summaries and whether its model hit@5 is flagged. */
function groupRows(results: CaseResult[], dimension: Dimension): OriginReport['groups'] {
	const byGroup = new Map<string, CaseResult[]>();
	for (const r of results)
		(byGroup.get(r.groups[dimension]) ?? byGroup.set(r.groups[dimension], []).get(r.groups[dimension])!).push(
			r
		);
	const rows = [...byGroup]
		.sort(([a], [b]) => (a < b ? -1 : 1))
		.map(([group, rs]) => ({ dimension, group, learners: rs.length, methods: summarizeMethods(rs) }));
	const flags = flagGroups(
		rows.map((r) => ({
			group: r.group,
			learners: r.learners,
			hit5: r.methods.model.hit5.rate,
			hit5High: r.methods.model.hit5.high
		}))
	);
	return rows.map((row) => {
		const flag = flags.find((x) => x.group === row.group);
		return {
			...row,
			ratioToBest: flag?.ratio ?? null,
			flagged: flag?.flagged ?? false,
			clearly: flag?.clearly ?? false
		};
	});
}

/** Paired differences of the model minus a baseline, learner by learner. */
function modelMinus(results: CaseResult[], baseline: Method) {
	const per = (m: Method, metric: (rank: number | null) => number) => results.map((r) => metric(r.ranks[m]));
	const ndcg5 = (rank: number | null) => (rank !== null && rank <= 5 ? 1 / Math.log2(rank + 1) : 0);
	const diff = (metric: (rank: number | null) => number) =>
		pairedDifference(per('model', metric), per(baseline, metric), RANK_OPTIONS)!;
	return {
		hit1: diff((r) => hitAt(r, 1)),
		hit5: diff((r) => hitAt(r, 5)),
		mrr: diff(reciprocalRank),
		ndcg5: diff(ndcg5)
	};
}

function printReport(title: string, r: OriginReport) {
	console.log(`\n## ${title}`);
	printCounts(r);
	printOverall(r);
	printKinds(r);
	printGroups(r);
}

/** Who was evaluated, who was not and why, and the checks on the held-out steps. */
function printCounts(r: OriginReport) {
	console.log(
		`Learners in the model: ${r.learnersInModel.toLocaleString('en')}; evaluated (two or more enrolments): ` +
			`${r.evaluated.toLocaleString('en')}; not evaluated: ` +
			Object.entries(r.excluded)
				.map(([why, n]) => `${n.toLocaleString('en')} ${why}`)
				.join(', ') +
			`.\nLast enrolment tied on start date with the one before (order by enrolment id): ${r.tiesAtLastStart}; ` +
			`last enrolment retakes an earlier credential: ${r.lastIsRetake}; held-out credential not among the ` +
			`candidates: ${r.heldOutNotCandidate}${
				r.heldOutNotCandidate
					? ` (${Object.entries(r.notCandidateBecause)
							.map(([why, n]) => `${n} ${why}`)
							.join(', ')})`
					: ''
			}; model's top 5 holding a credential no learner of this origin took: ` +
			`${r.foreignInTop}. (${r.seconds.toFixed(0)} s; the top 5 is recommend(k = 5) itself.)`
	);
}

/** Each method over all learners, then the model against each popularity baseline. */
function printOverall(r: OriginReport) {
	const row = (name: string, s: RankingSummary) => [
		name,
		s.learners,
		withCi(s.hit1),
		withCi(s.hit3),
		withCi(s.hit5),
		withCi(s.mrr),
		withCi(s.ndcg5)
	];
	table(
		['method (95% intervals)', 'learners', 'hit@1', 'hit@3', 'hit@5', 'MRR', 'NDCG@5'],
		[
			row('model (leave-one-learner-out)', r.overall.model),
			row('model (strict: no held-out step)', r.overall.modelStrict),
			row('popularity', r.overall.popularity),
			row('recent popularity (365 days)', r.overall.recent),
			row('random (seeded)', r.overall.random)
		]
	);
	for (const baseline of ['popularity', 'recent'] as const) {
		const d = r.modelMinus[baseline];
		console.log(
			`  model − ${METHOD_LABEL[baseline]}, paired bootstrap: hit@1 ${withCi(d.hit1)}, hit@5 ${withCi(d.hit5)}, ` +
				`MRR ${withCi(d.mrr)}, NDCG@5 ${withCi(d.ndcg5)}`
		);
	}
}

function printKinds(r: OriginReport) {
	console.log(`\n  By kind of held-out step:`);
	table(
		['held-out step', 'learners', 'method', 'hit@1', 'hit@3', 'hit@5', 'MRR', 'NDCG@5'],
		r.kinds.flatMap((k) =>
			METHODS.map((m) => [
				m === 'model' ? k.kind : '',
				m === 'model' ? k.learners : '',
				METHOD_LABEL[m],
				withCi(k.methods[m].hit1),
				f3(k.methods[m].hit3.rate),
				withCi(k.methods[m].hit5),
				withCi(k.methods[m].mrr),
				f3(k.methods[m].ndcg5.value)
			])
		)
	);
}

function printGroups(r: OriginReport) {
	console.log(
		`\n  By group (FLAG: model hit@5 < 0.8 × the best group's in the same dimension, groups of 10+; ` +
			`"clear": even the upper bound of the group's interval is below):`
	);
	table(
		[
			'dimension',
			'group',
			'learners',
			'model hit@1',
			'model hit@3',
			'model hit@5',
			'model MRR',
			'model NDCG@5',
			'pop. hit@5',
			'pop. MRR',
			'recent hit@5',
			'random hit@5',
			'÷ best',
			'flag'
		],
		r.groups.map((g) => [
			g.dimension,
			g.group,
			g.learners,
			f3(g.methods.model.hit1.rate),
			f3(g.methods.model.hit3.rate),
			withCi(g.methods.model.hit5),
			withCi(g.methods.model.mrr),
			f3(g.methods.model.ndcg5.value),
			f3(g.methods.popularity.hit5.rate),
			f3(g.methods.popularity.mrr.value),
			f3(g.methods.recent.hit5.rate),
			f3(g.methods.random.hit5.rate),
			g.ratioToBest === null ? '—' : f3(g.ratioToBest),
			g.clearly ? 'FLAG (clear)' : g.flagged ? 'FLAG' : ''
		])
	);
	const flagged = r.groups.filter((g) => g.flagged);
	console.log(
		flagged.length
			? `  FLAGGED (hit@5 < 0.8 × best): ${flagged
					.map(
						(g) =>
							`${g.dimension} ${g.group} (${f3(g.ratioToBest!)} × best${g.clearly ? ', clear: even the top of its interval is below' : ', within its interval of 0.8 × best'})`
					)
					.join('; ')}`
			: '  No group below 0.8 × the best group of its dimension.'
	);
}

const t0 = performance.now();
const db = await createDb(values['data-dir'] ? { dataDir: values['data-dir'] } : {});
try {
	await seedIfEmpty(db, { seed: 'oulad,tga,demo', log });
	const loaded = await loadAll(db);
	log(`data loaded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
	const real = await evaluateOrigin(db, 'real', loaded, Infinity);
	const generated = await evaluateOrigin(db, 'generated', loaded, GENERATED_MAX);
	console.log(`# Next-step suggestions: offline evaluation — ${new Date().toISOString()}`);
	console.log(
		`Leave-last-out; model ranking = production top ${TOP_K} (diversity ≤ ${MAX_PER_GROUP} per group) then score order; ` +
			`hit@k with Wilson 95% intervals, MRR and NDCG@5 with percentile bootstrap (${RESAMPLES} resamples, seed ${SEED}).`
	);
	printReport('REAL: OULAD (Open University), real learners and real module sequences', real);
	printReport(
		'GENERATED: training.gov.au catalogue (real stacking rules) with GENERATED demo learners — not real behaviour',
		generated
	);
	if (values.out) {
		writeFileSync(
			values.out,
			JSON.stringify(
				{
					generatedAt: new Date().toISOString(),
					method: {
						split: 'leave-last-out, leave-one-learner-out model (strict variant beside it)',
						topK: TOP_K,
						maxPerGroup: MAX_PER_GROUP,
						resamples: RESAMPLES,
						seed: SEED
					},
					real,
					generated: { ...generated, label: 'GENERATED learners on the real training.gov.au catalogue' }
				},
				null,
				'\t'
			) + '\n'
		);
		log(`JSON written to ${values.out}`);
	}
} finally {
	await db.close();
}
