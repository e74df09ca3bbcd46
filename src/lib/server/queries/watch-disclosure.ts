// The one place the credentialism watch and the data-quality cards call the disclosure policy:
// which of their cells describe too few learners to publish, under the one policy object
// (domain/suppression/policy.ts; docs/disclosure.md). Published counts should also pass
// publishedCount(suppression, n) so the rounding of the 'both' and 'round5' modes applies.
import { type Suppression, withheldBelow, suppressCells } from '../../domain/suppression/index.ts';

/**
 * Per cell, why it is withheld (or null): fewer learners than the threshold, and a second cell
 * wherever one withheld cell could be worked out from a published total of `sets`.
 */
export function withheld<T>(
	cells: readonly T[],
	learners: (cell: T) => number,
	suppression: Suppression,
	sets: ReadonlyArray<readonly number[]> = [],
	/** Per cell, a decision another view already made (suppressCells' `given`). */
	given?: ReadonlyArray<string | null | undefined>
): Array<string | null> {
	if (suppression === false) return cells.map(() => null);
	return suppressCells({ cells, count: learners, threshold: withheldBelow(suppression), sets, given })
		.reasons;
}
