// The credentialism watch (/watch, `stackwise watch`): is the system growing useful credentials
// or just more of them? Proliferation, overlap, dead ends and the participation share, from the
// catalogue, the stacking rules, enrolments and awards. The indices are pure domain code
// (domain/watch); this module counts what they need and withholds what describes too few learners.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { cachedForDataVersion } from './versioned-cache.ts';
import type { Suppression } from '../../domain/equity/index.ts';
import { tableSets, publishedCount, publishesRate, rounds } from '../../domain/suppression/index.ts';
import type { Credential, Provider } from '../../domain/types.ts';
import {
	deadEnds,
	FEW_ONWARD,
	overlapClusters,
	overlapPairs,
	OVERLAP_THRESHOLDS,
	participationShares,
	awardsPerCredential,
	firstsPerQuarter,
	PROLIFERATION_BREAKDOWNS,
	type CredentialFacts,
	type FirstsRow,
	type ProliferationBreakdown,
	type WatchAnswer,
	type WatchMember
} from '../../domain/watch/index.ts';
import { getCatalogue, getProviders } from './catalogue.ts';
import {
	AWARD_JOINS,
	ENROLMENT_JOINS,
	SYSTEM,
	awardConditions,
	enrolmentConditions,
	type DataOrigin
} from './scope.ts';
import { withheld } from './watch-disclosure.ts';
import { credentialAwardsWithheld } from './conformance.ts';

export const WATCH_DEFINITIONS = {
	proliferation:
		'Credentials first offered (their stated start of validity, else their first enrolment) and first awarded, per quarter; the catalogue itself is not versioned, so a cut-off only drops later dates. Awards per credential: how many credentials fall in each band of awards, “almost never” being fewer than ten. Counts of credentials, not of learners.',
	overlap: `Pairs of credentials from different providers (a credential with no stated provider is compared with every other) whose skills (Jaccard on credential_skills ≥ ${OVERLAP_THRESHOLDS.skills}) or units (Jaccard on the credentials their requirement groups name ≥ ${OVERLAP_THRESHOLDS.units}) overlap, or whose titles are near duplicates (trigram similarity as pg_trgm ≥ ${OVERLAP_THRESHOLDS.title}); clusters are the groups those pairs join. A member “stacks” when it counts toward another credential or has requirements of its own. Shared units: credentials named by the requirement groups of two or more targets.`,
	deadEnds: `Dead ends: credentials that count toward nothing and from which fewer than ${FEW_ONWARD} learners went on to start another credential later. Orphans: dead ends that are not targets either. Qualifications nobody completes: credentials with requirement groups and no award.`,
	participation:
		'Share of awards made for credentials whose records state no assessment (a participation credential, assessed = no, or assessment unknown with no type of assessment). The EU definition requires assessment. Per quarter of issue and kind of the issuing provider.'
} as const;

const levelOf = (c: Credential) =>
	c.levelFramework && c.level ? `${c.levelFramework} ${c.level}` : (c.level ?? 'not stated');

type WatchQuestion = { asOf?: string; data?: DataOrigin; suppression: Suppression };

/** The watch, kept until the data changes: /watch and /api/watch ask it alike. */
export function getCachedWatch(db: Db, question: WatchQuestion): Promise<WatchAnswer> {
	return cachedForDataVersion(db, JSON.stringify(['watch', question]), () => getWatch(db, question));
}

export async function getWatch(
	db: Db,
	{ asOf, data = 'real', suppression }: WatchQuestion
): Promise<WatchAnswer> {
	const context = { scope: SYSTEM, asOf, data };
	const facts = await countWatchFacts(db, context);
	const stacking = stackingOf(facts.catalogue);
	const credentials = proliferationFacts(facts);
	const ends = deadEnds(deadEndInputs(facts, stacking));
	const overlap = await overlapSection(db, facts, stacking, { ...context, suppression });
	return {
		asOf: asOf ?? null,
		data,
		definitions: WATCH_DEFINITIONS,
		proliferation: {
			credentials: credentials.length,
			firsts: Object.fromEntries(
				PROLIFERATION_BREAKDOWNS.map((by) => [by, firstsPerQuarter(credentials, by, asOf)])
			) as Record<ProliferationBreakdown, FirstsRow[]>,
			awardBands: awardsPerCredential(credentials)
		},
		overlap: {
			...overlap,
			sharedUnits: ends.shared.length,
			unitsInTargets: stacking.countsToward.size
		},
		deadEnds: deadEndSection(facts, ends, suppression),
		participation: participationSection(facts, suppression)
	};
}

type WatchContext = { scope: typeof SYSTEM; asOf?: string; data: DataOrigin };
type WatchFacts = Awaited<ReturnType<typeof countWatchFacts>>;
type Stacking = ReturnType<typeof stackingOf>;

/** What the watch counts in the database: the catalogue, and awards and enrolments per credential and cell. */
async function countWatchFacts(db: Db, context: WatchContext) {
	const { asOf } = context;
	const [catalogue, providers, skills, awarded, enrolled, cells, cellLearners] = await Promise.all([
		getCatalogue(db),
		getProviders(db),
		db.query<{ credential_id: string; skill_uri: string }>(
			sql`select credential_id, skill_uri from credential_skills order by 1, 2`
		),
		db.query<{ credential_id: string; first: string; awards: number; learners: number }>(sql`
			select a.credential_id, min(a.issued_on)::text as first, count(*)::int as awards,
				count(distinct a.learner_id)::int as learners
			from ${AWARD_JOINS} where ${awardConditions(context)} group by 1`),
		db.query<{ credential_id: string; first: string; onward: number }>(sql`
			select e.credential_id, min(e.started_on)::text as first,
				count(distinct e.learner_id) filter (where exists (
					select 1 from enrolments n where n.learner_id = e.learner_id
						and n.credential_id <> e.credential_id and n.started_on > e.started_on
						${asOf ? sql`and n.started_on <= ${asOf}::date` : sql``}))::int as onward
			from ${ENROLMENT_JOINS} where ${enrolmentConditions(context)} group by 1`),
		db.query<{ period: string; grp: string; credential_id: string; awards: number }>(sql`
			select to_char(a.issued_on, 'YYYY') || '-Q' || to_char(a.issued_on, 'Q') as period,
				coalesce(p.kind, 'not stated') as grp, a.credential_id, count(*)::int as awards
			from ${AWARD_JOINS} where ${awardConditions(context)} group by 1, 2, 3`),
		db.query<{ period: string; grp: string; learners: number }>(sql`
			select to_char(a.issued_on, 'YYYY') || '-Q' || to_char(a.issued_on, 'Q') as period,
				coalesce(p.kind, 'not stated') as grp, count(distinct a.learner_id)::int as learners
			from ${AWARD_JOINS} where ${awardConditions(context)} group by 1, 2`)
	]);
	return {
		catalogue,
		skills,
		cells,
		cellLearners,
		providerById: new Map<string, Provider>(providers.map((p) => [p.id, p])),
		credentialById: new Map(catalogue.credentials.map((c) => [c.id, c])),
		awards: new Map(awarded.map((r) => [r.credential_id, r])),
		enrolments: new Map(enrolled.map((r) => [r.credential_id, r]))
	};
}

/** What each credential counts toward, and the units each target names. */
function stackingOf(catalogue: WatchFacts['catalogue']) {
	const targetOfGroup = new Map(catalogue.groups.map((g) => [g.id, g.targetCredentialId]));
	const countsToward = new Map<string, Set<string>>();
	const unitsOf = new Map<string, Set<string>>();
	for (const g of catalogue.groups)
		for (const member of g.members) {
			const target = targetOfGroup.get(g.id)!;
			(countsToward.get(member) ?? countsToward.set(member, new Set()).get(member)!).add(target);
			(unitsOf.get(target) ?? unitsOf.set(target, new Set()).get(target)!).add(member);
		}
	return { countsToward, unitsOf, stacks: (id: string) => countsToward.has(id) || unitsOf.has(id) };
}

function proliferationFacts({ catalogue, providerById, enrolments, awards }: WatchFacts) {
	return catalogue.credentials.map((c): CredentialFacts => ({
		id: c.id,
		providerId: c.providerId,
		level: levelOf(c),
		providerKind: (c.providerId && providerById.get(c.providerId)?.kind) || 'not stated',
		mode: c.participationMode ?? 'not stated',
		firstOffered: c.validFrom ?? enrolments.get(c.id)?.first ?? null,
		firstAwarded: awards.get(c.id)?.first ?? null,
		awards: Number(awards.get(c.id)?.awards ?? 0)
	}));
}

async function overlapSection(
	db: Db,
	{ catalogue, skills, awards, credentialById, providerById }: WatchFacts,
	{ stacks, unitsOf }: Stacking,
	context: WatchContext & { suppression: Suppression }
): Promise<Pick<WatchAnswer['overlap'], 'pairs' | 'clusters'>> {
	const { suppression } = context;
	const skillsOf = new Map<string, string[]>();
	for (const s of skills)
		(skillsOf.get(s.credential_id) ?? skillsOf.set(s.credential_id, []).get(s.credential_id)!).push(
			s.skill_uri
		);
	const items = catalogue.credentials.map((c) => ({
		id: c.id,
		providerId: c.providerId,
		title: c.title,
		skills: skillsOf.get(c.id) ?? [],
		units: [...(unitsOf.get(c.id) ?? [])]
	}));
	const pairs = overlapPairs(items);
	const clusters = overlapClusters(items, pairs);
	// A member's awards describe its holders, and are the same cell as the credential's awards in
	// the conformance table and on its catalogue page: withheld as conformance withholds them
	// (credentialAwardsWithheld: fewer than the threshold, and complements so that no total of awards
	// it publishes — all, per definition, per missing element, per provider — gives one away). A
	// member no one decided there is left to the cluster: primary, and a second member of the same
	// cluster beside it (complementary suppression). A member never awarded tells nothing about
	// anyone: published as 0, the last choice of complement.
	const memberIds = clusters.flatMap((c) => c.members);
	const clusterSets: number[][] = [];
	clusters.reduce((start, c) => {
		clusterSets.push(c.members.map((_, k) => start + k));
		return start + c.members.length;
	}, 0);
	const memberLearners = (id: string) => Number(awards.get(id)?.learners ?? 0);
	const decided = await credentialAwardsWithheld(db, context);
	const memberReasons = withheld(
		memberIds,
		(id) => memberLearners(id) || Number.MAX_SAFE_INTEGER,
		suppression,
		clusterSets,
		memberIds.map((id) => decided.get(id))
	);
	const memberReason = new Map(memberIds.map((id, i) => [id, memberReasons[i]]));
	const member = (id: string): WatchMember => {
		const c = credentialById.get(id)!;
		const reason = memberReason.get(id) ?? null;
		return {
			id,
			title: c.title,
			providerId: c.providerId,
			provider: c.providerId ? (providerById.get(c.providerId)?.name ?? c.providerId) : null,
			awards: reason ? null : publishedCount(suppression, Number(awards.get(id)?.awards ?? 0)),
			suppressed: reason,
			stacks: stacks(id)
		};
	};
	return {
		pairs: pairs.length,
		clusters: clusters.map((c) => {
			const members = c.members.map(member);
			return { members, providers: c.providers, basis: c.basis, stacks: members.some((m) => m.stacks) };
		})
	};
}

function deadEndInputs({ catalogue, enrolments, awards }: WatchFacts, { countsToward, unitsOf }: Stacking) {
	return catalogue.credentials.map((c) => ({
		id: c.id,
		countsToward: [...(countsToward.get(c.id) ?? [])],
		hasRequirements: unitsOf.has(c.id),
		onwardLearners: Number(enrolments.get(c.id)?.onward ?? 0),
		completers: Number(awards.get(c.id)?.learners ?? 0)
	}));
}

function deadEndSection(
	{ enrolments, credentialById }: WatchFacts,
	ends: ReturnType<typeof deadEnds>,
	suppression: Suppression
): WatchAnswer['deadEnds'] {
	const onward = ends.deadEnds.map((id) => Number(enrolments.get(id)?.onward ?? 0));
	// A count of onward learners under the threshold is withheld; zero describes nobody. These
	// counts add up to no published total.
	const someOnward = onward.flatMap((n, i) => (n > 0 ? [i] : []));
	const someReasons = withheld(someOnward, (i) => onward[i], suppression);
	const onwardReasons = onward.map((): string | null => null);
	someOnward.forEach((i, k) => (onwardReasons[i] = someReasons[k]));
	const orphans = new Set(ends.orphans);
	return {
		deadEnds: ends.deadEnds.map((id, i) => ({
			id,
			title: credentialById.get(id)!.title,
			onward: onwardReasons[i] ? null : publishedCount(suppression, onward[i]),
			suppressed: onwardReasons[i],
			orphan: orphans.has(id)
		})),
		orphans: orphans.size,
		uncompletedQualifications: ends.uncompletedQualifications.map((id) => ({
			id,
			title: credentialById.get(id)!.title
		}))
	};
}

/** Participation vs assessment, per quarter and kind of provider. */
function participationSection(
	{ cells, cellLearners, credentialById }: WatchFacts,
	suppression: Suppression
): WatchAnswer['participation'] {
	const shares = participationShares(
		cells.map((c) => ({
			period: c.period,
			group: c.grp,
			credential: credentialById.get(c.credential_id)!,
			awards: Number(c.awards)
		}))
	);
	const learnersOf = new Map(cellLearners.map((r) => [`${r.period}\u0001${r.grp}`, Number(r.learners)]));
	const { sets } = tableSets(shares.map((r) => [r.period, r.group] as const));
	const shareReasons = withheld(
		shares,
		(r) => learnersOf.get(`${r.period}\u0001${r.group}`) ?? 0,
		suppression,
		sets
	);
	return shares.map((r, i) => {
		// As every rate: from the published (rounded) counts, and not over too few (policy.ts).
		const [all, unassessed] = [
			publishedCount(suppression, r.awards),
			publishedCount(suppression, r.unassessed)
		];
		const rated = !shareReasons[i] && all > 0 && publishesRate(suppression, r.awards);
		return {
			period: r.period,
			group: r.group,
			awards: shareReasons[i] ? null : all,
			unassessed: shareReasons[i] ? null : unassessed,
			share: rated ? (rounds(suppression) ? unassessed / all : r.share) : null,
			suppressed: shareReasons[i]
		};
	});
}
