// Everything the learner page (/learners/[id]) shows, in one call: holdings, progress toward every
// reachable qualification, the shortest way to finish each, and next-step suggestions. The route
// policy has already decided the caller may see this learner; this module decides what of the
// learner they see — the raw id only for admins, the pseudonym for everyone else, and for a
// provider only its own records (its awards and enrolments), with a count of the others'.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { membersOf, type GroupState, type Objective, type Progress } from '../../domain/stacking/index.ts';
import type { CardFacts } from '../../domain/types.ts';
import type { Suppression } from '../../domain/suppression/index.ts';
import { getProviders } from './catalogue.ts';
import { getCatalogueIndex } from './catalogue-cache.ts';
import { shownLearnerId } from './learner-ids.ts';
import {
	getLearnerHoldings,
	getMedianDaysByCredential,
	getPlan,
	getProgress,
	type PlanResult
} from './pathway.ts';
import { getSuggestions, type Suggestions } from './recommend.ts';

export const OBJECTIVES: readonly Objective[] = ['count', 'hours', 'time'];

/** Plans are worked out for at most this many qualifications (the nearest first), to keep the page fast. */
export const MAX_PLANS = 12;

export type HeldCredential = {
	id: string;
	title: string;
	kind: string | null;
	level: string | null;
	workloadHours: number | null;
	/** Awarded; recognised from another credential (credit transfer); or completed by stacking its parts. */
	via: 'award' | 'recognition' | 'stacking';
	/** The awarded credentials it is recognised from, else null. */
	recognisedFrom: string[] | null;
	/** Qualifications it counts toward (one credential may count toward several). */
	countsToward: string[];
};

export type LearnerPage = {
	/** The id for admins, the pseudonym for everyone else. */
	shownId: string;
	/** For admins, who see the id: the pseudonym every other view shows (null for everyone else). */
	pseudonym: string | null;
	generated: boolean;
	/** The viewer is the learner: the page speaks to them ("you"). */
	ownPage: boolean;
	/** Awarded credentials, oldest first. */
	awarded: string[];
	/** Awarded plus recognised credentials, with what each counts toward. */
	holdings: HeldCredential[];
	progress: Progress;
	objective: Objective;
	/** One per reachable, unfinished qualification (nearest first, at most MAX_PLANS). */
	plans: PlanResult[];
	/** Reachable, unfinished qualifications left without a plan by MAX_PLANS. */
	plansOmitted: number;
	/** Titles of the credentials the plans and the reachable qualifications' groups name. */
	titles: Record<string, string>;
	/** Members of each requirement group of the reachable qualifications, by group id. */
	groupMembers: Record<string, string[]>;
	/** Facts for the pathway cards: every credential held or planned, and the qualifications. */
	cards: Record<string, CardFacts>;
	suggestions: Suggestions;
	/** In a provider's view: how many records of other providers the page leaves out; else null. */
	otherRecords: { awards: number; enrolments: number } | null;
};

/** The learner page for a learner (by id), or null when there is no such learner. */
export async function getLearnerPage(
	db: Db,
	{
		learnerId,
		seesLearnerIds,
		ownPage,
		objective = 'count',
		goal = null,
		recordsOf = null,
		suppression
	}: {
		learnerId: string;
		seesLearnerIds: boolean;
		ownPage: boolean;
		objective?: Objective;
		goal?: string | null;
		/** A provider's view: only this provider's records (null: all of them). */
		recordsOf?: string | null;
		/** The caller's disclosure policy, for the suggestions' outlooks and counts. */
		suppression: Suppression;
	}
): Promise<LearnerPage | null> {
	const [learner] = await db.query<{ id: string; pseudonym: string | null; origin: string }>(
		sql`select id, pseudonym, origin from learners where id = ${learnerId}`
	);
	if (!learner) return null;
	// The same holdings and progress as `stackwise pathway progress --learner ID` (no as-of date).
	const awarded = await getLearnerHoldings(db, learnerId, undefined, recordsOf);
	const [progress, index, suggestions, otherRecords, providers] = await Promise.all([
		getProgress(db, { held: awarded, onlyReachable: true }),
		getCatalogueIndex(db),
		getSuggestions(db, learnerId, { goal, recordsOf, suppression }),
		recordsOf === null ? null : countOtherRecords(db, learnerId, recordsOf),
		getProviders(db)
	]);
	if (!suggestions) return null;
	const unfinished = progress.qualifications.filter((q) => !q.achieved && q.stillNeeded !== null);
	const plans: PlanResult[] = [];
	// One at a time: PGlite has a single connection, and each plan may read median times.
	const medianDays =
		objective === 'time' && unfinished.length ? await getMedianDaysByCredential(db) : undefined;
	for (const q of unfinished.slice(0, MAX_PLANS))
		plans.push(await getPlan(db, { held: awarded, target: q.target, objective, medianDays }));
	const holdings = heldCredentials(progress, index, awarded);
	const { titles, groupMembers } = namesOf(progress, plans, index);
	const cards = cardsOf({ progress, plans, holdings, index, providers });
	return {
		shownId: shownLearnerId(learner, seesLearnerIds),
		pseudonym: seesLearnerIds ? learner.pseudonym : null,
		generated: learner.origin !== 'real',
		ownPage,
		awarded,
		holdings,
		progress,
		objective,
		plans,
		plansOmitted: Math.max(0, unfinished.length - MAX_PLANS),
		titles,
		groupMembers,
		cards,
		suggestions,
		otherRecords
	};
}

type CatalogueIndex = Awaited<ReturnType<typeof getCatalogueIndex>>;

/** What the learner holds, each with how: an award, a recognition or stacking. */
function heldCredentials(progress: Progress, index: CatalogueIndex, awarded: string[]): HeldCredential[] {
	const awardedSet = new Set(awarded);
	return progress.holdings.map((h): HeldCredential => {
		const c = index.credentials.get(h.id);
		return {
			id: h.id,
			title: c?.title ?? h.id,
			kind: c?.kind ?? null,
			level: c?.level ?? null,
			workloadHours: c?.workloadHours ?? null,
			via: awardedSet.has(h.id) ? 'award' : h.recognisedFrom ? 'recognition' : 'stacking',
			recognisedFrom: h.recognisedFrom,
			countsToward: h.countsToward
		};
	});
}

/** The titles the plans and the qualifications' groups name, and each group's members. */
function namesOf(progress: Progress, plans: PlanResult[], index: CatalogueIndex) {
	const titles: Record<string, string> = {};
	const groupMembers: Record<string, string[]> = {};
	const groupById = new Map(index.catalogue.groups.map((g) => [g.id, g]));
	const visit = (g: GroupState) => {
		groupMembers[g.id] = [...(groupById.get(g.id)?.members ?? [])];
		for (const m of groupMembers[g.id]) titles[m] = index.credentials.get(m)?.title ?? m;
		g.children.forEach(visit);
	};
	for (const q of progress.qualifications) q.groups.forEach(visit);
	for (const p of plans)
		if (p.ok) for (const id of p.plan.credentials) titles[id] = index.credentials.get(id)?.title ?? id;
	return { titles, groupMembers };
}

/** The pathway cards' facts: every credential held or planned, and the qualifications. */
function cardsOf({
	progress,
	plans,
	holdings,
	index,
	providers
}: {
	progress: Progress;
	plans: PlanResult[];
	holdings: HeldCredential[];
	index: CatalogueIndex;
	providers: { id: string; name: string }[];
}): Record<string, CardFacts> {
	const providerName = new Map(providers.map((p) => [p.id, p.name]));
	const cards: Record<string, CardFacts> = {};
	const card = (id: string, countsToward: string[]) => {
		const c = index.credentials.get(id);
		cards[id] = {
			title: c?.title ?? id,
			workloadHours: c?.workloadHours ?? null,
			providerName: c?.providerId ? (providerName.get(c.providerId) ?? c.providerId) : null,
			countsToward
		};
	};
	const towardOf = new Map<string, string[]>();
	for (const q of progress.qualifications)
		for (const m of membersOf({ index, target: q.target }))
			towardOf.set(m, [...(towardOf.get(m) ?? []), q.target]);
	for (const h of holdings) card(h.id, h.countsToward);
	for (const p of plans) if (p.ok) for (const id of p.plan.credentials) card(id, towardOf.get(id) ?? []);
	for (const q of progress.qualifications) card(q.target, []);
	return cards;
}

/** How many of a learner's awards and enrolments are not `providerId`'s. */
async function countOtherRecords(db: Db, learnerId: string, providerId: string) {
	const [row] = await db.query<{ awards: number; enrolments: number }>(sql`
		select
			(select count(*)::int from awards a join credentials c on c.id = a.credential_id
				where a.learner_id = ${learnerId} and coalesce(a.provider_id, c.provider_id) is distinct from ${providerId}) as awards,
			(select count(*)::int from enrolments e join credentials c on c.id = e.credential_id
				where e.learner_id = ${learnerId} and coalesce(e.provider_id, c.provider_id) is distinct from ${providerId}) as enrolments`);
	return { awards: Number(row.awards), enrolments: Number(row.enrolments) };
}
