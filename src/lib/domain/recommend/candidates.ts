// Which credentials a learner could start next: not held (recognitions and stacking applied), not
// under way, every prerequisite held, offered on the date asked (inside the credential's validity),
// and something one enrols in — a qualification (a target of requirement groups) is achieved by
// stacking its units, so it is a goal, never a suggestion.
import type { CatalogueIndex } from '../stacking/index.ts';

export function candidateCredentials({
	index,
	held,
	inProgress = [],
	asOf
}: {
	index: CatalogueIndex;
	/** Everything that counts as held (expanded). */
	held: Set<string>;
	inProgress?: Iterable<string>;
	/** 'YYYY-MM-DD' */
	asOf: string;
}): string[] {
	const busy = new Set(inProgress);
	const out: string[] = [];
	for (const [id, credential] of index.credentials) {
		if (held.has(id) || busy.has(id) || index.topGroups.has(id)) continue;
		if (credential.validFrom && credential.validFrom > asOf) continue;
		if (credential.validTo && credential.validTo < asOf) continue;
		if ((index.requires.get(id) ?? []).some((r) => !held.has(r))) continue;
		out.push(id);
	}
	return out.sort();
}
