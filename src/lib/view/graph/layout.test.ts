import { describe, expect, it } from 'vitest';
import { layerNodes, layoutGraph, neighbourInDirection, type GraphEdge, type GraphNode } from './layout.ts';

const node = (id: string, kind = 'unit'): GraphNode => ({ id, label: id, kind });

describe('layoutGraph', () => {
	it('lays out an empty graph as nothing', () => {
		expect(layoutGraph([], [])).toEqual({
			nodes: [],
			edges: [],
			layers: [],
			width: 0,
			height: 0,
			cycleEdges: []
		});
	});

	it('puts a single node inside the margin', () => {
		const layout = layoutGraph([node('a')], [], { margin: 10 });
		expect(layout.nodes).toMatchObject([{ id: 'a', x: 10, y: 10, layer: 0, order: 0 }]);
		expect(layout.width).toBe(20);
		expect(layout.height).toBe(20);
	});

	it('layers by longest path: members, then groups, then the qualification', () => {
		const nodes = [
			node('Q', 'qualification'),
			node('core', 'group'),
			node('elec', 'group'),
			node('u1'),
			node('u2'),
			node('u3')
		];
		const edges: GraphEdge[] = [
			{ source: 'u1', target: 'core' },
			{ source: 'u2', target: 'elec' },
			{ source: 'u3', target: 'elec' },
			{ source: 'core', target: 'Q' },
			{ source: 'elec', target: 'Q' },
			// A prerequisite inside the units pushes u3 one layer right, and its group with it.
			{ source: 'u1', target: 'u3', kind: 'prerequisite' }
		];
		const layout = layoutGraph(nodes, edges);
		const at = Object.fromEntries(layout.nodes.map((n) => [n.id, n.layer]));
		expect(at).toEqual({ u1: 0, u2: 0, u3: 1, core: 1, elec: 2, Q: 3 });
		expect(layout.layers.at(-1)).toEqual(['Q']);
		// Columns run left to right in layer order.
		const x = Object.fromEntries(layout.nodes.map((n) => [n.id, n.x]));
		expect(x.u1).toBeLessThan(x.core);
		expect(x.core).toBeLessThan(x.elec);
		expect(x.elec).toBeLessThan(x.Q);
		// Every edge is drawn from its source's position to its target's.
		for (const e of layout.edges) {
			const s = layout.nodes.find((n) => n.id === e.source)!;
			const t = layout.nodes.find((n) => n.id === e.target)!;
			expect([e.x1, e.y1, e.x2, e.y2]).toEqual([s.x, s.y, t.x, t.y]);
		}
	});

	it('orders a layer by where its successors sit (fewer crossings)', () => {
		const nodes = [node('Q'), node('g1'), node('g2'), node('b'), node('a')];
		const edges: GraphEdge[] = [
			{ source: 'g1', target: 'Q' },
			{ source: 'g2', target: 'Q' },
			{ source: 'a', target: 'g1' },
			{ source: 'b', target: 'g2' }
		];
		const layout = layoutGraph(nodes, edges);
		expect(layout.layers[1]).toEqual(['g1', 'g2']);
		expect(layout.layers[0]).toEqual(['a', 'b']);
	});

	it('wraps a large layer into sub-columns instead of one tall column', () => {
		const units = Array.from({ length: 50 }, (_, i) => node(`u${i}`));
		const edges = units.map((u) => ({ source: u.id, target: 'Q' }));
		const layout = layoutGraph([node('Q'), ...units], edges, { maxPerColumn: 20, rowGap: 10, margin: 0 });
		const xs = new Set(layout.nodes.filter((n) => n.layer === 0).map((n) => n.x));
		expect(xs.size).toBe(3);
		expect(layout.height).toBe(19 * 10);
		expect(Math.max(...layout.nodes.map((n) => n.y))).toBeLessThanOrEqual(layout.height);
		expect(Math.max(...layout.nodes.map((n) => n.x))).toBeLessThanOrEqual(layout.width);
	});

	it('sets cycle edges aside instead of hanging, and ignores edges to unknown nodes', () => {
		const nodes = [node('a'), node('b'), node('c')];
		const edges: GraphEdge[] = [
			{ source: 'a', target: 'b' },
			{ source: 'b', target: 'c' },
			{ source: 'c', target: 'b' },
			{ source: 'a', target: 'missing' }
		];
		const { layer, acyclic, cycleEdges } = layerNodes(nodes, edges);
		expect(layer.get('a')).toBe(0);
		expect(acyclic).toEqual([]);
		expect(cycleEdges).toHaveLength(3);
		const layout = layoutGraph(nodes, edges);
		expect(layout.nodes).toHaveLength(3);
		expect(layout.edges).toHaveLength(0);
	});

	it('is deterministic', () => {
		const nodes = Array.from({ length: 30 }, (_, i) => node(`n${i}`));
		const edges = nodes.slice(1).map((n, i) => ({ source: nodes[i % 7].id, target: n.id }));
		expect(layoutGraph(nodes, edges)).toEqual(layoutGraph(nodes, edges));
	});
});

describe('neighbourInDirection', () => {
	const layout = layoutGraph(
		[node('Q'), node('g'), node('u1'), node('u2'), node('u3')],
		[
			{ source: 'g', target: 'Q' },
			{ source: 'u1', target: 'g' },
			{ source: 'u2', target: 'g' },
			{ source: 'u3', target: 'g' }
		]
	);
	it('moves along a layer and across layers', () => {
		expect(neighbourInDirection(layout, 'u1', 'down')).toBe('u2');
		expect(neighbourInDirection(layout, 'u1', 'up')).toBeUndefined();
		expect(neighbourInDirection(layout, 'u2', 'right')).toBe('g');
		expect(neighbourInDirection(layout, 'g', 'right')).toBe('Q');
		expect(neighbourInDirection(layout, 'Q', 'right')).toBeUndefined();
		// Left from the group lands on the unit level with it (the middle one).
		expect(neighbourInDirection(layout, 'g', 'left')).toBe('u2');
		expect(neighbourInDirection(layout, 'g', 'first')).toBe(layout.nodes[0].id);
		expect(neighbourInDirection(layout, 'g', 'last')).toBe('Q');
	});
	it('starts at the first node from an unknown id and returns nothing on an empty graph', () => {
		expect(neighbourInDirection(layout, 'nope', 'down')).toBe(layout.nodes[0].id);
		expect(neighbourInDirection(layoutGraph([], []), 'x', 'down')).toBeUndefined();
	});
});
