// Pathways as institutions keep them (a Badgr pathway export, Credential Engine's bulk-upload
// CSV) read into one tree, then into catalogue rows: credentials and requirement groups.
//
// A node that stands for a credential (a completion badge, a CredentialComponent) becomes a
// credential; when it has requirements they become requirement groups with it as the target,
// and it counts in its parent as the credential itself (holding it completes that part). A node
// that stands for no credential (a Badgr element without a completion badge, a BasicComponent)
// is a nested group of its parent. The pathway's completion badge, or its destination component,
// is the qualification.
//
// Group ids depend on the target and the names of the nested groups only, not on the form they
// came in, so the same pathway from Badgr and from the CSV gives the same rows, and importing the
// other form changes nothing.
import type { CredentialKind, RequirementGroup } from '../../../domain/types.ts';
import { requirementTree, type RequirementNode, makeGroup } from '../../../domain/stacking/index.ts';
import { credentialRow, type ImportIssue, type ImportRow } from '../records.ts';

export type PathwayCredential = {
	id: string;
	/** Null when the source gives no name (a Badgr required badge is only a URL). */
	title: string | null;
	kind: CredentialKind;
	description?: string | null;
	requirements: Requirement[];
};

export type Requirement = {
	label: string | null;
	/** null: all of the members. */
	n: number | null;
	members: RequirementMember[];
};

export type RequirementMember = { credential: PathwayCredential } | { group: Requirement };

export type Pathway = { qualification: PathwayCredential };

type Built = { rows: ImportRow[]; warnings: ImportIssue[] };

/** An id part from a label: its words, lower-cased ("French 2040/2050" → "french-2040-2050"). */
const slug = (label: string | null, fallback: string) =>
	(label ?? '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, '-')
		.replace(/^-|-$/g, '') || fallback;

/** The rows being built from one pathway, and the credentials already met. */
type Tree = {
	at: { file: string; path?: string; line?: number };
	rows: ImportRow[];
	warnings: ImportIssue[];
	credentials: Map<string, PathwayCredential>;
	targets: Set<string>;
};

export function pathwayRows(pathway: Pathway, at: { file: string; path?: string; line?: number }): Built {
	const tree: Tree = { at, rows: [], warnings: [], credentials: new Map(), targets: new Set() };
	visit(tree, pathway.qualification);

	const credentialRows: ImportRow[] = [...tree.credentials.values()].map((c) => {
		const row = credentialRow({
			id: c.id,
			title: c.title ?? c.id,
			kind: c.kind,
			description: c.description ?? null
		});
		// A badge known only by its URL is stored when missing, never over a name another source gave.
		return c.title ? { table: 'credentials', row } : { table: 'credentials', row, mentioned: true };
	});
	return { rows: [...credentialRows, ...tree.rows], warnings: tree.warnings };
}

function addCredential({ credentials }: Tree, c: PathwayCredential): void {
	const seen = credentials.get(c.id);
	if (!seen) credentials.set(c.id, c);
	else if (!seen.title && c.title)
		credentials.set(c.id, { ...seen, title: c.title, description: c.description });
}

/** A credential, and the groups of its requirements the first time it is met as a target. */
function visit(tree: Tree, c: PathwayCredential): void {
	addCredential(tree, c);
	if (tree.targets.has(c.id)) return;
	const requirements = c.requirements.filter((r) => r.members.length > 0 && r.n !== 0);
	if (requirements.length === 0) return;
	tree.targets.add(c.id);
	// A target's only requirement needs no label of its own: the target's title names it.
	requirements.forEach((r, i) =>
		group(
			tree,
			requirements.length > 1 ? r : { ...r, label: null },
			c.id,
			`pathway:${c.id}${requirements.length > 1 ? `#${slug(r.label, `requirement-${i + 1}`)}` : ''}`,
			null,
			i
		)
	);
}

/** A requirement as a group (after its member credentials' own groups), then its nested groups. */
function group(
	tree: Tree,
	req: Requirement,
	target: string,
	id: string,
	parent: string | null,
	position: number
): void {
	const members: string[] = [];
	const nested: { req: Requirement; id: string }[] = [];
	const used = new Set<string>();
	for (const [i, m] of req.members.entries()) {
		if ('credential' in m) {
			visit(tree, m.credential);
			if (!members.includes(m.credential.id)) members.push(m.credential.id);
		} else {
			let part = slug(m.group.label, `group-${i + 1}`);
			for (let k = 2; used.has(part); k++) part = `${slug(m.group.label, `group-${i + 1}`)}-${k}`;
			used.add(part);
			nested.push({ req: m.group, id: `${id}/${part}` });
		}
	}
	const size = members.length + nested.length;
	const n = req.n === null || req.n >= size ? null : req.n;
	if (req.n !== null && req.n > size)
		tree.warnings.push({
			...tree.at,
			message: `"${req.label ?? 'requirement'}" asks for ${req.n} of ${size} options; read as all of them`
		});
	const row = makeGroup({
		id,
		targetCredentialId: target,
		parentGroupId: parent,
		rule: n === null ? 'all' : 'n_of',
		n,
		label: req.label,
		position,
		members
	});
	tree.rows.push({ table: 'requirement_groups', row });
	nested.forEach((c, i) => group(tree, c.req, target, c.id, id, i));
}

type ComparableNode = { label: string | null; rule: string; members: string[]; children: ComparableNode[] };

/**
 * The requirement tree of every target in `groups`, without ids or order: what two forms of one
 * pathway must agree on (a Badgr export and its bulk-upload CSV).
 */
export function comparableTrees(groups: readonly RequirementGroup[]): Record<string, ComparableNode[]> {
	const byTarget = new Map<string, RequirementGroup[]>();
	for (const g of groups)
		byTarget.set(g.targetCredentialId, [...(byTarget.get(g.targetCredentialId) ?? []), g]);
	const strip = (node: RequirementNode): ComparableNode => ({
		label: node.label,
		rule: node.rule_text,
		members: [...node.members].sort(),
		children: node.children.map(strip).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
	});
	const out: Record<string, ComparableNode[]> = {};
	for (const [target, list] of [...byTarget].sort(([a], [b]) => a.localeCompare(b)))
		out[target] = requirementTree(list.map((g) => ({ ...g, parent: g.parentGroupId })))
			.map(strip)
			.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
	return out;
}
