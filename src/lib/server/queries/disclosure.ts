// Consistency of suppression across views (docs/disclosure.md rule (a)): a two-dimension table is
// suppressed knowing how the one-dimension views of its two dimensions publish their groups, so
// a group withheld there is not given away here by adding up its row or column.
import type { Margins, Suppression } from '../../domain/equity/compare-groups.ts';
import { withheldBelow } from '../../domain/suppression/policy.ts';
import type { Breakdown } from './scope.ts';

type OneDimension = { group: string | null; suppressed: string | null };

/**
 * The margins of a pair table, from the same question asked by each dimension alone; undefined
 * when there is no pair or nothing is withheld under the policy.
 */
export async function marginsOf(
	by: readonly Breakdown[] | undefined,
	suppression: Suppression,
	oneDimension: (by: [Breakdown]) => Promise<readonly OneDimension[]>
): Promise<Margins | undefined> {
	if (!by || by.length !== 2 || withheldBelow(suppression) === 0) return undefined;
	const decided = async (d: Breakdown) =>
		new Map((await oneDimension([d])).map((r) => [String(r.group), r.suppressed] as const));
	const [rows, cols] = await Promise.all([decided(by[0]), decided(by[1])]);
	return { rows, cols };
}
