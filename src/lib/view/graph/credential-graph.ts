// One credential's neighbourhood in the stacking graph, as nodes and edges for GraphView: a
// qualification with its requirement groups, their members (units or other qualifications) and
// the prerequisites among them; a unit with the qualifications it counts toward, what it requires
// first and what it is recognised as. Edges point the way credit flows: member → group → target.
import type { CredentialKind, Origin } from '$lib/domain/types.ts';
import type { GraphEdge, GraphNode } from './layout.ts';
import { m } from '$lib/paraglide/messages.js';
import { requirementTree, type RequirementInput, type RequirementNode } from '$lib/domain/stacking/index.ts';

export type CredentialFacts = {
	id: string;
	title: string;
	kind: CredentialKind;
	level: string | null;
	/** Has requirement groups of its own (a qualification learners complete by stacking). */
	stackable: boolean;
	origin: Origin;
};

export type CredentialGraphInput = {
	subject: {
		id: string;
		requirements: RequirementInput[];
		prerequisites: string[];
		recognisedAs: string[];
		countsToward: string[];
	};
	/** Facts for every id the subject names (missing ids are still drawn, by id). */
	credentials: Record<string, CredentialFacts>;
	/** Prerequisites among the credentials drawn (required before credentialId). */
	prerequisites: { credentialId: string; requiredId: string }[];
};

export const catalogueHref = (id: string) => `/catalogue/${encodeURIComponent(id)}`;

/** The legend's words per node kind, in the reader's language (a function: called at render). */
export const kindLabels = (): Record<string, string> => ({
	qualification: m.graph_kind_qualification(),
	unit: m.graph_kind_unit(),
	group: m.graph_kind_group()
});

export function credentialGraph({ subject, credentials, prerequisites }: CredentialGraphInput): {
	nodes: GraphNode[];
	edges: GraphEdge[];
} {
	const nodes = new Map<string, GraphNode>();
	const edges: GraphEdge[] = [];
	const addCredential = (id: string, highlight = false) => {
		if (nodes.has(id)) return;
		const c = credentials[id];
		const kind = c?.stackable || c?.kind === 'macro' ? 'qualification' : 'unit';
		const generated = c?.origin === 'generated' ? `, ${m.graph_generated_data()}` : '';
		const level = c?.level ? `, ${m.graph_level({ level: c.level })}` : '';
		nodes.set(id, {
			id,
			label: c ? `${id} ${c.title}` : id,
			kind,
			level: c?.level ?? null,
			highlight,
			href: catalogueHref(id),
			description: `${c ? `${id} ${c.title}` : id}${level} (${kindLabels()[kind]}${generated})`
		});
	};
	addCredential(subject.id, true);
	const addGroup = (g: RequirementNode, target: string) => {
		const id = `group:${g.id}`;
		const label = g.label ?? g.id;
		nodes.set(id, {
			id,
			label: `${g.rule_text} · ${label}`,
			kind: 'group',
			level: null,
			// rule_text is the requirement tree's own wording (src/lib/domain/stacking), in English.
			description: m.graph_group_description({ label, rule: g.rule_text })
		});
		edges.push({ source: id, target, kind: 'member' });
		for (const child of g.children) addGroup(child, id);
		for (const m of g.members) {
			addCredential(m);
			edges.push({ source: m, target: id, kind: 'member' });
		}
	};
	for (const g of requirementTree(subject.requirements)) addGroup(g, subject.id);
	for (const q of subject.countsToward) {
		addCredential(q);
		edges.push({ source: subject.id, target: q, kind: 'member' });
	}
	for (const r of subject.recognisedAs) {
		addCredential(r);
		edges.push({ source: subject.id, target: r, kind: 'recognition' });
	}
	for (const p of subject.prerequisites) {
		addCredential(p);
		edges.push({ source: p, target: subject.id, kind: 'prerequisite' });
	}
	for (const p of prerequisites) {
		if (p.credentialId === subject.id) continue;
		if (!nodes.has(p.credentialId) || !nodes.has(p.requiredId)) continue;
		edges.push({ source: p.requiredId, target: p.credentialId, kind: 'prerequisite' });
	}
	return { nodes: [...nodes.values()], edges };
}
