// A Badgr pathway export: a tree of elements (`elementId`, `name`, `completionBadge`, `children`),
// each completed when its requirements are met:
//   childElementRequirements.countRule   all / atLeastN (+ requiredCount) of its children that are
//                                        `requiredForParentCompletion`
//   badgeRequirements.countRule          all / atLeastN of `requiredBadges` (badge URLs)
//   nonChildElementRequirements          the same over elements elsewhere in the tree (`elementIds`)
//   shortcutBadges                       any one of these completes the element instead
// Every part that asks for something must be met (atLeastN 0 asks for nothing). An element with a
// completion badge is that badge (a credential whose requirements are its own groups); one without
// is a nested group of its parent. Badges are identified by their URL; Badgr names only the
// elements, so a required badge is stored by its URL until another source names it.
// Reading taken: `allowCompletionBadgeShortcut: false` cannot be honoured — holding an element's
// completion badge always counts for it, since Badgr awards that badge when the element completes.
import {
	asArray,
	decodeText,
	isObject,
	parseJsonLimited,
	str,
	type JsonLimits,
	type JsonObject
} from '../json/index.ts';
import { ImportRefusal, type ImportIssue, type ParsedUnit } from '../records.ts';
import { pathwayRows, type PathwayCredential, type Requirement, type RequirementMember } from './tree.ts';

export function isBadgrPathway(doc: unknown): boolean {
	return asArray(doc).some(
		(d) => isObject(d) && typeof d.elementId === 'string' && ('requirements' in d || 'children' in d)
	);
}

/** The start of a file that holds a Badgr pathway export (for detection on a file's head). */
export const looksLikeBadgrPathway = (head: string) =>
	/^\s*[[{]/.test(head) &&
	/"elementId"\s*:/.test(head) &&
	/"(completionBadge|requirements|children)"\s*:/.test(head);

class Reader {
	readonly issues: ImportIssue[] = [];
	private readonly byId = new Map<string, JsonObject>();

	constructor(
		private readonly file: string,
		root: JsonObject
	) {
		const index = (el: JsonObject, depth: number) => {
			if (depth > 64) return;
			if (typeof el.elementId === 'string') this.byId.set(el.elementId, el);
			for (const c of asArray(el.children)) if (isObject(c)) index(c, depth + 1);
		};
		index(root, 0);
	}

	private issue(path: string, field: string, message: string) {
		this.issues.push({ file: this.file, path, field, message });
	}

	/** all → null; atLeastN → its requiredCount; anything else is an issue (undefined). */
	private count(rule: unknown, path: string): number | null | undefined {
		if (rule === undefined || rule === null) return null;
		const type = isObject(rule) ? str(rule['@type'] ?? rule.type) : undefined;
		if (type === 'all') return null;
		if (type === 'atLeastN') {
			const n = isObject(rule) ? rule.requiredCount : undefined;
			if (typeof n === 'number' && Number.isInteger(n) && n >= 0) return n;
			this.issue(
				path,
				'requiredCount',
				`atLeastN needs a whole number requiredCount (found ${JSON.stringify(n ?? null)})`
			);
			return undefined;
		}
		this.issue(path, '@type', `count rule ${JSON.stringify(type ?? rule)} is neither "all" nor "atLeastN"`);
		return undefined;
	}

	private badge(value: unknown): PathwayCredential | null {
		const url = isObject(value) ? str(value.badgeUrl) : str(value);
		return url ? { id: url, title: null, kind: 'micro', requirements: [] } : null;
	}

	/** What an element stands for inside its parent: its completion badge, or a nested group. */
	member(el: JsonObject, path: string, depth = 0): RequirementMember | null {
		const requirements = this.requirements(el, path, depth);
		const badge = this.badge(el.completionBadge);
		const name = str(el.name) ?? null;
		if (badge)
			return {
				credential: { ...badge, title: name, description: str(el.description) ?? null, requirements }
			};
		if (requirements.length === 0) return null;
		if (requirements.length === 1) return { group: { ...requirements[0], label: name } };
		return { group: { label: name, n: null, members: requirements.map((r) => ({ group: r })) } };
	}

	/** The parts of an element's completion, each a requirement that must be met. */
	requirements(el: JsonObject, path: string, depth = 0): Requirement[] {
		if (depth > 32) {
			this.issue(path, 'children', 'pathway nested deeper than 32 elements');
			return [];
		}
		const r = isObject(el.requirements) ? el.requirements : {};
		const at = `${path}.requirements`;
		const label = str(el.name) ?? null;
		const out: Requirement[] = [];
		const add = (n: number | null | undefined, members: (RequirementMember | null)[]) => {
			const present = members.filter((m): m is RequirementMember => m !== null);
			if (n === undefined || n === 0 || present.length === 0) return;
			out.push({ label, n, members: present });
		};

		const child = isObject(r.childElementRequirements) ? r.childElementRequirements : {};
		const children = asArray(el.children)
			.map((c, i) => ({ c, i }))
			.filter(({ c }) => isObject(c) && (c as JsonObject).requiredForParentCompletion !== false);
		add(
			this.count(child.countRule, `${at}.childElementRequirements.countRule`),
			children.map(({ c, i }) => this.member(c as JsonObject, `${path}.children[${i}]`, depth + 1))
		);

		const badges = isObject(r.badgeRequirements) ? r.badgeRequirements : {};
		add(
			this.count(badges.countRule, `${at}.badgeRequirements.countRule`),
			asArray(badges.requiredBadges).map((b) => {
				const c = this.badge(b);
				return c ? { credential: c } : null;
			})
		);

		const others = isObject(r.nonChildElementRequirements) ? r.nonChildElementRequirements : {};
		const ids = asArray(others.elementIds).filter((id): id is string => typeof id === 'string');
		add(
			this.count(others.countRule, `${at}.nonChildElementRequirements.countRule`),
			ids.map((id) => {
				const other = this.byId.get(id);
				if (!other) {
					this.issue(
						`${at}.nonChildElementRequirements`,
						'elementIds',
						`element ${id} is not in this pathway`
					);
					return null;
				}
				return this.member(other, `element ${id}`, depth + 1);
			})
		);

		const shortcuts = asArray(r.shortcutBadges)
			.map((b) => this.badge(b))
			.filter((b): b is PathwayCredential => b !== null);
		if (shortcuts.length === 0 || out.length === 0) return out;
		// Any shortcut badge completes the element instead of its requirements.
		const normal: RequirementMember =
			out.length === 1
				? { group: out[0] }
				: { group: { label, n: null, members: out.map((g) => ({ group: g })) } };
		return [{ label, n: 1, members: [...shortcuts.map((credential) => ({ credential })), normal] }];
	}
}

export type BadgrInput = { file: string; bytes: Uint8Array; limits?: JsonLimits };

/** One unit per pathway in the file (a single export, or an array of them). */
export async function* parseBadgrPathway(input: BadgrInput): AsyncGenerator<ParsedUnit> {
	const { file } = input;
	const doc = parseJsonLimited(decodeText(input.bytes, file).trim(), file, input.limits);
	if (!isBadgrPathway(doc))
		throw new ImportRefusal([
			{ file, message: 'not a Badgr pathway export (no element with elementId and requirements)' }
		]);
	for (const [i, root] of asArray(doc).entries()) {
		const path = Array.isArray(doc) ? `$[${i}]` : '$';
		if (!isObject(root) || typeof root.elementId !== 'string') {
			yield {
				kind: 'rejected',
				at: { file, path },
				issues: [{ file, path, message: 'not a pathway element (no elementId)' }]
			};
			continue;
		}
		const reader = new Reader(file, root);
		const badgeUrl = isObject(root.completionBadge) ? str(root.completionBadge.badgeUrl) : undefined;
		const qualification: PathwayCredential = {
			id: badgeUrl ?? `badgr-pathway:${root.elementId}`,
			title: str(root.name) ?? null,
			kind: 'macro',
			description: str(root.description) ?? null,
			requirements: reader.requirements(root, path)
		};
		if (reader.issues.length > 0) {
			yield { kind: 'rejected', at: { file, path }, issues: reader.issues };
			continue;
		}
		const { rows, warnings } = pathwayRows({ qualification }, { file, path });
		yield { kind: 'rows', at: { file, path }, rows, ...(warnings.length ? { warnings } : {}) };
	}
}
