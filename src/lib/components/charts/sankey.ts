// Shaping observed flows (credential A, then B) for the Sankey, and laying them out with d3-sankey.
// Pure: the page's rows in, positions and paths out, so it is tested without a browser.
//
// Each flow is one step, A then B, so the chart has two columns: where learners were ("1st") and
// where they went next ("2nd"). A node is a credential *at a step*, which keeps the graph acyclic
// when learners go both ways (A→B and B→A): d3-sankey throws on a circular link.
// Withheld flows (fewer learners than the threshold) are never drawn as bands — a band would show
// a size the server refused to publish — but listed beside the chart.
import { sankey, sankeyLinkHorizontal } from 'd3-sankey';
import {
	byLearners,
	byName,
	flowKey,
	type FlowInput,
	type FlowKind,
	type FlowSample
} from '../../view/flow-sample.ts';
import { m } from '../../paraglide/messages.js';
import { formatCount } from '../../i18n/format.ts';

export type FlowStep = 1 | 2;

export type FlowNode = {
	/** `1:AAA` — the credential at its step, unique in the graph. */
	id: string;
	credential: string;
	step: FlowStep;
	/** "AAA (1st)": the credential with its step, so a node reads the same out of context. */
	label: string;
};

export type FlowLink = {
	/** `next|AAA|BBB` */
	key: string;
	kind: FlowKind;
	from: string;
	to: string;
	source: string;
	target: string;
	learners: number;
	/** "AAA → BBB: 123 learners" */
	description: string;
};

export type WithheldFlow = { key: string; kind: FlowKind; from: string; to: string; suppressed: string };

export type ShapedFlows = {
	nodes: FlowNode[];
	/** Drawn flows, largest first. */
	links: FlowLink[];
	/** Withheld flows: listed, marked, not drawn (the first ones, when the rows were a sample). */
	withheld: WithheldFlow[];
	/** How many flows are withheld in all. */
	withheldTotal: number;
	/** Published flows left out of the drawing to keep it readable (they stay in the table). */
	notDrawn: number;
};

const STEP_NAME: Record<FlowStep, () => string> = { 1: m.chart_step_first, 2: m.chart_step_second };

/** "123 learners", in the reader's language and digits. */
export const learnersText = (n: number) => m.chart_learners({ count: n, countText: formatCount(n) });

export function describeFlow(f: FlowInput): string {
	return f.count === null
		? m.chart_flow_suppressed({ from: f.from, to: f.to, reason: f.suppressed ?? m.chart_withheld() })
		: m.chart_flow_learners({ from: f.from, to: f.to, learners: learnersText(f.count) });
}

/**
 * Nodes and links from flow rows. `maxLinks` caps the drawn bands (largest first; ties by name) so
 * a catalogue with hundreds of units stays legible; the rest are counted in `notDrawn`. Given a
 * sample (`sampleFlows`), the counts are of the whole it came from.
 * Throws when a flow appears twice: rows split by cohort or group must be chosen or counted
 * together by the query (distinct learners do not add up across rows).
 */
export function shapeFlows(
	rows: FlowInput[],
	{ maxLinks = 40, totals }: { maxLinks?: number; totals?: Omit<FlowSample, 'rows'> } = {}
): ShapedFlows {
	const seen = new Set<string>();
	for (const row of rows) {
		const key = flowKey(row);
		if (seen.has(key)) throw new Error(`sankey: flow ${key} appears twice (one row per flow)`);
		seen.add(key);
	}
	const published = rows
		.filter((r): r is FlowInput & { count: number } => r.count !== null && r.count > 0)
		.sort(byLearners);
	const drawn = published.slice(0, Math.max(0, maxLinks));

	const nodes = new Map<string, FlowNode>();
	const nodeFor = (credential: string, step: FlowStep) => {
		const id = `${step}:${credential}`;
		if (!nodes.has(id))
			nodes.set(id, {
				id,
				credential,
				step,
				label: m.chart_sankey_node({ credential, step: STEP_NAME[step]() })
			});
		return id;
	};
	const links: FlowLink[] = drawn.map((r) => ({
		key: flowKey(r),
		kind: r.kind,
		from: r.from,
		to: r.to,
		source: nodeFor(r.from, 1),
		target: nodeFor(r.to, 2),
		learners: r.count,
		description: describeFlow(r)
	}));
	const withheld: WithheldFlow[] = rows
		.filter((r) => r.count === null)
		.map((r) => ({
			key: flowKey(r),
			kind: r.kind,
			from: r.from,
			to: r.to,
			suppressed: r.suppressed ?? m.chart_withheld()
		}))
		.sort(byName);
	const byStep = (a: FlowNode, b: FlowNode) => a.step - b.step || a.credential.localeCompare(b.credential);
	return {
		nodes: [...nodes.values()].sort(byStep),
		links,
		withheld,
		withheldTotal: totals?.withheld ?? withheld.length,
		notDrawn: (totals?.published ?? published.length) - drawn.length
	};
}

/** Okabe–Ito (colour-blind safe), without black so bands read on dark and light backgrounds. */
export const FLOW_PALETTE = [
	'#0072b2',
	'#e69f00',
	'#009e73',
	'#cc79a7',
	'#56b4e9',
	'#d55e00',
	'#f0e442',
	'#999999'
];

export type PlacedNode = FlowNode & { x0: number; x1: number; y0: number; y1: number; learners: number };
export type PlacedLink = FlowLink & {
	path: string;
	width: number;
	colour: string;
	midX: number;
	midY: number;
};
export type SankeyLayout = {
	width: number;
	height: number;
	margin: { top: number; right: number; bottom: number; left: number };
	nodes: PlacedNode[];
	links: PlacedLink[];
};

/**
 * Positions for the shaped flows. Height grows with the busier column so small flows keep a
 * visible band; labels sit outside the node columns (left of step 1, right of step 2).
 * Each band takes the colour of the credential it starts from.
 */
export function layoutSankey(
	shaped: Pick<ShapedFlows, 'nodes' | 'links'>,
	{
		width = 720,
		labelWidth = 110,
		rowHeight = 26
	}: { width?: number; labelWidth?: number; rowHeight?: number } = {}
): SankeyLayout {
	const margin = { top: 28, right: labelWidth, bottom: 8, left: labelWidth };
	const perColumn = [1, 2].map((step) => shaped.nodes.filter((n) => n.step === step).length);
	const height = margin.top + margin.bottom + Math.max(160, Math.max(...perColumn) * rowHeight);
	if (shaped.links.length === 0) return { width, height, margin, nodes: [], links: [] };

	const sources = [...new Set(shaped.links.map((l) => l.from))].sort();
	const colourOf = new Map(sources.map((s, i) => [s, FLOW_PALETTE[i % FLOW_PALETTE.length]]));
	const generator = sankey<FlowNode, FlowLink>()
		.nodeId((n) => n.id)
		.nodeWidth(12)
		.nodePadding(8)
		// Keep nodes in name order within a column so the same selection always draws the same way.
		.nodeSort((a, b) => a.credential.localeCompare(b.credential))
		.extent([
			[margin.left, margin.top],
			[Math.max(margin.left + 40, width - margin.right), height - margin.bottom]
		]);
	// d3-sankey mutates what it is given: hand it copies.
	const graph = generator({
		nodes: shaped.nodes
			.filter((n) => shaped.links.some((l) => l.source === n.id || l.target === n.id))
			.map((n) => ({ ...n })),
		links: shaped.links.map((l) => ({ ...l, value: l.learners }))
	});
	const path = sankeyLinkHorizontal<FlowNode, FlowLink>();
	return {
		width,
		height,
		margin,
		nodes: graph.nodes.map((n) => ({
			id: n.id,
			credential: n.credential,
			step: n.step,
			label: n.label,
			x0: n.x0 ?? 0,
			x1: n.x1 ?? 0,
			y0: n.y0 ?? 0,
			y1: n.y1 ?? 0,
			learners: n.value ?? 0
		})),
		links: graph.links.map((l) => {
			const source = l.source as { x1?: number };
			const target = l.target as { x0?: number };
			return {
				key: l.key,
				kind: l.kind,
				from: l.from,
				to: l.to,
				source: (l.source as FlowNode).id,
				target: (l.target as FlowNode).id,
				learners: l.learners,
				description: l.description,
				path: path(l) ?? '',
				width: Math.max(1, l.width ?? 1),
				colour: colourOf.get(l.from) ?? FLOW_PALETTE[0],
				midX: ((source.x1 ?? 0) + (target.x0 ?? 0)) / 2,
				midY: ((l.y0 ?? 0) + (l.y1 ?? 0)) / 2
			};
		})
	};
}
