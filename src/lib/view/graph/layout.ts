// Layered layout of a directed graph (Sugiyama-style, simplified): each node's layer is its
// topological generation (graphology-dag: the longest path from a source), layers become columns
// from left to right, and nodes inside a layer are ordered by the mean position of their neighbours in the layer before
// (the barycentre heuristic, Sugiyama, Tagawa & Toda 1981) to cut edge crossings. It is a pure
// function, so pages compute it on the server (or once) and the browser only draws — no force
// simulation running on the main thread, whatever the size.
// Layers with more nodes than `maxPerColumn` wrap into several sub-columns, so a 100-unit elective
// pool stays a block instead of a 3,000-pixel column.

import Graph from 'graphology';
import { forEachNodeInTopologicalOrder, hasCycle } from 'graphology-dag';

/** What a graph view draws: generic, so learner and catalogue pages share one component. */
export type GraphNode = {
	id: string;
	label: string;
	/** Free text the view styles by (e.g. 'qualification', 'unit', 'group'). */
	kind: string;
	/** Framework level, shown in the label when present. */
	level?: string | null;
	/** Drawn emphasised (the page's subject, a learner's holding). */
	highlight?: boolean;
	/** Where the node's label links to; no link when absent. */
	href?: string | null;
	/** Longer description for screen readers and the tooltip. */
	description?: string | null;
};

export type GraphEdge = {
	source: string;
	target: string;
	/** Free text the view styles by (e.g. 'member', 'prerequisite'). */
	kind?: string;
};

export type PlacedNode = GraphNode & {
	x: number;
	y: number;
	layer: number;
	/** Position within the layer, 0-based (keyboard navigation moves along it). */
	order: number;
};

export type PlacedEdge = GraphEdge & { x1: number; y1: number; x2: number; y2: number };

export type GraphLayout = {
	nodes: PlacedNode[];
	edges: PlacedEdge[];
	/** Node ids per layer, in drawing order. */
	layers: string[][];
	width: number;
	height: number;
	/** Edges left out because they closed a cycle (drawn nowhere; the caller may report them). */
	cycleEdges: GraphEdge[];
};

export type LayoutOptions = {
	/** Horizontal distance between columns. */
	columnGap?: number;
	/** Vertical distance between nodes in a column. */
	rowGap?: number;
	/** Nodes per column before a layer wraps into another column. */
	maxPerColumn?: number;
	/** Space kept around the drawing. */
	margin?: number;
};

/**
 * Each node's topological generation, from graphology-dag. Its Kahn walk reports every node it
 * reaches with its generation (the longest path from a source) before it finds a cycle; nodes it
 * never reaches sit on a cycle or after one. Those go after everything else and their edges are set
 * aside (the stacking catalogue rejects cycles at import, but a view must not hang on bad input).
 */
export function layerNodes(
	nodes: readonly GraphNode[],
	edges: readonly GraphEdge[]
): { layer: Map<string, number>; acyclic: GraphEdge[]; cycleEdges: GraphEdge[] } {
	const graph = new Graph({ type: 'directed', allowSelfLoops: false });
	for (const n of nodes) graph.mergeNode(n.id);
	const valid = edges.filter(
		(e) => graph.hasNode(e.source) && graph.hasNode(e.target) && e.source !== e.target
	);
	for (const e of valid) graph.mergeEdge(e.source, e.target);
	const layer = new Map<string, number>();
	try {
		forEachNodeInTopologicalOrder(graph, (id, _, generation) => layer.set(id, generation));
	} catch (error) {
		if (!hasCycle(graph)) throw error;
	}
	const seen = new Set(layer.keys());
	const cycleEdges = valid.filter((e) => !seen.has(e.source) || !seen.has(e.target));
	const maxLayer = Math.max(-1, ...layer.values());
	for (const n of nodes) if (!seen.has(n.id)) layer.set(n.id, maxLayer + 1);
	const acyclic = valid.filter((e) => seen.has(e.source) && seen.has(e.target));
	return { layer, acyclic, cycleEdges };
}

export function layoutGraph(
	nodes: readonly GraphNode[],
	edges: readonly GraphEdge[],
	{ columnGap = 220, rowGap = 34, maxPerColumn = 24, margin = 24 }: LayoutOptions = {}
): GraphLayout {
	if (nodes.length === 0) return { nodes: [], edges: [], layers: [], width: 0, height: 0, cycleEdges: [] };
	const { layer, acyclic, cycleEdges } = layerNodes(nodes, edges);
	const layerCount = Math.max(...layer.values()) + 1;
	const inputOrder = new Map(nodes.map((n, i) => [n.id, i]));
	const layers: string[][] = Array.from({ length: layerCount }, () => []);
	for (const n of nodes) layers[layer.get(n.id)!].push(n.id);

	// Barycentre ordering, right to left: the last layer keeps the caller's order (the page's
	// subject first), each earlier layer sorts by where its successors sit.
	const successors = new Map<string, string[]>();
	for (const e of acyclic)
		(successors.get(e.source) ?? successors.set(e.source, []).get(e.source)!).push(e.target);
	const position = new Map<string, number>();
	layers[layerCount - 1].forEach((id, i) => position.set(id, i));
	for (let l = layerCount - 2; l >= 0; l--) {
		const key = (id: string) => {
			const placed = (successors.get(id) ?? []).filter((s) => position.has(s));
			return placed.length
				? placed.reduce((sum, s) => sum + position.get(s)!, 0) / placed.length
				: Number.POSITIVE_INFINITY;
		};
		const keys = new Map(layers[l].map((id) => [id, key(id)]));
		layers[l].sort((a, b) => keys.get(a)! - keys.get(b)! || inputOrder.get(a)! - inputOrder.get(b)!);
		layers[l].forEach((id, i) => position.set(id, i));
	}

	// Columns: a layer of k nodes takes ceil(k / maxPerColumn) sub-columns, filled top to bottom.
	const perColumn = Math.max(1, maxPerColumn);
	const subColumnGap = columnGap * 0.9;
	const rowsUsed = Math.min(perColumn, Math.max(...layers.map((ids) => ids.length)));
	const height = margin * 2 + Math.max(0, rowsUsed - 1) * rowGap;
	const byId = new Map(nodes.map((n) => [n.id, n]));
	const placed = new Map<string, PlacedNode>();
	let x = margin;
	layers.forEach((ids, l) => {
		const columns = Math.max(1, Math.ceil(ids.length / perColumn));
		const rows = Math.ceil(ids.length / columns);
		// Centre shorter columns vertically against the tallest one.
		const top = margin + ((rowsUsed - rows) * rowGap) / 2;
		ids.forEach((id, i) => {
			const column = Math.floor(i / rows);
			placed.set(id, {
				...byId.get(id)!,
				x: x + column * subColumnGap,
				y: top + (i % rows) * rowGap,
				layer: l,
				order: i
			});
		});
		x += (columns - 1) * subColumnGap + columnGap;
	});
	const width = x - columnGap + margin;
	const placedNodes = layers.flat().map((id) => placed.get(id)!);
	const placedEdges = acyclic.map((e) => {
		const s = placed.get(e.source)!;
		const t = placed.get(e.target)!;
		return { ...e, x1: s.x, y1: s.y, x2: t.x, y2: t.y };
	});
	return { nodes: placedNodes, edges: placedEdges, layers, width, height, cycleEdges };
}

/**
 * Where arrow keys move from a node: up/down along its layer, left/right to the nearest node of
 * the neighbouring layer (by vertical distance), so every node is reachable from any other.
 */
export function neighbourInDirection(
	layout: Pick<GraphLayout, 'nodes' | 'layers'>,
	fromId: string,
	direction: 'up' | 'down' | 'left' | 'right' | 'first' | 'last'
): string | undefined {
	const byId = new Map(layout.nodes.map((n) => [n.id, n]));
	const from = byId.get(fromId);
	if (!from) return layout.nodes[0]?.id;
	const ids = layout.layers[from.layer];
	if (direction === 'first') return layout.nodes[0]?.id;
	if (direction === 'last') return layout.nodes.at(-1)?.id;
	if (direction === 'up') return ids[from.order - 1];
	if (direction === 'down') return ids[from.order + 1];
	const step = direction === 'left' ? -1 : 1;
	for (let l = from.layer + step; l >= 0 && l < layout.layers.length; l += step) {
		const candidates = layout.layers[l];
		if (!candidates.length) continue;
		let best = candidates[0];
		for (const id of candidates) {
			const n = byId.get(id)!;
			const b = byId.get(best)!;
			if (
				Math.abs(n.y - from.y) + Math.abs(n.x - from.x) / 10 <
				Math.abs(b.y - from.y) + Math.abs(b.x - from.x) / 10
			)
				best = id;
		}
		return best;
	}
	return undefined;
}
