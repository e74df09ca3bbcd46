// Next-step suggestions from the database. The sequence model is built from every
// consenting learner's enrolments of one data origin (real or generated, never mixed: a
// generated learner's suggestions come from generated learners), ordered by start date then id,
// and kept like the dashboards' results (versioned-cache.ts): an import, a consent change or
// retention — in this process or a CLI in another — rebuilds it.
//
// The learner's own history is theirs to see whatever their analytics consent: consent governs
// aggregates (the model), not a learner's own page.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
	buildModel,
	recommend,
	type Outlook,
	type Recommendation,
	type SequenceModel,
	type Skill,
	type Step,
	type Weights
} from '../../domain/recommend/index.ts';
import type { EnrolmentStatus } from '../../domain/types.ts';
import {
	publishedCount,
	publishesRate,
	rounds,
	withheldBelow,
	type Suppression
} from '../../domain/suppression/index.ts';

import { getCatalogueIndex } from './catalogue-cache.ts';
import { cachedForDataVersion, forgetCached } from './versioned-cache.ts';
import { getCompletionCounts } from './completion.ts';
import { getLearnerHoldings } from './pathway.ts';
import { SYSTEM } from './scope.ts';
import { getTimeToCredential } from './time-to-credential.ts';

export type ModelOrigin = 'real' | 'generated';

/** A credential's exact outlook counts, kept with the model; published per caller by `publishOutlook`. */
export type OutlookCounts = { completed: number; known: number; learners: number; medianDays: number | null };

export type RecommenderData = {
	model: SequenceModel;
	skills: Map<string, Skill[]>;
	outlook: Map<string, OutlookCounts>;
	/** Learners whose sequences the model holds. */
	learners: number;
};

type SequenceRow = {
	learner_id: string;
	credential_id: string;
	status: EnrolmentStatus;
	started_on: string;
	ended_on: string | null;
};

/** Every consenting learner's steps of one origin, in sequence order. */
export async function getSequences(db: Db, origin: ModelOrigin): Promise<Step[][]> {
	const rows = await db.query<SequenceRow>(sql`
		select e.learner_id, e.credential_id, e.status, e.started_on::text as started_on, e.ended_on::text as ended_on
		from enrolments e join learners l on l.id = e.learner_id
		where l.analytics_consent and ${origin === 'real' ? sql`l.origin = 'real'` : sql`l.origin <> 'real'`}
		order by e.learner_id, e.started_on, e.id`);
	const out: Step[][] = [];
	let current: Step[] = [];
	let learner: string | null = null;
	for (const r of rows) {
		if (r.learner_id !== learner) {
			if (current.length) out.push(current);
			current = [];
			learner = r.learner_id;
		}
		current.push({
			credential: r.credential_id,
			status: r.status,
			startedOn: r.started_on,
			endedOn: r.ended_on
		});
	}
	if (current.length) out.push(current);
	return out;
}

async function getSkills(db: Db): Promise<Map<string, Skill[]>> {
	const rows = await db.query<{ credential_id: string; skill_uri: string; label: string | null }>(
		sql`select credential_id, skill_uri, label from credential_skills order by credential_id, skill_uri`
	);
	const out = new Map<string, Skill[]>();
	for (const r of rows)
		out.set(r.credential_id, [...(out.get(r.credential_id) ?? []), { uri: r.skill_uri, label: r.label }]);
	return out;
}

/**
 * Completion counts and median days per credential for learners of the origin, exact: the model is
 * kept for every caller, and each caller's disclosure policy is applied when it is read
 * (`publishOutlook`).
 */
async function getOutlook(db: Db, origin: ModelOrigin): Promise<Map<string, OutlookCounts>> {
	const [counts, times] = await Promise.all([
		getCompletionCounts(db, { scope: SYSTEM, by: ['credential'], data: origin }),
		getTimeToCredential(db, { scope: SYSTEM, by: ['credential'], data: origin, suppression: false })
	]);
	const median = new Map<string, number>();
	for (const g of times.groups)
		if (g.group !== null && g.median?.days != null) median.set(String(g.group), g.median.days);
	const out = new Map<string, OutlookCounts>();
	for (const c of counts) {
		const id = c.groups[0];
		out.set(id, {
			completed: c.completed,
			known: c.known,
			learners: c.learners,
			medianDays: median.get(id) ?? null
		});
	}
	return out;
}

/**
 * The outlooks as the disclosure policy publishes them (domain/suppression/policy.ts): withheld
 * where fewer learners than the threshold took the credential or have a known outcome; the count
 * rounded and the rate computed from rounded counts (and not shown over too few) when it rounds.
 */
export function publishOutlook(
	counts: Map<string, OutlookCounts>,
	policy: Suppression
): Map<string, Outlook> {
	const below = withheldBelow(policy);
	const out = new Map<string, Outlook>();
	for (const [id, c] of counts) {
		if (c.known === 0 || c.learners < below || c.known < below) continue;
		const [completed, known] = [publishedCount(policy, c.completed), publishedCount(policy, c.known)];
		out.set(id, {
			completionRate: publishesRate(policy, c.known) && known > 0 ? completed / known : null,
			known,
			medianDays: c.medianDays
		});
	}
	return out;
}

/** A suggestion's counts of learners as the policy publishes them (withheld below its threshold already). */
function publishSignals(r: Recommendation, policy: Suppression): Recommendation {
	if (!rounds(policy)) return r;
	const count = (n: number | null) => (n === null ? null : publishedCount(policy, n));
	const { next } = r.signals;
	return {
		...r,
		signals: {
			...r.signals,
			next: {
				...next,
				takenBy: count(next.takenBy),
				after: next.after && {
					...next.after,
					transitions: count(next.after.transitions),
					toThis: count(next.after.toThis)
				}
			}
		}
	};
}

async function loadData(db: Db, origin: ModelOrigin): Promise<RecommenderData> {
	const [sequences, skills, outlook] = await Promise.all([
		getSequences(db, origin),
		getSkills(db),
		getOutlook(db, origin)
	]);
	return { model: buildModel(sequences), skills, outlook, learners: sequences.length };
}

const MODEL_KEY = 'recommender:';

/** The model and its side tables for one origin, rebuilt when the data changed. */
export function getRecommenderData(db: Db, origin: ModelOrigin): Promise<RecommenderData> {
	return cachedForDataVersion(db, MODEL_KEY + origin, () => loadData(db, origin));
}

/** Drops the kept models, so the next call builds afresh (a benchmark timing the build). */
export function invalidateRecommender(): void {
	forgetCached(MODEL_KEY);
}

export type RecommendOptions = {
	goal?: string | null;
	k?: number;
	/** 'YYYY-MM-DD' (default today). */
	asOf?: string;
	weights?: Partial<Weights>;
	/** Only this provider's enrolments and awards are the learner's history (a provider's view). */
	recordsOf?: string | null;
	/** The caller's disclosure policy (false: the administrator's view). */
	suppression: Suppression;
};

export type LearnerRecommendations = {
	learner: string;
	origin: ModelOrigin;
	recommendations: Recommendation[];
};

/** A learner's ordered enrolments started by asOf, and their origin; null when there is no such learner. */
async function getLearnerHistory(db: Db, learnerId: string, asOf: string, recordsOf: string | null) {
	const [learner] = await db.query<{ origin: string }>(
		sql`select origin from learners where id = ${learnerId}`
	);
	if (!learner) return null;
	const rows = await db.query<SequenceRow>(sql`
		select e.learner_id, e.credential_id, e.status, e.started_on::text as started_on, e.ended_on::text as ended_on
		from enrolments e ${recordsOf === null ? sql`` : sql`join credentials c on c.id = e.credential_id`}
		where e.learner_id = ${learnerId} and e.started_on <= ${asOf}::date
		${recordsOf === null ? sql`` : sql`and coalesce(e.provider_id, c.provider_id) = ${recordsOf}`}
		order by e.started_on, e.id`);
	const history: Step[] = rows.map((r) => ({
		credential: r.credential_id,
		status: r.status,
		startedOn: r.started_on,
		endedOn: r.ended_on
	}));
	return { origin: (learner.origin === 'real' ? 'real' : 'generated') as ModelOrigin, history };
}

const today = () => new Date().toISOString().slice(0, 10);

/** Suggestions for one learner (by id), or null when the learner does not exist. */
export async function getRecommendations(
	db: Db,
	learnerId: string,
	{ goal = null, k = 5, asOf = today(), weights, recordsOf = null, suppression }: RecommendOptions
): Promise<LearnerRecommendations | null> {
	const found = await getLearnerHistory(db, learnerId, asOf, recordsOf);
	if (!found) return null;
	const [index, data, awarded] = await Promise.all([
		getCatalogueIndex(db),
		getRecommenderData(db, found.origin),
		getLearnerHoldings(db, learnerId, asOf, recordsOf)
	]);
	const recommendations = recommend({
		index,
		model: data.model,
		history: found.history,
		awarded,
		asOf,
		goal,
		k,
		weights,
		skills: data.skills,
		outlook: publishOutlook(data.outlook, suppression),
		minLearners: withheldBelow(suppression)
	});
	return {
		learner: learnerId,
		origin: found.origin,
		recommendations: recommendations.map((r) => publishSignals(r, suppression))
	};
}

export type GoalOption = { id: string; title: string };

/** Qualifications a learner may set as a goal, by title. */
export async function getGoalOptions(db: Db): Promise<GoalOption[]> {
	const index = await getCatalogueIndex(db);
	return index.targets
		.map((id) => ({ id, title: index.credentials.get(id)?.title ?? id }))
		.sort((a, b) => a.title.localeCompare(b.title) || (a.id < b.id ? -1 : 1));
}

export type Suggestions = {
	goal: string | null;
	goals: GoalOption[];
	origin: ModelOrigin;
	recommendations: Recommendation[];
};

/**
 * Everything the learner page's suggestions need in one call: the list for the goal, and the goals
 * to choose from. Null when there is no such learner. Carries no learner id.
 */
export async function getSuggestions(
	db: Db,
	learnerId: string,
	{
		goal = null,
		k = 5,
		recordsOf = null,
		suppression
	}: { goal?: string | null; k?: number; recordsOf?: string | null; suppression: Suppression }
): Promise<Suggestions | null> {
	const [result, goals] = await Promise.all([
		getRecommendations(db, learnerId, { goal, k, recordsOf, suppression }),
		getGoalOptions(db)
	]);
	if (!result) return null;
	return { goal, goals, origin: result.origin, recommendations: result.recommendations };
}
