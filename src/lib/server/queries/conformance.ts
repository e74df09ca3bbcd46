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

export type CredentialConformance = {
	id: string;
	title: string;
	providerId: string | null;
	/** Null when withheld: fewer learners than the threshold hold it (or to protect such a count). */
	awards: number | null;
	suppressed: string | null;
} & Record<Definition, Conformance>;

export type ConformanceReport = {
	/** Shares of issued awards meeting each definition; null when no award was issued. */
	shares: ConformanceShares | null;
	/** Missing elements; an element affecting fewer awards than the threshold is left out. */
	missing: MissingElement[];
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
	// threshold is withheld, and a second one so the first cannot be worked out from the total. A
	// credential never awarded tells nothing about anyone and is published as 0. A missing element
	// counted over fewer awards than the threshold is left out of the list.
	const reasons = suppression
		? suppressCells({
				cells: items,
				count: ({ awards }) => (awards === 0 ? Number.MAX_SAFE_INTEGER : awards),
				threshold: suppression.threshold
			}).reasons
		: items.map(() => null);
	// What awarded credentials miss: a catalogue entry no one was awarded (in this selection) is
	// not counted beside the outcome figures.
	const missing = missingElements(items.filter((item) => item.awards > 0));
	return {
		shares: conformanceShares(items) ?? null,
		missing: suppression
			? missing.filter((m) => m.awards === 0 || m.awards >= suppression.threshold)
			: missing,
		credentials: items.map(({ credential, awards }, i) => ({
			id: credential.id,
			title: credential.title,
			providerId: credential.providerId,
			awards: reasons[i] ? null : awards,
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
