// Structural checks of Open Badges 3.0 / CLR 2.0 credentials: the parts of the 1EdTech JSON
// schemas that decide whether a document can be read as a credential at all (contexts, types
// of the credential and of its nested objects, issuer, dates). A failing document is rejected
// with the JSON path of each problem; it is not loaded as a record of achievement.
import { asArray, isObject, str, typesOf, type JsonObject } from '../json/values.ts';

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
	const need = (path: string, message: string) => problems.push({ path, message });
	const typed = (value: unknown, path: string, type: string, required = false) => {
		if (value === undefined || value === null) {
			if (required) need(path, `is required`);
			return;
		}
		for (const [i, item] of asArray(value).entries()) {
			const at = Array.isArray(value) ? `${path}[${i}]` : path;
			if (typeof item === 'string') continue; // a reference by id
			if (!isObject(item)) need(at, `must be an object`);
			else if (!typesOf(item).includes(type))
				need(`${at}.type`, `must include "${type}" (found ${JSON.stringify(item.type ?? null)})`);
		}
	};

	const contexts = asArray(credential['@context']);
	if (contexts.length === 0 && !viaJwt) need('$["@context"]', 'is required');
	else if (contexts.length > 0) {
		if (!VC_CONTEXTS.includes(contexts[0] as string))
			need('$["@context"][0]', `must be the W3C VC context (${VC_CONTEXTS.join(' or ')})`);
		if (!contexts.some((c) => typeof c === 'string' && OB_CONTEXT.test(c)))
			need('$["@context"]', 'must include an Open Badges 3.0 or CLR 2.0 context');
	}

	const types = typesOf(credential);
	const kind = vcKind(credential);
	if (!types.includes('VerifiableCredential')) need('$.type', 'must include "VerifiableCredential"');
	if (!kind)
		need(
			'$.type',
			`must include OpenBadgeCredential, AchievementCredential, ClrCredential or EndorsementCredential (found ${JSON.stringify(types)})`
		);

	const issuer = credential.issuer;
	if (issuer === undefined || issuer === null) need('$.issuer', 'is required');
	else if (typeof issuer === 'string') {
		if (!/^[a-zA-Z][\w+.-]*:/.test(issuer)) need('$.issuer', 'must be a URI');
	} else if (!isObject(issuer) || !str(issuer.id)) need('$.issuer.id', 'is required');
	else {
		typed(issuer, '$.issuer', 'Profile');
		typed(issuer.otherIdentifier, '$.issuer.otherIdentifier', 'IdentifierEntry');
		typed(issuer.parentOrg, '$.issuer.parentOrg', 'Profile');
		typed(issuer.address, '$.issuer.address', 'Address');
	}

	if (!str(credential.validFrom) && !str(credential.issuanceDate) && !viaJwt)
		need('$.validFrom', 'is required (validFrom, or issuanceDate in VC 1.1)');

	typed(credential.evidence, '$.evidence', 'Evidence');

	const subject = credential.credentialSubject;
	if (!isObject(subject)) need('$.credentialSubject', 'must be one object');
	else if (kind) {
		typed(subject, '$.credentialSubject', SUBJECT_TYPE[kind], true);
		typed(subject.identifier, '$.credentialSubject.identifier', 'IdentityObject');
		typed(subject.result, '$.credentialSubject.result', 'Result');
		typed(subject.source, '$.credentialSubject.source', 'Profile');
		const achievements =
			kind === 'clr'
				? asArray(subject.achievement)
				: subject.achievement === undefined
					? []
					: [subject.achievement];
		for (const [i, a] of achievements.entries()) {
			const at = kind === 'clr' ? `$.credentialSubject.achievement[${i}]` : '$.credentialSubject.achievement';
			if (!isObject(a)) {
				need(at, 'must be an object');
				continue;
			}
			typed(a, at, 'Achievement');
			if (!str(a.id)) need(`${at}.id`, 'is required');
			typed(a.resultDescription, `${at}.resultDescription`, 'ResultDescription');
			typed(a.creator, `${at}.creator`, 'Profile');
			for (const [j, rd] of asArray(a.resultDescription).entries())
				if (isObject(rd))
					typed(
						rd.rubricCriterionLevel,
						`${at}.resultDescription[${j}].rubricCriterionLevel`,
						'RubricCriterionLevel'
					);
		}
		if (kind === 'clr')
			for (const [i, as] of asArray(subject.association).entries()) {
				const at = `$.credentialSubject.association[${i}]`;
				if (!isObject(as)) need(at, 'must be an object');
				else {
					typed(as, at, 'Association');
					if (!str(as.associationType)) need(`${at}.associationType`, 'is required');
					if (!str(as.sourceId)) need(`${at}.sourceId`, 'is required');
					if (!str(as.targetId)) need(`${at}.targetId`, 'is required');
				}
			}
	}
	return problems;
}
