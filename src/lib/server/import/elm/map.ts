// European Learning Model v3 (European Digital Credentials) → rows.
//
// A credential's subject (a Person) holds claims (`hasClaim`): LearningAchievement,
// LearningActivity, LearningAssessment, LearningEntitlement, each `specifiedBy` a specification
// (Qualification, LearningAchievementSpecification, LearningActivitySpecification …) that holds
// the EU micro-credential Annex 1 elements. Mapping:
//   awardingBody (Organisation) → provider: legal name, country (ISO alpha-2), accreditation
//   specification → credential: title; EQF level (levelFramework 'EQF') or else the NQF label;
//     creditPoint → credits + creditSystem ('ECTS' for the European Credit Transfer System);
//     volumeOfLearning / workload (hours) → workloadHours; learningOutcome titles →
//     learningOutcomes and their ESCO (and other) skills → credential_skills; mode → participation
//     mode; provenBy (assessment) → assessed + assessment type; accreditation → quality assured
//   kind: a LearningActivity claim → participation; a part of another claim (hasPart) → unit;
//     an achievement of ≥ 60 ECTS (a full-time year) or a full Qualification without credits →
//     macro; otherwise micro.
//   hasPart / isPartOf → a requirement group (rule all) on the parent
//   the claim → an award (issued on the awarding date) and, when the learning period is given
//     (temporal / influencedBy.temporal), a completed enrolment.
// ELM identifiers such as urn:epass:qualification:1 are local to one document (every sample uses
// them), so such ids are replaced by ids derived from the awarding body and title.
import type {
	Credential,
	CredentialKind,
	CredentialSkill,
	Enrolment,
	Learner,
	ParticipationMode,
	Provider
} from '../../../domain/types.ts';
import { makeGroup } from '../../../domain/stacking/index.ts';
import { countryCode } from '../country.ts';
import { calendarDate } from '../dates.ts';
import { durationHours } from '../duration.ts';
import { derivedId, sha256Hex } from '../ids.ts';
import { documentLearner, verifiedAward } from '../document-rows.ts';
import { asArray, isObject, num, str, text, typesOf, type JsonObject } from '../json/index.ts';
import type { ImportIssue, ImportRow } from '../records.ts';
import type { VerificationOutcome } from '../verify/index.ts';

/** Ids that are meaningful beyond the document: http(s) URIs and other non-epass URNs. */
function globalId(id: string | undefined): string | undefined {
	if (!id) return undefined;
	return /^urn:epass:/i.test(id) ? undefined : id;
}

const label = (concept: unknown) =>
	isObject(concept) ? (text(concept.prefLabel) ?? text(concept.title)) : undefined;

function providerOf(org: JsonObject): Provider {
	const name =
		text(org.legalName) ?? text(org.prefLabel) ?? text(org.altLabel) ?? str(org.id) ?? 'unnamed organisation';
	const address = asArray(asArray(org.location).find(isObject)?.address).find(isObject);
	const registration = [
		org.registration,
		org.eIDASIdentifier,
		org['eIDAS\u0399dentifier'],
		org.vatIdentifier
	].find(isObject);
	const country =
		countryCode(isObject(address?.countryCode) ? str(address.countryCode.id) : undefined) ??
		countryCode(isObject(registration?.spatial) ? str(registration.spatial.id) : undefined);
	return {
		id:
			globalId(str(org.id)) ??
			derivedId('elm-org', name, country, registration ? str(registration.notation) : undefined),
		name,
		kind: null,
		country,
		qaApproach: null,
		accredited: asArray(org.accreditation).length > 0 ? true : null,
		origin: 'real'
	};
}

function participationMode(concept: unknown): ParticipationMode | null {
	const l = label(concept)?.toLowerCase() ?? '';
	if (l.includes('blended') || l.includes('hybrid')) return 'blended';
	if (l.includes('online') || l.includes('distance') || l.includes('e-learning')) return 'online';
	if (
		l.includes('face') ||
		l.includes('person') ||
		l.includes('onsite') ||
		l.includes('on-site') ||
		l.includes('classroom')
	)
		return 'onsite';
	return null;
}

function credits(spec: JsonObject): { credits: number | null; creditSystem: string | null } {
	for (const cp of asArray(spec.creditPoint)) {
		if (!isObject(cp)) continue;
		const points = num(cp.point);
		if (points === undefined) continue;
		const framework =
			label(cp.framework) ?? (isObject(cp.framework) ? str(cp.framework.id) : undefined) ?? null;
		const ects =
			framework !== null &&
			/european credit transfer|ects|6fcec5c5af/i.test(
				framework + (isObject(cp.framework) ? (str(cp.framework.id) ?? '') : '')
			);
		return { credits: points, creditSystem: ects ? 'ECTS' : framework };
	}
	return { credits: null, creditSystem: null };
}

export type ElmMapped = { rows: ImportRow[]; warnings: ImportIssue[] } | { issues: ImportIssue[] };

type ClaimRecord = { claim: JsonObject; path: string; parentCredentialId?: string };

/** One ELM document being mapped: what it says once, and the rows its claims add up to. */
type ElmDocument = {
	file: string;
	outcome: VerificationOutcome;
	source: unknown;
	learner: Learner;
	issuerOrg: Provider | null;
	/** The document's own date, for claims without an awarding date. */
	credentialDate: string | undefined;
	expiresOn: string | null;
	docId: string;
	rows: ImportRow[];
	warnings: ImportIssue[];
	providers: Map<string, Provider>;
	credentials: Map<string, Credential>;
	/** Parent credential id → the ids of its parts. */
	groups: Map<string, string[]>;
};

export function mapElmCredential({
	credential,
	outcome,
	source,
	file,
	path
}: {
	credential: JsonObject;
	outcome: VerificationOutcome;
	source: unknown;
	file: string;
	path: string;
}): ElmMapped {
	const issue = (p: string, message: string): ElmMapped => ({
		issues: [{ file, path: path + p.slice(1), message }]
	});
	const subject = asArray(credential.credentialSubject).find(isObject);
	if (!subject) return issue('$.credentialSubject', 'is required');
	const claims = asArray(subject.hasClaim).filter(isObject);
	if (claims.length === 0)
		return issue('$.credentialSubject.hasClaim', 'holds no claim: nothing was achieved');

	const doc: ElmDocument = {
		file,
		outcome,
		source,
		learner: learnerOf(subject, credential),
		issuerOrg: isObject(credential.issuer) ? providerOf(credential.issuer) : null,
		credentialDate:
			calendarDate(credential.issued) ??
			calendarDate(credential.validFrom) ??
			calendarDate(credential.issuanceDate),
		expiresOn: calendarDate(credential.validUntil) ?? calendarDate(credential.expirationDate) ?? null,
		docId: str(credential.id) ?? 'sha256:' + sha256Hex(JSON.stringify(credential)),
		rows: [],
		warnings: [],
		providers: new Map(),
		credentials: new Map(),
		groups: new Map()
	};
	doc.rows.push({ table: 'learners', row: doc.learner });
	if (doc.issuerOrg) doc.providers.set(doc.issuerOrg.id, doc.issuerOrg);

	// Walk the claims and their parts (hasPart), depth first.
	const queue: ClaimRecord[] = claims.map((claim, i) => ({
		claim,
		path: `${path}.credentialSubject.hasClaim${claims.length > 1 ? `[${i}]` : ''}`
	}));
	const seenClaims = new Set<string>();
	for (let qi = 0; qi < queue.length && qi < 10_000; qi++) {
		const record = queue[qi];
		const claimKey = str(record.claim.id) ?? record.path;
		if (seenClaims.has(claimKey)) continue;
		seenClaims.add(claimKey);
		// The document is kept once, on the first award it yields.
		const parts = mapClaim(doc, record, qi === 0);
		if (parts === 'undated')
			return issue('$.issued', 'no awarding date, issued, validFrom or issuanceDate: the award has no date');
		queue.push(...parts);
	}
	return { rows: [...catalogueRows(doc), ...doc.rows], warnings: doc.warnings };
}

/** A claim's credential, enrolment and award; returns the parts (hasPart) still to walk. */
function mapClaim(
	doc: ElmDocument,
	{ claim, path: claimPath, parentCredentialId }: ClaimRecord,
	keepSource: boolean
): ClaimRecord[] | 'undated' {
	const mapped = credentialOfClaim(claim, parentCredentialId !== undefined, doc.issuerOrg);
	if (!mapped) {
		doc.warnings.push({
			file: doc.file,
			path: claimPath,
			message: 'claim without a title or specification; skipped'
		});
		return [];
	}
	const { credential: row, skills, provider } = mapped;
	if (provider && !doc.providers.has(provider.id)) doc.providers.set(provider.id, provider);
	if (!doc.credentials.has(row.id)) {
		doc.credentials.set(row.id, row);
		for (const s of skills) doc.rows.push({ table: 'credential_skills', row: s });
	}
	if (parentCredentialId) addPart(doc, parentCredentialId, row.id);

	const awarded = asArray(claim.awardedBy).find(isObject);
	const issuedOn = calendarDate(awarded?.awardingDate) ?? doc.credentialDate;
	if (!issuedOn) return 'undated';
	const awardId = `elm:${doc.docId}#${str(claim.id) ?? claimPath}`;
	const enrolment = enrolmentOf(doc, claim, { awardId, credentialId: row.id, issuedOn });
	if (enrolment) doc.rows.push({ table: 'enrolments', row: enrolment });
	const award = verifiedAward(
		{
			id: awardId,
			learnerId: doc.learner.id,
			credentialId: row.id,
			enrolmentId: enrolment?.id ?? null,
			issuedOn,
			expiresOn: doc.expiresOn,
			...(keepSource ? { source: doc.source } : {})
		},
		doc.outcome
	);
	doc.rows.push({ table: 'awards', row: award });
	linkSpecification(doc, claim, row.id, provider, claimPath);
	return asArray(claim.hasPart).flatMap((part, j) =>
		isObject(part) ? [{ claim: part, path: `${claimPath}.hasPart[${j}]`, parentCredentialId: row.id }] : []
	);
}

/** A completed enrolment, when the claim gives its learning period (temporal / influencedBy.temporal). */
function enrolmentOf(
	doc: ElmDocument,
	claim: JsonObject,
	{ awardId, credentialId, issuedOn }: { awardId: string; credentialId: string; issuedOn: string }
): Enrolment | null {
	const period = [
		claim.temporal,
		...asArray(claim.influencedBy).map((a) => (isObject(a) ? a.temporal : undefined))
	].find(isObject);
	const startedOn = period ? calendarDate(period.startDate) : undefined;
	if (!startedOn) return null;
	return {
		id: `${awardId}#enrolment`,
		learnerId: doc.learner.id,
		credentialId,
		cohort: null,
		startedOn,
		endedOn: calendarDate(period!.endDate) ?? issuedOn,
		status: 'completed',
		result:
			text(
				asArray(claim.provenBy)
					.map((p) => (isObject(p) ? p.grade : undefined))
					.find(Boolean)
			) ?? null
	};
}

function addPart(doc: ElmDocument, parentId: string, partId: string): void {
	doc.groups.set(parentId, [...new Set([...(doc.groups.get(parentId) ?? []), partId])]);
}

/** Specification-level parts that are not claims still say how the credential is built. */
function linkSpecification(
	doc: ElmDocument,
	claim: JsonObject,
	credentialId: string,
	provider: Provider | null,
	claimPath: string
): void {
	const spec = asArray(claim.specifiedBy).find(isObject);
	for (const part of asArray(spec?.hasPart)) {
		if (!isObject(part)) continue;
		const child = credentialOfSpec(part, true, provider ?? doc.issuerOrg);
		if (!child) continue;
		if (!doc.credentials.has(child.credential.id)) doc.credentials.set(child.credential.id, child.credential);
		addPart(doc, credentialId, child.credential.id);
	}
	for (const parent of asArray(spec?.isPartOf)) {
		const parentId = isObject(parent) ? globalId(str(parent.id)) : undefined;
		if (parentId && doc.credentials.has(parentId)) addPart(doc, parentId, credentialId);
		else if (parent)
			doc.warnings.push({
				file: doc.file,
				path: claimPath,
				message: `isPartOf ${idText(parent)} is not described in this credential; not linked`
			});
	}
}

/** Providers, credentials and their part groups: written before the rows that cite them. */
function catalogueRows(doc: ElmDocument): ImportRow[] {
	const out: ImportRow[] = [...doc.providers.values()].map(
		(row) => ({ table: 'providers', row }) as ImportRow
	);
	for (const c of doc.credentials.values()) out.push({ table: 'credentials', row: c });
	for (const [target, members] of doc.groups)
		out.push({
			table: 'requirement_groups',
			row: makeGroup({
				id: `elm:${target}#parts`,
				targetCredentialId: target,
				rule: 'all',
				label: 'ELM hasPart',
				members
			})
		});
	return out;
}

/** The specification of the learning activity a claim was influenced by (where the mode often is). */
function activitySpec(claim: JsonObject | undefined): JsonObject | undefined {
	const activity = asArray(claim?.influencedBy).find(isObject);
	return asArray(activity?.specifiedBy).find(isObject);
}

const idText = (v: unknown) => (isObject(v) ? (str(v.id) ?? '(unnamed)') : String(v));

function credentialOfClaim(claim: JsonObject, isPart: boolean, issuer: Provider | null) {
	const spec = asArray(claim.specifiedBy).find(isObject) ?? {};
	const awardingBody = asArray(asArray(claim.awardedBy).find(isObject)?.awardingBody).find(isObject);
	const provider = awardingBody ? providerOf(awardingBody) : issuer;
	const made = credentialOfSpec(
		{ ...spec, title: spec.title ?? claim.title, description: spec.description ?? claim.description },
		isPart,
		provider,
		claim
	);
	return made ? { ...made, provider } : null;
}

function credentialOfSpec(spec: JsonObject, isPart: boolean, provider: Provider | null, claim?: JsonObject) {
	const title = text(spec.title);
	if (!title) return null;
	const unparsed: string[] = [];
	const specTypes = typesOf(spec);
	const claimTypes = claim ? typesOf(claim) : [];
	const { credits: creditPoints, creditSystem } = credits(spec);
	const volume = spec.volumeOfLearning ?? claim?.workload ?? spec.workload;
	const hours = durationHours(volume);
	if (volume !== undefined && hours === undefined)
		unparsed.push(`volume of learning ${String(volume)} is not a number of hours; not converted`);
	const eqf = isObject(spec.eqfLevel)
		? (/\/eqf\/(\d)$/.exec(str(spec.eqfLevel.id) ?? '')?.[1] ?? label(spec.eqfLevel))
		: undefined;
	const nqf = label(asArray(spec.nqfLevel)[0]);
	let kind: CredentialKind;
	if (claimTypes.includes('LearningActivity') || specTypes.includes('LearningActivitySpecification'))
		kind = 'participation';
	else if (isPart || spec.isPartialQualification === true) kind = 'unit';
	else if (
		(creditSystem === 'ECTS' && creditPoints !== null && creditPoints >= 60) ||
		(specTypes.includes('Qualification') && creditPoints === null)
	)
		kind = 'macro';
	else kind = 'micro';
	const assessments = claim ? asArray(claim.provenBy).filter(isObject) : [];
	const assessmentType = assessments
		.map((a) => {
			const aspec = asArray(a.specifiedBy).find(isObject);
			return label(aspec?.dcType) ?? text(aspec?.title) ?? text(a.title);
		})
		.filter(Boolean)
		.join(', ');
	const outcomes = asArray(spec.learningOutcome).filter(isObject);
	const id =
		globalId(str(spec.id)) ??
		derivedId('elm', provider?.id, title, specTypes[0] ?? claimTypes[0] ?? 'Specification');
	const credential: Credential = {
		id,
		providerId: provider?.id ?? null,
		title,
		kind,
		levelFramework: eqf ? 'EQF' : nqf ? 'NQF' : null,
		level: eqf ?? nqf ?? null,
		workloadHours: hours ?? null,
		credits: creditPoints,
		creditSystem,
		assessed:
			assessments.length > 0 ? true : claim && typesOf(claim).includes('LearningActivity') ? false : null,
		assessmentType: assessmentType || null,
		participationMode: participationMode(spec.mode) ?? participationMode(activitySpec(claim)?.mode),
		qualityAssured: asArray(spec.accreditation).length > 0 ? true : null,
		description: text(spec.description) ?? null,
		learningOutcomes:
			outcomes.length > 0
				? outcomes.map((o) => text(o.title) ?? text(o.description)).filter((t): t is string => !!t)
				: null,
		validFrom: null,
		validTo: null,
		unparsed: unparsed.length > 0 ? unparsed : null,
		origin: 'real'
	};
	if (eqf && nqf)
		credential.description = [credential.description, `National framework level: ${nqf}`]
			.filter(Boolean)
			.join('\n');
	const skills = new Map<string, CredentialSkill>();
	for (const o of outcomes)
		for (const s of [...asArray(o.relatedESCOSkill), ...asArray(o.relatedSkill)]) {
			const uri = isObject(s) ? str(s.id) : str(s);
			if (uri && !skills.has(uri))
				skills.set(uri, { credentialId: id, skillUri: uri, label: label(s) ?? null });
		}
	return { credential, skills: [...skills.values()] };
}

/**
 * The learner, pseudonymous: keyed on the national ID, else the email, else the subject's
 * identifier in the issuer's scheme, else the subject id within this credential (ELM person ids
 * are local to a document). Only a hash is kept; names, birth date and email are not stored.
 */
function learnerOf(subject: JsonObject, credential: JsonObject): Learner {
	const nationalId = asArray(subject.nationalID).find(isObject);
	const email = asArray(subject.contactPoint)
		.flatMap((c) => (isObject(c) ? asArray(c.emailAddress) : []))
		.map((e) => (isObject(e) ? str(e.id) : str(e)))
		.find(Boolean);
	const identifier = asArray(subject.identifier).find(isObject);
	const issuer = isObject(credential.issuer) ? str(credential.issuer.id) : str(credential.issuer);
	const key =
		nationalId && str(nationalId.notation)
			? `nationalID:${isObject(nationalId.spatial) ? str(nationalId.spatial.id) : ''}:${str(nationalId.notation)}`
			: email
				? `email:${email.replace(/^mailto:/i, '').toLowerCase()}`
				: identifier && str(identifier.notation)
					? `identifier:${issuer ?? ''}:${str(identifier.schemeName) ?? ''}:${str(identifier.notation)}`
					: `local:${str(credential.id) ?? ''}:${str(subject.id) ?? ''}`;
	const identityHash = `sha256$${sha256Hex(key)}`;
	const gender = label(subject.gender)?.toLowerCase();
	return documentLearner({ prefix: 'elm', identity: identityHash, identityHash, gender });
}
