// The stacking graph: credentials and requirement groups as nodes; "counts toward" edges from a
// member to its group and from a group to its parent group or target; prerequisite edges from the
// required credential to the one that needs it; recognition (credit-transfer) edges.
//
// Stacking and prerequisite edges must form a DAG: a qualification that (through its groups or
// prerequisites) requires itself can never be achieved, so the build refuses it and names the
// cycle. Recognition edges are left out of that check: two credentials recognised as each other
// is ordinary credit transfer, not a contradiction.
//
// Levels follow graphology-dag's topologicalGenerations over credentials only (a member sits one
// level below its target, a prerequisite one level below what needs it): level 0 holds what
// nothing feeds into.
import Graph from 'graphology';
import { hasCycle, topologicalGenerations } from 'graphology-dag';
import type { Credential, RequirementGroup } from '../types.ts';
import type { Catalogue } from './catalogue.ts';

export type CredentialNode = {
	type: 'credential';
	title: string;
	kind: Credential['kind'];
	level: string | null;
	levelFramework: string | null;
	workloadHours: number | null;
	credits: number | null;
	providerId: string | null;
	/** Topological generation among credentials. */
	generation: number;
};
export type GroupNode = {
	type: 'group';
	target: string;
	rule: RequirementGroup['rule'];
	n: number | null;
	minCredits: number | null;
	label: string | null;
};
/** One edge per ordered pair; a recognition between a credential and its prerequisite keeps type 'prerequisite' and sets `recognition`. */
export type StackingEdge = {
	type: 'member' | 'group' | 'prerequisite' | 'recognition';
	recognition?: boolean;
};
export type StackingGraph = Graph<CredentialNode | GroupNode, StackingEdge>;

/** Group node keys live apart from credential ids. */
export const groupKey = (id: string) => `group:${id}`;

export class StackingCycleError extends Error {
	readonly path: string[];
	constructor(path: string[]) {
		super(`stacking: cycle in prerequisites or stacking rules: ${path.join(' → ')}`);
		this.name = 'StackingCycleError';
		this.path = path;
	}
}

export function buildStackingGraph({ catalogue }: { catalogue: Catalogue }): {
	graph: StackingGraph;
	generations: string[][];
} {
	// A simple graph: multi-graphs cost several times more to build at catalogue scale.
	const graph: StackingGraph = new Graph({ type: 'directed', multi: false, allowSelfLoops: true });
	const missing = (id: string, where: string) => {
		throw new Error(`stacking: ${where} names unknown credential ${id}`);
	};
	for (const c of catalogue.credentials)
		graph.mergeNode(c.id, {
			type: 'credential',
			title: c.title,
			kind: c.kind,
			level: c.level,
			levelFramework: c.levelFramework,
			workloadHours: c.workloadHours,
			credits: c.credits,
			providerId: c.providerId,
			generation: 0
		});
	const groups = new Map(catalogue.groups.map((g) => [g.id, g]));
	for (const g of catalogue.groups) {
		if (!graph.hasNode(g.targetCredentialId)) missing(g.targetCredentialId, `group ${g.id}`);
		graph.mergeNode(groupKey(g.id), {
			type: 'group',
			target: g.targetCredentialId,
			rule: g.rule,
			n: g.n,
			minCredits: g.minCredits,
			label: g.label
		});
	}
	for (const g of catalogue.groups) {
		for (const m of g.members) {
			if (!graph.hasNode(m)) missing(m, `group ${g.id}`);
			graph.mergeDirectedEdge(m, groupKey(g.id), { type: 'member' });
		}
		if (g.parentGroupId && !groups.has(g.parentGroupId))
			throw new Error(`stacking: group ${g.id} names unknown parent ${g.parentGroupId}`);
		graph.addDirectedEdge(
			groupKey(g.id),
			g.parentGroupId ? groupKey(g.parentGroupId) : g.targetCredentialId,
			{ type: 'group' }
		);
	}
	for (const p of catalogue.prerequisites) {
		if (!graph.hasNode(p.credentialId)) missing(p.credentialId, 'a prerequisite');
		if (!graph.hasNode(p.requiredId)) missing(p.requiredId, `the prerequisite of ${p.credentialId}`);
		graph.mergeDirectedEdge(p.requiredId, p.credentialId, { type: 'prerequisite' });
	}
	// Recognition edges come after the checks: they are not part of the DAG.
	if (hasCycle(graph)) throw new StackingCycleError(findCycle(graph));

	// Credential-only projection for levels: member → target (through any depth of groups), required → requirer.
	const projection = new Graph({ type: 'directed' });
	graph.forEachNode((node, a) => {
		if (a.type === 'credential') projection.addNode(node);
	});
	const targetOf = (groupNode: string): string => {
		const a = graph.getNodeAttributes(groupNode) as GroupNode;
		return a.target;
	};
	graph.forEachEdge((_, a, source, target) => {
		if (a.type === 'member') projection.mergeEdge(source, targetOf(target));
		else if (a.type === 'prerequisite') projection.mergeEdge(source, target);
	});
	const generations = topologicalGenerations(projection);
	generations.forEach((nodes, generation) =>
		nodes.forEach((n) => graph.updateNodeAttributes(n, (a) => ({ ...a, generation }) as CredentialNode))
	);
	for (const r of catalogue.recognitions) {
		if (!graph.hasNode(r.credentialId)) missing(r.credentialId, 'a recognition');
		if (!graph.hasNode(r.recognisedAsId)) missing(r.recognisedAsId, `the recognition of ${r.credentialId}`);
		const edge = graph.edge(r.credentialId, r.recognisedAsId);
		if (edge) graph.setEdgeAttribute(edge, 'recognition', true);
		else graph.addDirectedEdge(r.credentialId, r.recognisedAsId, { type: 'recognition' });
	}
	return { graph, generations };
}

/** A cycle in a graph known to have one, as the path of node keys that closes it (iterative DFS). */
export function findCycle(graph: Graph): string[] {
	const state = new Map<string, 1 | 2>(); // 1 on the stack, 2 done
	for (const start of graph.nodes()) {
		if (state.has(start)) continue;
		const stack: Array<{ node: string; next: string[] }> = [{ node: start, next: graph.outNeighbors(start) }];
		state.set(start, 1);
		while (stack.length) {
			const top = stack[stack.length - 1];
			const n = top.next.pop();
			if (n === undefined) {
				state.set(top.node, 2);
				stack.pop();
				continue;
			}
			const s = state.get(n);
			if (s === 1) {
				const path = stack.map((f) => f.node);
				return [...path.slice(path.indexOf(n)), n];
			}
			if (s === undefined) {
				state.set(n, 1);
				stack.push({ node: n, next: graph.outNeighbors(n) });
			}
		}
	}
	return [];
}
