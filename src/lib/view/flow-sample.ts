// What a page carries of the observed flows (credential A, then B): a national system has tens of
// thousands, more than a page can carry or a Sankey can draw; the data endpoint has them all.
// Pure, shared by the loads (which sample) and the Sankey component (which orders and draws).
import type { FlowRow } from '../domain/dashboard-rows.ts';
import type { Suppression } from '../domain/equity/index.ts';
import { withheldBelow } from '../domain/suppression/index.ts';
import { TABLE_ROWS } from './page-rows.ts';

export type FlowKind = FlowRow['kind'];

/** One published flow, as getFlows returns it (one row per kind, from and to). */
export type FlowInput = {
	kind: FlowKind;
	from: string;
	to: string;
	/** Learners; null when withheld. */
	count: number | null;
	/** Why it is withheld, e.g. "<10"; null when published. */
	suppressed: string | null;
};

export const flowKey = (f: { kind: FlowKind; from: string; to: string }) => `${f.kind}|${f.from}|${f.to}`;

/** Largest first; ties (and withheld flows, last) by name. The chart's and the table's order. */
export function byLearners(a: FlowInput, b: FlowInput): number {
	return (b.count ?? -1) - (a.count ?? -1) || a.from.localeCompare(b.from) || a.to.localeCompare(b.to);
}

export const byName = (
	a: Omit<FlowInput, 'count' | 'suppressed'>,
	b: Omit<FlowInput, 'count' | 'suppressed'>
) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to) || a.kind.localeCompare(b.kind);

/** Some of the flows, and how many there are of each sort in all. */
export type FlowSample = {
	/** The largest published flows (largest first), then the first withheld ones by name. */
	rows: FlowInput[];
	published: number;
	withheld: number;
};

/**
 * What a page sends of many flows: a national system has tens of thousands, and a page that
 * carries and draws them all takes seconds to render (the downloads have them all). The chart
 * draws far fewer than `published` and lists far fewer withheld ones than `withheld`.
 */
export function sampleFlows(
	rows: FlowInput[],
	{ published = 200, withheld = 50 }: { published?: number; withheld?: number } = {}
): FlowSample {
	const shown = rows.filter((r) => r.count !== null && r.count > 0).sort(byLearners);
	const hidden = rows.filter((r) => r.count === null).sort(byName);
	return {
		rows: [...shown.slice(0, published), ...hidden.slice(0, withheld)],
		published: shown.length,
		withheld: hidden.length
	};
}

/**
 * What a page carries of the flows: the largest ones and the first withheld (marked "<10"), with
 * how many there are. A national system has tens of thousands; the data endpoint has them all.
 */
export function pageFlows(rows: FlowRow[], suppression: Suppression): FlowSample {
	const mark = `<${suppression === false ? '' : withheldBelow(suppression)}`;
	return sampleFlows(
		rows.map((r) => ({
			kind: r.kind,
			from: r.from,
			to: r.to,
			count: r.count,
			suppressed: r.suppressed === null ? null : mark
		})),
		{ published: TABLE_ROWS }
	);
}
