// Which elements of each definition the issued records most often lack: the policymaker's "what
// do providers miss" list. Weighted by awards, like the shares.
import type { Credential } from '../types.ts';
import { classifyCredential, type Definition } from './conformance-shares.ts';

export type MissingElement = { definition: Definition; element: string; awards: number; credentials: number };

/** Missing elements per definition, most awards affected first (ties: by name). */
export function missingElements(
	items: ReadonlyArray<{ credential: Credential; awards: number }>
): MissingElement[] {
	const tally = new Map<string, MissingElement>();
	for (const { credential, awards } of items) {
		const result = classifyCredential(credential);
		for (const definition of Object.keys(result) as Definition[])
			for (const element of result[definition].missing) {
				const key = `${definition}\u0001${element}`;
				const entry = tally.get(key) ?? { definition, element, awards: 0, credentials: 0 };
				entry.awards += awards;
				entry.credentials += 1;
				tally.set(key, entry);
			}
	}
	return [...tally.values()].sort(
		(a, b) =>
			b.awards - a.awards || a.definition.localeCompare(b.definition) || a.element.localeCompare(b.element)
	);
}
