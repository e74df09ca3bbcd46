// The one place the credentialism watch and the data-quality cards call the disclosure policy:
// which of their cells describe too few learners to publish. Today that is suppressCells with the
// caller's threshold; when the single Suppression policy object lands, only this file changes.
import type { Suppression } from '../../domain/equity/compare-groups.ts';
import { suppressCells } from '../../domain/suppression/suppress-cells.ts';

/**
 * Per cell, why it is withheld (or null): fewer learners than the threshold, and a second cell
 * wherever one withheld cell could be worked out from a published total of `sets`.
 */
export function withheld<T>(
	cells: readonly T[],
	learners: (cell: T) => number,
	suppression: Suppression,
	sets: ReadonlyArray<readonly number[]> = []
): Array<string | null> {
	if (suppression === false) return cells.map(() => null);
	return suppressCells({ cells, count: learners, threshold: suppression.threshold, sets }).reasons;
}
