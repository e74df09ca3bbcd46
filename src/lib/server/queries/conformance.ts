// Definition conformance (DESIGN.md §3): every credential classified against the EU,
// Australian and UNESCO definitions, and the share of issued awards meeting each.
//
// Reading taken: a credential that does not state whether it is quality assured inherits it from
// its provider when the provider is accredited or regulated (external QA covers what it issues).
import type { Db } from '../db/client.ts';
import {
	classifyCredential,
	conformanceShares,
	DEFINITIONS,
	type ConformanceShare,
	type ConformanceShares,
	type Definition,
	type Conformance,
	missingElements,
	type MissingElement
} from '../../domain/conformance/index.ts';
import type { Credential } from '../../domain/types.ts';
import type { VerificationShare } from '../../domain/dashboard-rows.ts';
import { getAwardCounts, getCredentials, getProviders } from './catalogue.ts';
import { getVerificationShares } from './verification-shares.ts';
import type { QueryContext } from './scope.ts';
import type { Suppression } from '../../domain/equity/index.ts';
import {
	suppressCells,
	publishedCount,
	publishesRate,
	rounds,
	withheldBelow
} from '../../domain/suppression/index.ts';

export type CredentialConformance = {
	id: string;
	title: string;
	providerId: string | null;
	/** Null when withheld: fewer learners than the threshold hold it (or to protect such a count). */
	awards: number | null;
	suppressed: string | null;
} & Record<Definition, Conformance>;

/** A missing element as published: its award count withheld (null) when it describes too few. */
export type WithheldMissingElement = Omit<MissingElement, 'awards'> & {
	awards: number | null;
	suppressed: string | null;
};

/** The shares as published: a definition's awards and share are null when withheld. */
export type PublishedShares = { awards: number } & Record<
	Definition,
	{ awards: number | null; share: number | null }
>;

export type ConformanceReport = {
	/** Shares of issued awards meeting each definition; null when no award was issued or the total is withheld. */
	shares: PublishedShares | null;
	/** Missing elements; one affecting fewer awards than the threshold is withheld (awards null). */
	missing: WithheldMissingElement[];
	credentials: CredentialConformance[];
};

type ConformanceQuestion = QueryContext & {
	verifiedOnly?: boolean;
	suppression: Suppression;
	source?: 'rollups' | 'base';
};

/** A credential in scope (its QA inherited) and its awards under the question. */
type AwardedCredential = { credential: Credential; awards: number };

export async function getConformance(db: Db, question: ConformanceQuestion): Promise<ConformanceReport> {
	const { scope, asOf, data, filters, suppression, source } = question;
	const items = await awardedCredentials(db, question);
	const classes = items.map((item) => classifyCredential(item.credential));
	const missing = missingElements(items.filter((item) => item.awards > 0));
	const providerTotals =
		withheldBelow(suppression) > 0 && scope.kind === 'system'
			? await getVerificationShares(db, { scope, asOf, data, filters, suppression, source })
			: [];
	const reasons = withheldCells({ items, classes, missing, providerTotals, suppression });
	return publishedReport({ items, missing, reasons, suppression });
}

/** The credentials in scope, each with its awards under the question (0 when none). */
async function awardedCredentials(
	db: Db,
	{ scope, asOf, data, filters, verifiedOnly = false, source }: ConformanceQuestion
): Promise<AwardedCredential[]> {
	const [credentials, providers, awards] = await Promise.all([
		getCredentials(db),
		getProviders(db),
		getAwardCounts(db, {
			asOf,
			data,
			filters,
			verifiedOnly,
			source,
			providerId: scope.kind === 'provider' ? scope.providerId : undefined,

			learnerId: scope.kind === 'learner' ? scope.learnerId : undefined
		})
	]);
	const qaProviders = new Set(
		providers.filter((p) => p.accredited || p.qaApproach === 'regulatory').map((p) => p.id)
	);
	const inScope = credentials.filter((c) => scope.kind !== 'provider' || c.providerId === scope.providerId);
	return inScope.map((credential) => ({
		credential: withInheritedQa(credential, qaProviders),
		awards: awards.get(credential.id) ?? 0
	}));
}

/**
 * Why each cell is withheld (null: published): the credentials' counts first, then the totals
 * in order — all awards, each definition's, each missing element's, each provider's.
 *
 * A credential's award count describes its holders (one award each): a count of fewer than the
 * threshold is withheld. The report also publishes totals that are sums of credentials' counts —
 * all awards, the awards meeting each definition, each missing element's awards — and each
 * provider's awards are published beside it (its verified share). Each total is a cell of the
 * same suppression problem, entering its set with −1 (a margin: suppress-cells.ts), so the
 * complement chosen may be a credential or a total, and the pattern is audited against every
 * linear combination. The providers' totals are decided by their own table (given). A
 * credential never awarded tells nothing about anyone: published as 0, the last complement.
 * Catalogue entries no one was awarded (in this selection) are not counted beside the outcome
 * figures.
 */
function withheldCells({
	items,
	classes,
	missing,
	providerTotals,
	suppression
}: {
	items: AwardedCredential[];
	classes: ReturnType<typeof classifyCredential>[];
	missing: MissingElement[];
	providerTotals: VerificationShare[];
	suppression: Suppression;
}): (string | null)[] {
	type Total = { members: number[]; awards: number; given?: string | null };
	const definitions = Object.keys(DEFINITIONS) as Definition[];
	const indices = items.map((_, i) => i);
	const meeting = (d: Definition) => indices.filter((i) => classes[i][d].meets);
	const sum = (members: number[]) => members.reduce((s, i) => s + items[i].awards, 0);
	const totals: Total[] = [
		{ members: indices, awards: sum(indices) },
		...definitions.map((d) => ({ members: meeting(d), awards: sum(meeting(d)) })),
		...missing.map((m) => {
			const members = indices.filter((i) => classes[i][m.definition].missing.includes(m.element));
			return { members, awards: m.awards };
		}),
		...providerTotals.map((v) => {
			const members = indices.filter((i) => items[i].credential.providerId === v.providerId);
			return { members, awards: sum(members), given: v.suppressed };
		})
	];
	const cells = [...items.map((item) => item.awards), ...totals.map((t) => t.awards)];
	const totalCell = (t: number) => items.length + t;
	return suppressCells({
		cells,
		count: (awards) => (awards === 0 ? Number.MAX_SAFE_INTEGER : awards),
		threshold: withheldBelow(suppression),
		sets: totals.map((t, k) => [...t.members, totalCell(k)]).filter((set) => set.length > 1),
		negated: new Set(totals.map((_, k) => totalCell(k))),
		given: [...items.map(() => undefined), ...totals.map((t) => t.given)]
	}).reasons;
}

/** The report as published, from the cells' reasons (withheldCells' order). */
function publishedReport({
	items,
	missing,
	reasons,
	suppression
}: {
	items: AwardedCredential[];
	missing: MissingElement[];
	reasons: (string | null)[];
	suppression: Suppression;
}): ConformanceReport {
	const definitions = Object.keys(DEFINITIONS) as Definition[];
	const totalReason = (k: number) => reasons[items.length + k];
	const count = (n: number) => publishedCount(suppression, n);
	const shares = publishedShares(conformanceShares(items), suppression);
	return {
		shares:
			shares && totalReason(0) === null
				? {
						awards: shares.awards,
						...(Object.fromEntries(
							definitions.map((d, j) => [
								d,
								totalReason(1 + j) === null ? shares[d] : { awards: null, share: null }
							])
						) as Record<Definition, { awards: number | null; share: number | null }>)
					}
				: null,
		missing: missing.map((m, j) => {
			const withheld = totalReason(1 + definitions.length + j);
			return { ...m, awards: withheld ? null : count(m.awards), suppressed: withheld };
		}),
		credentials: items.map(({ credential, awards }, i) => ({
			id: credential.id,
			title: credential.title,
			providerId: credential.providerId,
			awards: reasons[i] ? null : count(awards),
			suppressed: reasons[i],
			...classifyCredential(credential)
		}))
	};
}

/**
 * Why a credential's award count is withheld under a question, or null: the one decision every view
 * that publishes a credential's awards follows (the conformance table, the overview narrowed to the
 * credential, the catalogue's outcomes, the watch's clusters), so a count withheld as a complement
 * here is not published there (rule (a) of docs/disclosure.md). The conformance table decides it,
 * knowing every total of awards it publishes; the question is the same without the credential filter.
 */
export async function credentialAwardsWithheld(
	db: Db,
	{ suppression, ...context }: QueryContext & { verifiedOnly?: boolean; suppression: Suppression }
): Promise<Map<string, string | null>> {
	if (withheldBelow(suppression) === 0) return new Map();
	const { credentialId: _, ...filters } = context.filters ?? {};
	const report = await getConformance(db, { ...context, filters, suppression });
	return new Map(report.credentials.map((c) => [c.id, c.suppressed]));
}

/** The decision above for the credential a question is narrowed to (null without one). */
export async function narrowedAwardsWithheld(
	db: Db,
	context: QueryContext & { verifiedOnly?: boolean; suppression: Suppression }
): Promise<string | null> {
	const id = context.filters?.credentialId;
	if (!id) return null;
	return (await credentialAwardsWithheld(db, context)).get(id) ?? null;
}

/**
 * The shares as the policy publishes them: each total is the true total rounded (never a sum of
 * rounded parts, which would carry the withheld credentials' rounded counts), the shares computed
 * from the rounded totals, and none shown over too few awards (policy.ts).
 */
function publishedShares(
	shares: ConformanceShares | undefined,
	suppression: Suppression
): ConformanceShares | null {
	if (!shares || shares.awards === 0) return null;
	if (!rounds(suppression)) return shares;
	if (!publishesRate(suppression, shares.awards)) return null;
	const total = publishedCount(suppression, shares.awards);
	const share = ({ awards }: ConformanceShare): ConformanceShare => {
		const meeting = publishedCount(suppression, awards);
		return { awards: meeting, share: meeting / total };
	};
	return {
		awards: total,
		eu: share(shares.eu),
		australia: share(shares.australia),
		unesco: share(shares.unesco)
	};
}

function withInheritedQa(credential: Credential, qaProviders: Set<string>): Credential {
	if (credential.qualityAssured !== null || !credential.providerId || !qaProviders.has(credential.providerId))
		return credential;
	return { ...credential, qualityAssured: true };
}
