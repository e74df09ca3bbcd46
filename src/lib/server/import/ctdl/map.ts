// CTDL → catalogue rows: credentials (and their providers and skills), requirement groups and
// prerequisites.
//
//   Credential classes (Certificate, BachelorDegree, Certification, Badge …), LearningProgram,
//   Course and Assessment → credentials; kind by class (degree-level/diploma/certificate/licence/
//   program → macro; certification/badge/micro-credential → micro; course/assessment → unit).
//   creditValue (ValueProfile) → credits and credit unit; deliveryType → participation mode;
//   estimatedDuration → workload hours; teaches → skills; ownedBy/offeredBy → provider.
//   Pathway components: a CourseComponent/CredentialComponent/AssessmentComponent stands for the
//   resource it is a `proxyFor` (else for itself). Structural components (BasicComponent,
//   SelectionComponent, MultiComponent) are not credentials: reached from a condition they become
//   a nested group (their own conditions, or all of their children).
//   ComponentCondition → a requirement group on the component's credential: requiredNumber n of
//   targetComponent (`n_of`, or `all` when n covers every member), `min_credits` when the
//   condition states a credit value, nested conditions → child groups (parentGroupId), an `Or`
//   operator without a number → one of the nested groups. Constraints (minimum grades …) cannot
//   be expressed as counts and are kept in `unparsed`.
//   hasPart (LearningProgram, Course, credential) → a group, rule all, of the parts.
//   ConditionProfile `requires` / `isRequiredFor` / `isPreparationFor` / `preparationFrom` with
//   target credentials, learning opportunities or assessments → prerequisites; a requirement
//   stated only in prose → `unparsed`.
// A reference to a resource the file does not describe (another registry record, a placeholder
// such as "(and 14 more)") is reported as a warning. It is dropped from an n-of group that can
// still be met without it; a rule that needs it (all, or n above what is left) is not loaded
// and its sentence goes to `unparsed` instead — a wrong count is worse than an honest gap.
import type {
	Credential,
	CredentialKind,
	CredentialSkill,
	ParticipationMode,
	Prerequisite,
	Provider,
	RequirementGroup,
	RequirementRule
} from '../../../domain/types.ts';
import { countryCode } from '../country.ts';
import { durationHours } from '../duration.ts';
import { num, str, text } from '../json/index.ts';
import type { ImportIssue, ImportRow } from '../records.ts';
import { first, refs, values, type CtdlGraph, type CtdlNode } from './graph.ts';

const MACRO = new Set([
	'ApprenticeshipCertificate',
	'AssociateDegree',
	'AssociateOfAppliedArtsDegree',
	'AssociateOfAppliedScienceDegree',
	'AssociateOfArtsDegree',
	'AssociateOfScienceDegree',
	'BachelorDegree',
	'BachelorOfArtsDegree',
	'BachelorOfScienceDegree',
	'Certificate',
	'Degree',
	'Diploma',
	'DoctoralDegree',
	'GeneralEducationDevelopment',
	'JourneymanCertificate',
	'License',
	'MasterCertificate',
	'MasterDegree',
	'MasterOfArtsDegree',
	'MasterOfScienceDegree',
	'ProfessionalDoctorate',
	'ResearchDoctorate',
	'SecondarySchoolDiploma',
	'LearningProgram',
	'Program',
	'ProfessionalCertificate',
	'AcademicCertificate'
]);
const MICRO = new Set([
	'Badge',
	'DigitalBadge',
	'OpenBadge',
	'MicroCredential',
	'Certification',
	'CertificateOfCompletion',
	'CertificateOfParticipation',
	'Credential',
	'QualityAssuranceCredential',
	'BasicCredential'
]);
const UNIT = new Set(['Course', 'AssessmentProfile', 'Assessment', 'LearningOpportunityProfile']);
const PROXY_COMPONENTS = new Set(['CourseComponent', 'CredentialComponent', 'AssessmentComponent']);
const STRUCTURAL_COMPONENTS = new Set(['BasicComponent', 'SelectionComponent', 'MultiComponent', 'Basic']);
const ORGANISATIONS = new Set([
	'Organization',
	'CredentialOrganization',
	'QACredentialOrganization',
	'Organisation'
]);

/** The kind of credential a CTDL class names (BachelorDegree → macro, DigitalBadge → micro …). */
export function kindOfClasses(types: readonly string[]): CredentialKind | null {
	for (const t of types) if (MACRO.has(t)) return 'macro';
	for (const t of types) if (MICRO.has(t)) return 'micro';
	for (const t of types) if (UNIT.has(t)) return 'unit';
	return null;
}

export const kindOf = (node: CtdlNode): CredentialKind | null => kindOfClasses(node.types);

const isProxyComponent = (n: CtdlNode) => n.types.some((t) => PROXY_COMPONENTS.has(t));
const isStructural = (n: CtdlNode) => n.types.some((t) => STRUCTURAL_COMPONENTS.has(t));

export type DocRows = { rows: ImportRow[]; warnings: ImportIssue[] };

export class CtdlMapper {
	private readonly out = new Map<number, DocRows>();
	private readonly credentials = new Map<string, Credential>();
	private readonly providers = new Set<string>();
	private readonly groupIds = new Set<string>();
	private readonly prerequisites = new Set<string>();

	constructor(
		private readonly graph: CtdlGraph,
		private readonly file: string
	) {}

	private bucket(doc: number): DocRows {
		let b = this.out.get(doc);
		if (!b) this.out.set(doc, (b = { rows: [], warnings: [] }));
		return b;
	}

	private warn(doc: number, path: string, message: string) {
		this.bucket(doc).warnings.push({ file: this.file, path, message });
	}

	private note(credentialId: string, sentence: string) {
		const c = this.credentials.get(credentialId);
		if (c && !(c.unparsed ?? []).includes(sentence)) c.unparsed = [...(c.unparsed ?? []), sentence];
	}

	/** Maps the whole graph; rows come back per document. */
	map(): Map<number, DocRows> {
		const nodes = [...this.graph.nodes.values()];
		for (const node of nodes) if (kindOf(node)) this.credentialOf(node);
		for (const node of nodes) if (isProxyComponent(node)) this.componentCredentials(node);
		for (const node of nodes) {
			const targets = kindOf(node)
				? [node.id]
				: isProxyComponent(node)
					? this.componentCredentials(node)
					: [];
			if (targets.length === 0) continue;
			values(node, 'hasCondition').forEach((c, i) => {
				for (const target of targets)
					this.conditionGroup(c, target, null, `${node.id}#condition[${i}]`, i, node.doc);
			});
			for (const target of targets) {
				this.partsGroup(node, target);
				this.conditionProfiles(node, target);
			}
			for (const prior of refs(node, 'prerequisite'))
				for (const req of this.credentialIdsOf(prior, node.doc, `prerequisite of ${node.id}`))
					for (const target of targets) this.prerequisite(target, req, node.doc);
		}
		for (const c of this.credentials.values()) {
			const doc = this.graph.get(this.originOf.get(c.id))?.doc ?? 0;
			this.bucket(doc).rows.unshift({ table: 'credentials', row: c });
		}
		return this.out;
	}

	private readonly originOf = new Map<string, string>();

	/** The credential row for a credential-like node (made once). */
	private credentialOf(node: CtdlNode, fallbackKind?: CredentialKind): Credential {
		const existing = this.credentials.get(node.id);
		if (existing) return existing;
		const unparsed: string[] = [];
		const { credits, creditSystem } = this.creditsOf(node);
		const duration = values(node, 'estimatedDuration').map((d) => this.graph.get(d as string) ?? d);
		let workloadHours: number | null = null;
		for (const d of duration) {
			const raw =
				typeof d === 'object' && d && 'props' in d ? first(d as CtdlNode, 'exactDuration') : undefined;
			if (raw === undefined) continue;
			const h = durationHours(raw);
			if (h !== undefined) workloadHours = h;
			else unparsed.push(`estimated duration ${String(raw)} is not a number of hours; not converted`);
		}
		const credential: Credential = {
			id: node.id,
			providerId: this.providerOf(node),
			title:
				text(first(node, 'name')) ??
				str(first(node, 'codedNotation')) ??
				str(first(node, 'courseCode')) ??
				node.id,
			kind: kindOf(node) ?? fallbackKind ?? 'unit',
			levelFramework: null,
			level: null,
			workloadHours,
			credits,
			creditSystem,
			assessed: null,
			assessmentType: null,
			participationMode: participationMode(refs(node, 'deliveryType')),
			qualityAssured: refs(node, 'accreditedBy').length > 0 ? true : null,
			description: [...new Set(values(node, 'description').map(text).filter(Boolean))].join('\n') || null,
			learningOutcomes: null,
			validFrom: null,
			validTo: null,
			unparsed: unparsed.length ? unparsed : null,
			origin: 'real'
		};
		this.credentials.set(node.id, credential);
		this.originOf.set(node.id, node.id);
		const skills = new Map<string, CredentialSkill>();
		for (const uri of refs(node, 'teaches')) {
			const comp = this.graph.get(uri);
			if (/^[a-z][\w+.-]*:/i.test(uri) && !skills.has(uri))
				skills.set(uri, {
					credentialId: node.id,
					skillUri: uri,
					label: text(first(comp, 'competencyLabel')) ?? text(first(comp, 'name')) ?? null
				});
		}
		for (const s of skills.values()) this.bucket(node.doc).rows.push({ table: 'credential_skills', row: s });
		return credential;
	}

	private creditsOf(node: CtdlNode): { credits: number | null; creditSystem: string | null } {
		for (const v of values(node, 'creditValue')) {
			const profile = typeof v === 'string' ? this.graph.get(v) : undefined;
			const amount = profile ? num(first(profile, 'value')) : num(v);
			if (amount === undefined) continue;
			const unit = profile
				? (refs(profile, 'creditUnitType')[0] ?? text(first(profile, 'creditUnitTypeDescription')))
				: undefined;
			return { credits: amount, creditSystem: unit ? unitName(unit) : null };
		}
		const legacy = num(first(node, 'creditHourValue'));
		if (legacy !== undefined) return { credits: legacy, creditSystem: 'credit hours' };
		return { credits: null, creditSystem: null };
	}

	private providerOf(node: CtdlNode): string | null {
		for (const ref of [...refs(node, 'ownedBy'), ...refs(node, 'offeredBy')]) {
			const org = this.graph.get(ref);
			if (!org) continue;
			if (org.types.length > 0 && !org.types.some((t) => ORGANISATIONS.has(t))) continue;
			const name = text(first(org, 'name'));
			if (!name) continue;
			if (!this.providers.has(org.id)) {
				this.providers.add(org.id);
				const address = this.graph.get(refs(org, 'address')[0]);
				const provider: Provider = {
					id: org.id,
					name,
					kind: null,
					country: countryCode(first(address, 'addressCountry')),
					qaApproach: null,
					accredited: refs(org, 'accreditedBy').length > 0 ? true : null,
					origin: 'real'
				};
				this.bucket(org.doc).rows.unshift({ table: 'providers', row: provider });
			}
			return org.id;
		}
		return null;
	}

	/** The credentials a pathway component stands for (its proxyFor targets, else itself). */
	private componentCredentials(component: CtdlNode): string[] {
		const proxied = refs(component, 'proxyFor');
		if (proxied.length === 0) {
			const kind: CredentialKind = component.types.includes('CredentialComponent') ? 'macro' : 'unit';
			return [this.credentialOf(component, kind).id];
		}
		return proxied.map((id) => {
			const target = this.graph.get(id);
			if (target && kindOf(target)) return this.credentialOf(target).id;
			// The proxied resource is described elsewhere (another file, the registry): the
			// component's own name and credits describe it until that record is imported.
			const existing = this.credentials.get(id);
			if (existing) return id;
			const made = this.credentialOf(
				{ ...component, id },
				component.types.includes('CredentialComponent') ? 'macro' : 'unit'
			);
			this.originOf.set(id, component.id);
			made.unparsed = [
				...(made.unparsed ?? []),
				`described by pathway component ${component.id}; the resource itself is not in this file`
			];
			return id;
		});
	}

	/**
	 * The credential ids a reference counts as, for a group member or a prerequisite; empty (with
	 * a warning) when the file does not describe it as a credential.
	 */
	private credentialIdsOf(ref: string, doc: number, where: string): string[] {
		const node = this.graph.get(ref);
		if (!node) {
			this.warn(doc, where, `${ref} is not described in this file`);
			return [];
		}
		if (kindOf(node)) return [this.credentialOf(node).id];
		if (isProxyComponent(node)) return this.componentCredentials(node);
		this.warn(
			doc,
			where,
			`${ref} (${node.types.join(', ') || 'untyped'}) is not a credential, course or assessment`
		);
		return [];
	}

	private conditionGroup(
		conditionRef: unknown,
		target: string,
		parent: string | null,
		idBase: string,
		position: number,
		doc: number,
		depth = 0
	): string | null {
		const condition = typeof conditionRef === 'string' ? this.graph.get(conditionRef) : undefined;
		if (!condition || depth > 16) {
			this.warn(doc, idBase, `condition ${String(conditionRef)} is not described in this file`);
			return null;
		}
		const id = `ctdl:${target}#${condition.blank ? idBase : condition.id}`;
		if (this.groupIds.has(id)) return id;
		const label = text(first(condition, 'name')) ?? text(first(condition, 'description')) ?? null;
		const explicitN =
			num(first(condition, 'requiredNumber')) ??
			(str(first(condition, 'leftOperand')) === 'reqNum' ? num(first(condition, 'rightOperand')) : undefined);
		const targets = refs(condition, 'targetComponent');
		const members: string[] = [];
		const childGroups: (() => string | null)[] = [];
		let dangling = 0;
		for (const ref of targets) {
			const node = this.graph.get(ref);
			if (node && isStructural(node)) {
				childGroups.push(() => this.structuralGroup(node, target, id, `${idBase}/${ref}`, doc, depth + 1));
				continue;
			}
			const ids = this.credentialIdsOf(ref, doc, `${idBase} (${label ?? 'condition'})`);
			if (ids.length === 0) dangling++;
			for (const m of ids) if (!members.includes(m)) members.push(m);
		}
		const nested = values(condition, 'hasCondition');
		const operator = (
			refs(condition, 'logicalOperator')[0] ??
			str(first(condition, 'logicalOperand')) ??
			''
		).toLowerCase();
		const credit = this.creditsOf(condition).credits;
		const count = members.length + childGroups.length + nested.length;
		const { rule, n } = conditionRule({ credit, explicitN, operator, count, dangling });
		const sentence = `${label ?? 'condition'}: ${rule === 'min_credits' ? `${credit} credits from` : explicitN !== undefined ? `${explicitN} of` : rule === 'n_of' ? `${n} of` : 'all of'} ${targets.length + nested.length} components`;
		if (dangling > 0 && (rule !== 'n_of' || (n ?? 0) > count)) {
			this.note(target, `${sentence} — not loaded: ${dangling} component(s) are not described in this file`);
			return null;
		}
		if (count === 0) {
			this.note(target, `${sentence} — not loaded: no component of it could be read`);
			return null;
		}
		if (values(condition, 'hasConstraint').length > 0)
			this.note(
				target,
				`${label ?? 'condition'}: its constraints (grades, resits …) are not expressed as requirement counts`
			);

		const group: RequirementGroup = {
			id,
			targetCredentialId: target,
			parentGroupId: parent,
			rule,
			n,
			minCredits: rule === 'min_credits' ? credit : null,
			label,
			position,
			members
		};
		this.groupIds.add(id);
		this.bucket(doc).rows.push({ table: 'requirement_groups', row: group });
		childGroups.forEach((make) => make());
		nested.forEach((c, i) => this.conditionGroup(c, target, id, `${idBase}[${i}]`, i, doc, depth + 1));
		return id;
	}

	/** A structural component reached from a condition: its own conditions, else all its children. */
	private structuralGroup(
		node: CtdlNode,
		target: string,
		parent: string,
		idBase: string,
		doc: number,
		depth: number
	): string | null {
		const conditions = values(node, 'hasCondition');
		if (conditions.length === 1)
			return this.conditionGroup(conditions[0], target, parent, idBase, 0, doc, depth);
		const id = `ctdl:${target}#${node.blank ? idBase : node.id}`;
		if (this.groupIds.has(id)) return id;
		const members: string[] = [];
		if (conditions.length === 0)
			for (const child of refs(node, 'hasChild'))
				for (const m of this.credentialIdsOf(child, doc, `${node.id} hasChild`)) members.push(m);
		const group: RequirementGroup = {
			id,
			targetCredentialId: target,
			parentGroupId: parent,
			rule: 'all',
			n: null,
			minCredits: null,
			label: text(first(node, 'name')) ?? null,
			position: 0,
			members
		};
		this.groupIds.add(id);
		this.bucket(doc).rows.push({ table: 'requirement_groups', row: group });
		conditions.forEach((c, i) => this.conditionGroup(c, target, id, `${idBase}[${i}]`, i, doc, depth + 1));
		return id;
	}

	private partsGroup(node: CtdlNode, target: string) {
		const parts = refs(node, 'hasPart');
		if (parts.length === 0 || isStructural(node)) return;
		const members: string[] = [];
		let dangling = 0;
		for (const ref of parts) {
			const ids = this.credentialIdsOf(ref, node.doc, `${node.id} hasPart`);
			if (ids.length === 0) dangling++;
			members.push(...ids.filter((m) => m !== target && !members.includes(m)));
		}
		if (dangling > 0) {
			this.note(
				target,
				`has ${parts.length} parts, all required — not loaded as a rule: ${dangling} part(s) are not described in this file`
			);
			return;
		}
		if (members.length === 0) return;
		const id = `ctdl:${target}#hasPart`;
		if (this.groupIds.has(id)) return;
		this.groupIds.add(id);
		const group: RequirementGroup = {
			id,
			targetCredentialId: target,
			parentGroupId: null,
			rule: 'all',
			n: null,
			minCredits: null,
			label: 'hasPart',
			position: 0,
			members
		};
		this.bucket(node.doc).rows.push({ table: 'requirement_groups', row: group });
	}

	private conditionProfiles(node: CtdlNode, target: string) {
		const targetsOf = (profileRef: unknown) => {
			const profile = typeof profileRef === 'string' ? this.graph.get(profileRef) : undefined;
			const ids = ['targetCredential', 'targetLearningOpportunity', 'targetAssessment'].flatMap((p) =>
				refs(profile, p)
			);
			return { profile, ids };
		};
		const link = (property: string, forward: boolean) => {
			for (const ref of values(node, property)) {
				const { profile, ids } = targetsOf(ref);
				const direct = profile ? [] : typeof ref === 'string' ? [ref] : [];
				const all = [...ids, ...direct];
				if (all.length === 0) {
					const prose = text(first(profile, 'description')) ?? text(first(profile, 'name'));
					if (prose && property === 'requires') this.note(target, `requires: ${prose}`);
					continue;
				}
				for (const other of all)
					for (const otherId of this.credentialIdsOf(other, node.doc, `${node.id} ${property}`))
						if (forward) this.prerequisite(target, otherId, node.doc);
						else this.prerequisite(otherId, target, node.doc);
			}
		};
		link('requires', true);
		link('preparationFrom', true);
		link('isRequiredFor', false);
		link('isPreparationFor', false);
	}

	private prerequisite(credentialId: string, requiredId: string, doc: number) {
		if (credentialId === requiredId) return;
		const key = `${credentialId}\u0001${requiredId}`;
		if (this.prerequisites.has(key)) return;
		this.prerequisites.add(key);
		const row: Prerequisite = { credentialId, requiredId };
		this.bucket(doc).rows.push({ table: 'prerequisites', row });
	}
}

function unitName(ref: string): string {
	const local = ref.replace(/\/+$/, '').split(/[/#:]/).pop() ?? ref;
	return local || ref;
}

function participationMode(types: string[]): ParticipationMode | null {
	const t = types.map((x) => x.toLowerCase());
	const online = t.some((x) => x.includes('online'));
	const onsite = t.some((x) => x.includes('inperson') || x.includes('onsite'));
	if (t.some((x) => x.includes('blended')) || (online && onsite)) return 'blended';
	if (online) return 'online';
	if (onsite) return 'onsite';
	return null;
}

/**
 * A condition's rule: credits when it states them; n_of its required number when fewer than its
 * components (counting the unreadable ones); one of them for an OR; else all.
 */
function conditionRule({
	credit,
	explicitN,
	operator,
	count,
	dangling
}: {
	credit: number | null;
	explicitN: number | undefined;
	operator: string;
	count: number;
	dangling: number;
}): { rule: RequirementRule; n: number | null } {
	if (credit !== null) return { rule: 'min_credits', n: null };
	if (explicitN !== undefined && explicitN < count + dangling) return { rule: 'n_of', n: explicitN };
	if (explicitN === undefined && /or$/.test(operator) && count > 1) return { rule: 'n_of', n: 1 };
	return { rule: 'all', n: null };
}
