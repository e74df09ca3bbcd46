// The learner's pathway as a graph (its holdings on the graph): their nearest qualifications,
// the credentials they hold that count toward each, and the next steps of each shortest plan.
// Pure: the page lays it out with layoutGraph and GraphView draws it.
import type { GraphEdge, GraphNode } from '../../view/graph/layout.ts';
import { m } from '$lib/paraglide/messages.js';
import { percentText } from './progress-rows.ts';

export type PathwayGraphInput = {
	/** Reachable qualifications with their share complete and the learner's credentials counted. */
	qualifications: { target: string; title: string; share: number; achieved: boolean; counted: string[] }[];
	/** Each qualification's planned credentials (the shortest way to finish), when there is a plan. */
	plans: Map<string, string[]>;
	titles: Record<string, string>;
	/** At most this many qualifications, nearest to complete first (achieved ones after). */
	limit?: number;
};

export function pathwayGraph({ qualifications, plans, titles, limit = 4 }: PathwayGraphInput): {
	nodes: GraphNode[];
	edges: GraphEdge[];
} {
	const chosen = [...qualifications]
		.sort(
			(a, b) =>
				Number(a.achieved) - Number(b.achieved) || b.share - a.share || a.target.localeCompare(b.target)
		)
		.slice(0, limit);
	const nodes = new Map<string, GraphNode>();
	const edges: GraphEdge[] = [];
	const title = (id: string) => titles[id] ?? id;
	for (const q of chosen) {
		for (const id of q.counted) {
			if (!nodes.has(id))
				nodes.set(id, {
					id,
					label: title(id),
					kind: 'held',
					highlight: true,
					href: `/catalogue/${encodeURIComponent(id)}`,
					description: m.learner_graph_held({ title: title(id) })
				});
			edges.push({ source: id, target: q.target, kind: 'member' });
		}
		for (const id of q.achieved ? [] : (plans.get(q.target) ?? [])) {
			if (!nodes.has(id))
				nodes.set(id, {
					id,
					label: title(id),
					kind: 'next step',
					href: `/catalogue/${encodeURIComponent(id)}`,
					description: m.learner_graph_next({ title: title(id) })
				});
			edges.push({ source: id, target: q.target, kind: 'member' });
		}
	}
	for (const q of chosen)
		nodes.set(q.target, {
			id: q.target,
			label: q.title,
			kind: 'qualification',
			href: `/catalogue/${encodeURIComponent(q.target)}`,
			description: q.achieved
				? m.learner_graph_achieved({ title: q.title })
				: m.learner_graph_percent({ title: q.title, percent: percentText(q.share) })
		});
	return { nodes: [...nodes.values()], edges };
}
