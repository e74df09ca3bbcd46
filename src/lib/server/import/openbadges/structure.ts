// Structural checks of Open Badges 3.0 / CLR 2.0 credentials: the parts of the 1EdTech JSON
// schemas that decide whether a document can be read as a credential at all (contexts, types
// of the credential and of its nested objects, issuer, dates). A failing document is rejected
// with the JSON path of each problem; it is not loaded as a record of achievement.
import { asArray, isObject, str, typesOf, type JsonObject } from '../json/index.ts';

export type StructureProblem = { path: string; message: string };

export const VC_CONTEXTS = ['https://www.w3.org/2018/credentials/v1', 'https://www.w3.org/ns/credentials/v2'];
const OB_CONTEXT =
	/^https:\/\/(purl\.imsglobal\.org\/spec\/(ob\/v3p0|clr\/v2p0)\/|imsglobal\.github\.io\/openbadges-specification\/|dc\.imsglobal\.org\/draft\/clr\/)/;

export type VcKind = 'ob3' | 'clr' | 'endorsement';

export function vcKind(credential: JsonObject): VcKind | null {
	const types = typesOf(credential);
	if (types.includes('ClrCredential')) return 'clr';
	if (types.includes('OpenBadgeCredential') || types.includes('AchievementCredential')) return 'ob3';
	if (types.includes('EndorsementCredential')) return 'endorsement';
	return null;
}

const SUBJECT_TYPE: Record<VcKind, string> = {
	ob3: 'AchievementSubject',
	clr: 'ClrSubject',
	endorsement: 'EndorsementSubject'
};

export function checkStructure(credential: JsonObject, { viaJwt = false } = {}): StructureProblem[] {
	const problems: StructureProblem[] = [];
	checkContexts(problems, credential, viaJwt);
	const types = typesOf(credential);
	const kind = vcKind(credential);
	if (!types.includes('VerifiableCredential'))
		need(problems, '$.type', 'must include "VerifiableCredential"');
	if (!kind)
		need(
			problems,
			'$.type',
			`must include OpenBadgeCredential, AchievementCredential, ClrCredential or EndorsementCredential (found ${JSON.stringify(types)})`
		);
	checkIssuer(problems, credential.issuer);
	if (!str(credential.validFrom) && !str(credential.issuanceDate) && !viaJwt)
		need(problems, '$.validFrom', 'is required (validFrom, or issuanceDate in VC 1.1)');
	typed(problems, credential.evidence, '$.evidence', 'Evidence');
	const subject = credential.credentialSubject;
	if (!isObject(subject)) need(problems, '$.credentialSubject', 'must be one object');
	else if (kind) checkSubject(problems, subject, kind);
	return problems;
}

function need(problems: StructureProblem[], path: string, message: string): void {
	problems.push({ path, message });
}

/** Each object in `value` (one or an array) must have `type`; a string is a reference by id. */
function typed(
	problems: StructureProblem[],
	value: unknown,
	path: string,
	type: string,
	required = false
): void {
	if (value === undefined || value === null) {
		if (required) need(problems, path, `is required`);
		return;
	}
	for (const [i, item] of asArray(value).entries()) {
		const at = Array.isArray(value) ? `${path}[${i}]` : path;
		if (typeof item === 'string') continue; // a reference by id
		if (!isObject(item)) need(problems, at, `must be an object`);
		else if (!typesOf(item).includes(type))
			need(problems, `${at}.type`, `must include "${type}" (found ${JSON.stringify(item.type ?? null)})`);
	}
}

function checkContexts(problems: StructureProblem[], credential: JsonObject, viaJwt: boolean): void {
	const contexts = asArray(credential['@context']);
	if (contexts.length === 0 && !viaJwt) need(problems, '$["@context"]', 'is required');
	else if (contexts.length > 0) {
		if (!VC_CONTEXTS.includes(contexts[0] as string))
			need(problems, '$["@context"][0]', `must be the W3C VC context (${VC_CONTEXTS.join(' or ')})`);
		if (!contexts.some((c) => typeof c === 'string' && OB_CONTEXT.test(c)))
			need(problems, '$["@context"]', 'must include an Open Badges 3.0 or CLR 2.0 context');
	}
}

function checkIssuer(problems: StructureProblem[], issuer: unknown): void {
	if (issuer === undefined || issuer === null) need(problems, '$.issuer', 'is required');
	else if (typeof issuer === 'string') {
		if (!/^[a-zA-Z][\w+.-]*:/.test(issuer)) need(problems, '$.issuer', 'must be a URI');
	} else if (!isObject(issuer) || !str(issuer.id)) need(problems, '$.issuer.id', 'is required');
	else {
		typed(problems, issuer, '$.issuer', 'Profile');
		typed(problems, issuer.otherIdentifier, '$.issuer.otherIdentifier', 'IdentifierEntry');
		typed(problems, issuer.parentOrg, '$.issuer.parentOrg', 'Profile');
		typed(problems, issuer.address, '$.issuer.address', 'Address');
	}
}

function checkSubject(problems: StructureProblem[], subject: JsonObject, kind: VcKind): void {
	typed(problems, subject, '$.credentialSubject', SUBJECT_TYPE[kind], true);
	typed(problems, subject.identifier, '$.credentialSubject.identifier', 'IdentityObject');
	typed(problems, subject.result, '$.credentialSubject.result', 'Result');
	typed(problems, subject.source, '$.credentialSubject.source', 'Profile');
	const achievements =
		kind === 'clr'
			? asArray(subject.achievement)
			: subject.achievement === undefined
				? []
				: [subject.achievement];
	for (const [i, a] of achievements.entries())
		checkAchievement(
			problems,
			a,
			kind === 'clr' ? `$.credentialSubject.achievement[${i}]` : '$.credentialSubject.achievement'
		);
	if (kind === 'clr')
		for (const [i, as] of asArray(subject.association).entries()) {
			const at = `$.credentialSubject.association[${i}]`;
			if (!isObject(as)) need(problems, at, 'must be an object');
			else {
				typed(problems, as, at, 'Association');
				if (!str(as.associationType)) need(problems, `${at}.associationType`, 'is required');
				if (!str(as.sourceId)) need(problems, `${at}.sourceId`, 'is required');
				if (!str(as.targetId)) need(problems, `${at}.targetId`, 'is required');
			}
		}
}

function checkAchievement(problems: StructureProblem[], a: unknown, at: string): void {
	if (!isObject(a)) {
		need(problems, at, 'must be an object');
		return;
	}
	typed(problems, a, at, 'Achievement');
	if (!str(a.id)) need(problems, `${at}.id`, 'is required');
	typed(problems, a.resultDescription, `${at}.resultDescription`, 'ResultDescription');
	typed(problems, a.creator, `${at}.creator`, 'Profile');
	for (const [j, rd] of asArray(a.resultDescription).entries())
		if (isObject(rd))
			typed(
				problems,
				rd.rubricCriterionLevel,
				`${at}.resultDescription[${j}].rubricCriterionLevel`,
				'RubricCriterionLevel'
			);
}
