// Consistency of suppression across views (docs/disclosure.md rule (a)): a two-dimension table is
// suppressed knowing how the one-dimension views of its two dimensions publish their groups, so
// a group withheld there is not given away here by adding up its row or column.
import type { Margins, Suppression } from '../../domain/equity/index.ts';
import { smallDifference, withheldBelow } from '../../domain/suppression/index.ts';
import type { Breakdown, QueryContext } from './scope.ts';

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

/** A filter whose removal widens a question, and what the difference is called in words. */
export type Widening<C> = { context: C; wider: string };

/**
 * Rule (c) of docs/disclosure.md: a cell of a filtered question (one cohort, one provider, an
 * as-of date) is withheld when the same cell without the filter holds fewer than `threshold`
 * more learners (but some): else subtracting the two gives the rest away. Per row of `cells`,
 * in order: the reason, or null. `learners` of the wider question's rows are matched by groups.
 */
export async function smallDifferences<C>({
	cells,
	suppression,
	widenings,
	wider
}: {
	cells: ReadonlyArray<{ groups: string[]; learners: number }>;
	suppression: Suppression;
	widenings: Widening<C>[];
	wider: (context: C) => Promise<ReadonlyArray<{ groups: string[]; learners: number }>>;
}): Promise<Array<string | null> | undefined> {
	const threshold = withheldBelow(suppression);
	if (threshold === 0 || widenings.length === 0) return undefined;
	const reasons: Array<string | null> = cells.map(() => null);
	for (const w of widenings) {
		const parent = new Map((await wider(w.context)).map((r) => [JSON.stringify(r.groups), r.learners]));
		cells.forEach((c, i) => {
			const rest = (parent.get(JSON.stringify(c.groups)) ?? c.learners) - c.learners;
			if (reasons[i] === null && rest > 0 && rest < threshold)
				reasons[i] = smallDifference(threshold, w.wider);
		});
	}
	return reasons;
}

/** The ways a question can be widened by dropping one filter: its cohort, provider, as-of date. */
export function widenings<C extends QueryContext>(context: C): Widening<C>[] {
	const { filters = {}, scope, asOf } = context;
	const out: Widening<C>[] = [];
	if (filters.cohort)
		out.push({ context: { ...context, filters: { ...filters, cohort: undefined } }, wider: 'other cohorts' });
	if (filters.providerId)
		out.push({
			context: { ...context, filters: { ...filters, providerId: undefined } },
			wider: 'other providers'
		});
	if (scope.kind === 'provider')
		out.push({ context: { ...context, scope: { kind: 'system' } }, wider: 'other providers' });
	if (asOf)
		out.push({
			context: { ...context, asOf: undefined },
			wider: 'learners who started after the as-of date'
		});
	return out;
}
