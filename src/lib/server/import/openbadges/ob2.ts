// Open Badges 2.0 documents → rows.
//   Assertion → learner (recipient identity, hashed), award (issuedOn, expires), the BadgeClass →
//   credential (kind micro: OB 2.0 has no achievement types) and its Issuer → provider.
//   BadgeClass alone → credential; Issuer/Profile alone → provider; CryptographicKey,
//   RevocationList, Endorsement → read, nothing to store.
// An assertion names its BadgeClass, and a BadgeClass its Issuer, usually by URL. Nothing is
// fetched: they are looked up with `resolve` (documents supplied with the import). A hosted
// assertion whose BadgeClass is not at hand is stored as an award of an unresolved badge: a stub
// credential (its id as title, flagged by UNRESOLVED_BADGE, written only when no record of that id
// exists) and an unverified award, so it counts against the issuer's data quality and never in a
// verified-only figure. A signed assertion whose BadgeClass is missing is still rejected.
//
// Verification: a hosted assertion is verified by fetching its own URL — impossible offline, so
// `unverified`. A signed assertion (JWS) is checked with the issuer's CryptographicKey when it is
// at hand. Revocation through the issuer's RevocationList when at hand. Expiry against `now`.
import type { Credential, CredentialSkill, Provider } from '../../../domain/types.ts';
import { calendarDate } from '../dates.ts';
import { verifiedAward } from '../document-rows.ts';
import { asArray, isObject, str, text, typesOf, type JsonObject } from '../json/index.ts';
import { credentialRow, UNRESOLVED_BADGE, type ImportIssue, type ImportRow } from '../records.ts';
import {
	decide,
	type ProofCheck,
	type StatusCheck,
	type VerificationOutcome,
	verifyCompactJws,
	validityProblem
} from '../verify/index.ts';
import { fromIdentityObject, learnerRow, type Recipient } from './learner.ts';
import type { MapContext, Mapped } from './ob3.ts';

const OB2_CONTEXTS = [
	'https://w3id.org/openbadges/v2',
	'https://w3id.org/openbadges/v1',
	'https://openbadgespec.org/v2/context.json'
];

export function isOb2Document(doc: JsonObject): boolean {
	const contexts = asArray(doc['@context']);
	if (contexts.some((c) => typeof c === 'string' && /w3id\.org\/openbadges|openbadgespec\.org/.test(c)))
		return true;
	if (contexts.some((c) => isObject(c) && typeof c.obi === 'string' && c.obi.includes('w3id.org/openbadges')))
		return true;
	const types = typesOf(doc);
	return (types.includes('Assertion') && 'recipient' in doc) || ('recipient' in doc && 'badge' in doc);
}

type Resolve = (id: string) => unknown;

function lookup(value: unknown, resolve?: Resolve): JsonObject | undefined {
	if (isObject(value)) return value;
	const id = str(value);
	if (!id) return undefined;
	const found = resolve?.(id);
	return isObject(found) ? found : undefined;
}

export function ob2Provider(issuer: JsonObject): Provider | null {
	const id = str(issuer.id);
	if (!id) return null;
	return {
		id,
		name: text(issuer.name) ?? id,
		kind: null,
		country: null,
		qaApproach: null,
		accredited: null,
		origin: 'real'
	};
}

function unresolvedBadge(badgeId: string): ImportRow {
	return {
		table: 'credentials',
		row: credentialRow({
			id: badgeId,
			title: badgeId,
			kind: 'micro',
			unparsed: [
				`${UNRESOLVED_BADGE} BadgeClass ${badgeId} was not supplied with the import (nothing is fetched)`
			]
		}),
		mentioned: true
	};
}

export function ob2Credential(
	badge: JsonObject,
	resolve?: Resolve
): { rows: ImportRow[]; credential: Credential } | { problem: string } {
	const id = str(badge.id);
	if (!id) return { problem: 'the BadgeClass has no id' };
	if (!typesOf(badge).includes('BadgeClass')) return { problem: `${id} is not a BadgeClass` };
	const rows: ImportRow[] = [];
	const unparsed: string[] = [];
	const issuer = lookup(badge.issuer, resolve);
	const provider = issuer ? ob2Provider(issuer) : null;
	if (provider) rows.push({ table: 'providers', row: provider });
	else if (str(badge.issuer))
		unparsed.push(`issuer ${str(badge.issuer)} was not supplied with the import (nothing is fetched)`);
	const credential = credentialRow({
		id,
		providerId: provider?.id ?? null,
		title: text(badge.name) ?? id,
		kind: 'micro',
		description: text(badge.description) ?? null,
		unparsed: unparsed.length ? unparsed : null
	});
	rows.push({ table: 'credentials', row: credential });
	const seen = new Set<string>();
	for (const a of asArray(badge.alignment)) {
		const uri = isObject(a) ? str(a.targetUrl) : undefined;
		if (uri && !seen.has(uri)) {
			seen.add(uri);
			const skill: CredentialSkill = {
				credentialId: id,
				skillUri: uri,
				label: isObject(a) ? (text(a.targetName) ?? null) : null
			};
			rows.push({ table: 'credential_skills', row: skill });
		}
	}
	return { rows, credential };
}

async function proofOf(
	assertion: JsonObject,
	jws: string | undefined,
	issuer: JsonObject | undefined,
	resolve?: Resolve
): Promise<ProofCheck> {
	const verification = isObject(assertion.verification) ? assertion.verification : {};
	const type = str(verification.type) ?? (jws ? 'SignedBadge' : 'HostedBadge');
	if (jws)
		return verifyCompactJws({
			token: jws,
			keyFor: () => {
				const keyId =
					str(verification.creator) ??
					str(issuer?.publicKey) ??
					(isObject(issuer?.publicKey) ? str(issuer.publicKey.id) : undefined);
				const key = keyId
					? lookup(keyId, resolve)
					: isObject(issuer?.publicKey)
						? issuer.publicKey
						: undefined;
				const pem = key ? str(key.publicKeyPem) : undefined;
				if (!pem) return undefined;
				const owner = str(key!.owner);
				if (owner && issuer && owner !== str(issuer.id)) return undefined;
				return {
					publicKeyPem: pem,
					source: `issuer key ${keyId ?? 'embedded'} supplied with the import (not fetched)`
				};
			}
		});
	if (/hosted/i.test(type))
		return {
			state: 'unverified',
			reason: `hosted assertion: checking it means fetching ${str(assertion.id) ?? 'its URL'}; nothing is fetched`
		};
	return { state: 'unsigned', reason: `${type} assertion without a signature` };
}

function revocationOf(assertion: JsonObject, issuer: JsonObject | undefined, resolve?: Resolve): StatusCheck {
	const listRef = issuer?.revocationList;
	if (!listRef) return { state: 'none' };
	const list = lookup(listRef, resolve);
	if (!list)
		return {
			state: 'unknown',
			reason: `revocation list ${str(listRef) ?? ''} not supplied (nothing is fetched)`
		};
	const ids = [str(assertion.id), str(assertion.uid)].filter(Boolean);
	for (const entry of asArray(list.revokedAssertions)) {
		const id = str(entry) ?? (isObject(entry) ? (str(entry.id) ?? str(entry.uid)) : undefined);
		if (id && ids.includes(id)) {
			const why = isObject(entry) ? str(entry.revocationReason) : undefined;
			return {
				state: 'revoked',
				reason: `revoked in ${str(list.id) ?? 'the issuer revocation list'}${why ? `: ${why}` : ''}`
			};
		}
	}
	return { state: 'ok', reason: `not in revocation list ${str(list.id) ?? ''}` };
}

export async function mapOb2Document({
	doc,
	jws,
	source,
	resolve,
	now,
	ctx
}: {
	doc: JsonObject;
	jws?: string;
	source: unknown;
	resolve?: Resolve;
	now: Date;
	ctx: MapContext;
}): Promise<Mapped> {
	const issue = (path: string, message: string, field?: string): Mapped => ({
		issues: [{ file: ctx.file, path: ctx.path + path.slice(1), field, message } satisfies ImportIssue]
	});
	const contexts = asArray(doc['@context']);
	if (!contexts.some((c) => (typeof c === 'string' && OB2_CONTEXTS.includes(c)) || isObject(c)))
		return issue(
			'$["@context"]',
			`must be the Open Badges 2.0 context ${OB2_CONTEXTS[0]} (found ${JSON.stringify(doc['@context'] ?? null)})`
		);
	const types = typesOf(doc);
	if (!types.includes('Assertion') || types.some((t) => OTHER_DOCUMENTS.includes(t)))
		return mapOtherDocument(doc, types, issue, resolve);
	const recipient = fromIdentityObject(doc.recipient);
	if (!recipient)
		return issue('$.recipient', 'has no identity: the learner cannot be told apart', 'recipient');
	const issuedOn = calendarDate(doc.issuedOn);
	if (!issuedOn) return issue('$.issuedOn', `"${String(doc.issuedOn ?? '')}" is not a date`, 'issuedOn');
	const badge = lookup(doc.badge, resolve);
	const badgeId = str(doc.badge);
	const hosted =
		!jws && /hosted/i.test(str(isObject(doc.verification) ? doc.verification.type : undefined) ?? 'hosted');
	if (!badge && badgeId && hosted) {
		const outcome: VerificationOutcome = {
			verification: 'unverified',
			verificationReason: `${UNRESOLVED_BADGE} BadgeClass ${badgeId} was not supplied with the import (nothing is fetched); the hosted assertion is not checked`
		};
		return {
			rows: [
				unresolvedBadge(badgeId),
				...assertionRows({ doc, recipient, credentialId: badgeId, issuedOn, source, outcome })
			]
		};
	}
	if (!badge)
		return issue(
			'$.badge',
			`BadgeClass ${str(doc.badge) ?? ''} was not supplied with the import (nothing is fetched)`,
			'badge'
		);
	const made = ob2Credential(badge, resolve);
	if ('problem' in made) return issue('$.badge', made.problem, 'badge');
	const issuer = lookup(badge.issuer, resolve);

	const proof = await proofOf(doc, jws, issuer, resolve);
	const validity = validityProblem({ validFrom: doc.issuedOn, validUntil: doc.expires, now });
	const outcome = decide({ proof, validity, status: revocationOf(doc, issuer, resolve) });
	return {
		rows: [
			...made.rows,
			...assertionRows({ doc, recipient, credentialId: made.credential.id, issuedOn, source, outcome })
		]
	};
}

/** The assertion's learner and award. */
function assertionRows({
	doc,
	recipient,
	credentialId,
	issuedOn,
	source,
	outcome
}: {
	doc: JsonObject;
	recipient: Recipient;
	credentialId: string;
	issuedOn: string;
	source: unknown;
	outcome: VerificationOutcome;
}): ImportRow[] {
	const learner = learnerRow(recipient);
	const award = verifiedAward(
		{
			id: `ob2:${str(doc.id) ?? str(doc.uid) ?? credentialId + '#' + recipient.key}`,
			learnerId: learner.id,
			credentialId,
			enrolmentId: null,
			issuedOn,
			expiresOn: calendarDate(doc.expires) ?? null,
			source
		},
		outcome
	);
	return [
		{ table: 'learners', row: learner },
		{ table: 'awards', row: award }
	];
}

const OTHER_DOCUMENTS = [
	'BadgeClass',
	'Issuer',
	'Profile',
	'CryptographicKey',
	'RevocationList',
	'Endorsement'
];

/** A document other than an assertion: a BadgeClass, an Issuer, or one that maps to nothing. */
function mapOtherDocument(
	doc: JsonObject,
	types: string[],
	issue: (path: string, message: string) => Mapped,
	resolve: Resolve | undefined
): Mapped {
	if (types.includes('BadgeClass')) {
		const made = ob2Credential(doc, resolve);
		return 'problem' in made ? issue('$', made.problem) : { rows: made.rows };
	}
	if (types.includes('Issuer') || types.includes('Profile')) {
		const provider = ob2Provider(doc);
		return provider
			? { rows: [{ table: 'providers', row: provider }] }
			: issue('$.id', 'the issuer has no id');
	}
	if (['CryptographicKey', 'RevocationList', 'Endorsement'].some((t) => types.includes(t)))
		return { rows: [] };
	return issue(
		'$.type',
		`must be Assertion, BadgeClass or Issuer (found ${JSON.stringify(doc.type ?? null)})`
	);
}
