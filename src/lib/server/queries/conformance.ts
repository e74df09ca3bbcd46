// Definition conformance (DESIGN.md §3, issue 4): every credential classified against the EU,
// Australian and UNESCO definitions, and the share of issued awards meeting each.
//
// Reading taken: a credential that does not state whether it is quality assured inherits it from
// its provider when the provider is accredited or regulated (external QA covers what it issues).
import type { Db } from '../db/client.ts';
import {
	classifyCredential,
	conformanceShares,
	type ConformanceShares,
	type Definition
} from '../../domain/conformance/conformance-shares.ts';
import type { Conformance } from '../../domain/conformance/conformance.ts';
import { missingElements, type MissingElement } from '../../domain/conformance/missing-elements.ts';
import type { Credential } from '../../domain/types.ts';
import { getAwardCounts, getCredentials, getProviders } from './catalogue.ts';
import type { QueryContext } from './scope.ts';
import type { Suppression } from '../../domain/equity/compare-groups.ts';
import { suppressCells } from '../../domain/suppression/suppress-cells.ts';
import { fewerThan, publishedCount, withheldBelow } from '../../domain/suppression/policy.ts';

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

export type ConformanceReport = {
	/** Shares of issued awards meeting each definition; null when no award was issued. */
	shares: ConformanceShares | null;
	/** Missing elements; one affecting fewer awards than the threshold is withheld (awards null). */
	missing: WithheldMissingElement[];
	credentials: CredentialConformance[];
};

export async function getConformance(
	db: Db,
	{
		scope,
		asOf,
		data,
		filters,
		verifiedOnly = false,
		suppression,
		source
	}: QueryContext & { verifiedOnly?: boolean; suppression: Suppression; source?: 'rollups' | 'base' }
): Promise<ConformanceReport> {
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
	const items = inScope.map((credential) => ({
		credential: withInheritedQa(credential, qaProviders),
		awards: awards.get(credential.id) ?? 0
	}));
	// A credential's award count describes its holders (one award each): a count of fewer than the
	// threshold is withheld, and a second one so the first cannot be worked out from a published
	// total — the total, the awards meeting and not meeting each definition, and each missing
	// element's awards are all sums of credentials' counts. A credential never awarded tells nothing
	// about anyone and is published as 0. Catalogue entries no one was awarded (in this selection)
	// are not counted beside the outcome figures.
	const classes = items.map((item) => classifyCredential(item.credential));
	const missing = missingElements(items.filter((item) => item.awards > 0));
	const indices = items.map((_, i) => i);
	const sets = [
		indices,
		...(Object.keys(classes[0] ?? {}) as Definition[]).flatMap((d) => [
			indices.filter((i) => classes[i][d].meets),
			indices.filter((i) => !classes[i][d].meets)
		]),
		...missing.map((m) => indices.filter((i) => classes[i][m.definition].missing.includes(m.element)))
	].filter((set) => set.length > 0);
	const below = withheldBelow(suppression);
	const reasons = suppressCells({
		cells: items,
		count: ({ awards }) => (awards === 0 ? Number.MAX_SAFE_INTEGER : awards),
		threshold: below,
		sets
	}).reasons;
	const count = (n: number) => publishedCount(suppression, n);
	const shares = conformanceShares(items.map((item) => ({ ...item, awards: count(item.awards) })));
	return {
		shares: shares && shares.awards > 0 ? shares : null,
		missing: missing.map((m) => {
			const withheld = m.awards > 0 && m.awards < below;
			return {
				...m,
				awards: withheld ? null : count(m.awards),
				suppressed: withheld ? fewerThan(below) : null
			};
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

function withInheritedQa(credential: Credential, qaProviders: Set<string>): Credential {
	if (credential.qualityAssured !== null || !credential.providerId || !qaProviders.has(credential.providerId))
		return credential;
	return { ...credential, qualityAssured: true };
}
