// CLR 2.0 ClrCredential → rows: the CLR issuer → provider, its achievements → credentials, its
// associations → stacking rules, its subject → learner. The awards are the nested credentials
// (credentialSubject.verifiableCredential), each read as its own unit by the parser.
//
// Associations (CLR 2.0 AssociationType):
//   isParentOf(s, t), isChildOf(t, s), isPartOf(t, s), exactRequirementOf(t, s)
//       → t counts toward s: one requirement group per parent, rule `all`, members = its children
//   precedes(s, t)  → s is a prerequisite of t
//   isPeerOf, isRelatedTo, replacedBy → not stacking rules; noted in the parent's `unparsed`
import { makeGroup } from '../../../domain/stacking/index.ts';
import type { Credential, Prerequisite } from '../../../domain/types.ts';
import { asArray, isObject, str, type JsonObject } from '../json/index.ts';
import type { ImportIssue, ImportRow } from '../records.ts';
import { fromSubject, learnerRow } from './learner.ts';
import { credentialFromAchievement, providerFromProfile, type MapContext } from './ob3.ts';

export type ClrMapped = { rows: ImportRow[]; warnings: ImportIssue[] };

/** Child → parent direction of each hierarchical association type. */
const PARENT_OF: Record<string, 'source' | 'target'> = {
	isParentOf: 'source',
	isChildOf: 'target',
	isPartOf: 'target',
	exactRequirementOf: 'target'
};

export function mapClrCatalogue({
	clr,
	ctx,
	knownIds
}: {
	clr: JsonObject;
	ctx: MapContext;
	knownIds: Set<string>;
}): ClrMapped {
	const rows: ImportRow[] = [];
	const warnings: ImportIssue[] = [];
	const subject = isObject(clr.credentialSubject) ? clr.credentialSubject : {};
	const issuer = providerFromProfile(clr.issuer);
	if (issuer) rows.push({ table: 'providers', row: issuer });
	const providers = new Set(issuer ? [issuer.id] : []);

	const credentials = new Map<string, Credential>();
	for (const a of asArray(subject.achievement)) {
		if (!isObject(a) || !str(a.id)) continue;
		const { credential, skills, creator } = credentialFromAchievement(a, issuer?.id ?? null);
		if (creator && !providers.has(creator.id)) {
			providers.add(creator.id);
			rows.push({ table: 'providers', row: creator });
		}
		credentials.set(credential.id, credential);
		rows.push({ table: 'credentials', row: credential });
		for (const s of skills) rows.push({ table: 'credential_skills', row: s });
	}

	const { children, prerequisites } = readAssociations({ subject, credentials, knownIds, ctx, warnings });
	for (const [parent, members] of children) {
		const group = makeGroup({
			id: `clr:${parent}#parts`,
			targetCredentialId: parent,
			rule: 'all',
			label: 'CLR associations (isParentOf / isChildOf / isPartOf / exactRequirementOf)',
			members
		});
		rows.push({ table: 'requirement_groups', row: group });
	}
	for (const p of prerequisites) rows.push({ table: 'prerequisites', row: p });

	const recipient = fromSubject(subject);
	if (recipient) rows.push({ table: 'learners', row: learnerRow(recipient) });
	return { rows, warnings };
}

/**
 * The CLR's associations: parent → children (isParentOf, isChildOf, isPartOf, exactRequirementOf),
 * prerequisites (precedes); other kinds become a note on the source credential.
 */
function readAssociations({
	subject,
	credentials,
	knownIds,
	ctx,
	warnings
}: {
	subject: JsonObject;
	credentials: Map<string, Credential>;
	knownIds: Set<string>;
	ctx: MapContext;
	warnings: ImportIssue[];
}): { children: Map<string, string[]>; prerequisites: Prerequisite[] } {
	const children = new Map<string, string[]>();
	const prerequisites: Prerequisite[] = [];
	for (const [i, as] of asArray(subject.association).entries()) {
		if (!isObject(as)) continue;
		const type = str(as.associationType) ?? '';
		const source = str(as.sourceId);
		const target = str(as.targetId);
		const path = `${ctx.path}.credentialSubject.association[${i}]`;
		if (!source || !target) continue;
		const missing = [source, target].filter((id) => !credentials.has(id) && !knownIds.has(id));
		if (missing.length > 0) {
			warnings.push({
				file: ctx.file,
				path,
				message: `${type} association names ${missing.join(', ')}, which this CLR does not describe; skipped`
			});
			continue;
		}
		const parentSide = PARENT_OF[type];
		if (parentSide) {
			const parent = parentSide === 'source' ? source : target;
			const child = parentSide === 'source' ? target : source;
			const list = children.get(parent) ?? [];
			if (!list.includes(child)) list.push(child);
			children.set(parent, list);
		} else if (type === 'precedes') {
			prerequisites.push({ credentialId: target, requiredId: source });
		} else {
			const owner = credentials.get(source);
			if (owner)
				owner.unparsed = [
					...(owner.unparsed ?? []),
					`CLR association ${type} → ${target} is not a stacking rule; kept as a note`
				];
		}
	}
	return { children, prerequisites };
}
