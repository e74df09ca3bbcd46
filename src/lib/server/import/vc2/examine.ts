// What a verifiable credential or presentation is worth before anything is stored: whether it
// meets the VC 2.0 data model (rules.ts, jsonld.ts) and what its proof says. `stackwise verify`
// prints these checks; the importers of VC-based formats make the same ones and report them
// beside the records (so a file says the same through both).
//
// Forms read: JSON-LD with an embedded proof (Data Integrity), VC-JWT / VC-JOSE (a compact JWS
// whose payload is the document or holds it in a `vc` / `vp` claim), enveloped credentials and
// presentations (a `data:` URL holding the JWS), and JAdES (the ELM signature, handled by its
// parser). Nothing is fetched.
import { asArray, idOf, isObject, str, typesOf, type JsonObject } from '../json/index.ts';
import {
	type ProofCheck,
	verifyEmbeddedProof,
	decodeCompactJws,
	isCompactJws,
	verifyCompactJws
} from '../verify/index.ts';
import { jsonLdRules } from './jsonld.ts';
import {
	credentialRules,
	envelopedRules,
	isEnveloped,
	presentationRules,
	RuleCollector,
	ruleName,
	VC2_RULES
} from './rules.ts';
import type { DocumentCheck, DocumentKind, Vc2Problem } from '../../../domain/document-check.ts';

/** A credential or presentation as read from its envelope, with what secures it. */
export type Opened = {
	path: string;
	kind: DocumentKind;
	/** The credential or presentation itself (from a JWT: the `vc` / `vp` claim, or the payload). */
	doc: JsonObject;
	/** The compact JWS it came in, and the JWT claims around it. */
	jws?: string;
	claims?: JsonObject;
	/** The envelope was enveloped: an Enveloped* object whose data: URL held the JWS. */
	envelope?: JsonObject;
	/** Findings about the envelope itself (enveloped object rules, an undecodable JWS). */
	problems: Vc2Problem[];
};

/** An item that could not be opened: only the problems that stopped it. */
export type Unopened = { path: string; problems: Vc2Problem[] };

export const isOpened = (item: Opened | Unopened): item is Opened => 'kind' in item;

export const kindOf = (doc: JsonObject): DocumentKind => {
	const types = typesOf(doc);
	if (types.includes('VerifiablePresentation') || types.includes('EnvelopedVerifiablePresentation'))
		return 'presentation';
	if (types.includes('VerifiableCredential') || 'credentialSubject' in doc) return 'credential';
	return 'holder' in doc || 'verifiableCredential' in doc || types.some((t) => /Presentation$/.test(t))
		? 'presentation'
		: 'credential';
};

/** The JWS inside an enveloping data: URL ("data:application/vc+jwt,eyJ…"), or null. */
export function dataUrlToken(url: unknown): string | null {
	if (typeof url !== 'string') return null;
	const m = /^data:([^,]*),(.*)$/s.exec(url);
	if (!m) return null;
	const params = m[1].split(';').map((s) => s.trim().toLowerCase());
	let body = m[2];
	try {
		body = params.includes('base64')
			? Buffer.from(body, 'base64').toString('utf8')
			: decodeURIComponent(body);
	} catch {
		return null;
	}
	// An SD-JWT carries disclosures after "~": the issuer-signed JWT is the part before them.
	const token = body.trim().split('~')[0];
	return isCompactJws(token) ? token : null;
}

function problem(id: keyof typeof VC2_RULES, path: string, message: string): Vc2Problem {
	return { rule: ruleName(id), path, message };
}

/** Reads a compact JWS as a credential or presentation. */
export function openJws(token: string, path: string, envelope?: JsonObject): Opened | Unopened {
	const decoded = decodeCompactJws(token);
	let payload: unknown;
	try {
		payload = decoded ? JSON.parse(decoded.payload) : undefined;
	} catch {
		payload = undefined;
	}
	if (!isObject(payload))
		return { path, problems: [problem('json-ld', path, 'The JWS does not hold a JSON object.')] };
	const claims = payload;
	// VC-JWT (VC 1.1) puts the document in a claim; VC-JOSE (VC 2.0) signs the document itself.
	if (isObject(claims.vp)) {
		const doc: JsonObject = { ...claims.vp };
		if (doc.holder === undefined && str(claims.iss)) doc.holder = str(claims.iss);
		if (doc.id === undefined && str(claims.jti)) doc.id = str(claims.jti);
		return { path, kind: 'presentation', doc, jws: token, claims, envelope, problems: [] };
	}
	if (isObject(claims.vc)) {
		const doc: JsonObject = { ...claims.vc };
		if (doc.issuer === undefined && str(claims.iss)) doc.issuer = str(claims.iss);
		if (doc.id === undefined && str(claims.jti)) doc.id = str(claims.jti);
		if (isObject(doc.credentialSubject) && doc.credentialSubject.id === undefined && str(claims.sub))
			doc.credentialSubject = { ...doc.credentialSubject, id: str(claims.sub) };
		return { path, kind: 'credential', doc, jws: token, claims, envelope, problems: [] };
	}
	return { path, kind: kindOf(claims), doc: claims, jws: token, claims, envelope, problems: [] };
}

/** Opens an item as found in a file or a presentation: a document, an enveloped one, or a JWS. */
export function openItem(item: unknown, path: string): Opened | Unopened {
	if (typeof item === 'string') {
		const token = item.trim();
		if (isCompactJws(token)) return openJws(token, path);
		return {
			path,
			problems: [problem('vp-credentials', path, `Found the string ${JSON.stringify(item.slice(0, 60))}.`)]
		};
	}
	if (!isObject(item)) return { path, problems: [problem('json-ld', path, 'Not a JSON object.')] };
	if (isEnveloped(item)) {
		const kind: DocumentKind = typesOf(item).includes('EnvelopedVerifiablePresentation')
			? 'presentation'
			: 'credential';
		const out = new RuleCollector();
		envelopedRules(item, path, out, kind);
		const token = dataUrlToken(item.id);
		if (!token)
			return {
				path,
				problems: [
					...out.problems,
					problem(
						kind === 'credential' ? 'enveloped-vc' : 'enveloped-vp',
						`${path}.id`,
						'Its data: URL holds no compact JWS this verifier reads.'
					)
				]
			};
		const opened = openJws(token, path, item);
		opened.problems.unshift(...out.problems);
		return opened;
	}
	return { path, kind: kindOf(item), doc: item, problems: [] };
}

const ISSUER_CLAIMS: [string, (doc: JsonObject) => string | undefined][] = [
	['iss', (doc) => idOf(doc.issuer)],
	['jti', (doc) => str(doc.id)],
	['sub', (doc) => (isObject(doc.credentialSubject) ? str(doc.credentialSubject.id) : undefined)]
];

/** JWT claims that contradict the credential they carry (VC-JWT §: iss, jti, sub mirror it). */
function jwtClaimProblems(doc: JsonObject, claims: JsonObject): string[] {
	const problems: string[] = [];
	for (const [claim, value] of ISSUER_CLAIMS) {
		const stated = str(claims[claim]);
		const inDoc = value(doc);
		if (stated && inDoc && stated !== inDoc) problems.push(`JWT ${claim} ${stated} is not ${inDoc}`);
	}
	return problems;
}

/**
 * The proof of a credential: its JWS (whose claims must agree with it) or its embedded proof.
 * `credential` is what the JWT's `vc` claim (or the payload) holds, as the importers map it.
 */
export async function credentialProof({
	credential,
	jws,
	claims
}: {
	credential: JsonObject;
	jws?: string;
	claims?: JsonObject;
}): Promise<ProofCheck> {
	if (!jws) return verifyEmbeddedProof({ document: credential, issuerId: idOf(credential.issuer) });
	const proof = await verifyCompactJws({ token: jws });
	const contradictions = claims ? jwtClaimProblems(credential, claims) : [];
	if (proof.state !== 'failed' && contradictions.length > 0)
		return { state: 'failed', reason: contradictions.join('; ') };
	return proof;
}

/** The data-model verdict on a credential or presentation object. */
export async function conformance(
	doc: JsonObject,
	kind: DocumentKind,
	path: string
): Promise<{ problems: Vc2Problem[]; warnings: Vc2Problem[] }> {
	const out = new RuleCollector();
	if (kind === 'credential') credentialRules(doc, path, out);
	else presentationRules(doc, path, out);
	await jsonLdRules(doc, path, out);
	return { problems: out.problems, warnings: out.warnings };
}

export function checkOf(
	path: string,
	kind: DocumentKind,
	found: { problems: Vc2Problem[]; warnings: Vc2Problem[] },
	proof: ProofCheck,
	credentials: DocumentCheck[] = []
): DocumentCheck {
	const conforms = found.problems.length === 0 && credentials.every((c) => c.conforms);
	return {
		path,
		kind,
		conforms,
		problems: found.problems,
		warnings: found.warnings,
		proof: proof.state,
		proofReason: proof.reason,
		credentials
	};
}

/** A credential's conformance and proof (nested credentials are the caller's). */
export async function examineCredential(opened: Opened, proof?: ProofCheck): Promise<DocumentCheck> {
	const found = await conformance(opened.doc, 'credential', opened.path);
	found.problems.unshift(...opened.problems);
	const checked =
		proof ?? (await credentialProof({ credential: opened.doc, jws: opened.jws, claims: opened.claims }));
	return checkOf(opened.path, 'credential', found, checked);
}

/** A credential without a proof of its own inside a signed CLR (or a holder's own claim in a signed presentation) is covered by its proof. */
export function coveredBy(own: ProofCheck, enclosing: ProofCheck | undefined, what: string): ProofCheck {
	if (!enclosing) return own;
	if (enclosing.state === 'failed')
		return { state: 'failed', reason: `the enclosing ${what}'s proof fails (${enclosing.reason})` };
	if (own.state === 'unsigned')
		return {
			state: enclosing.state,
			reason: `covered by the enclosing ${what}'s proof: ${enclosing.reason}`
		};
	return own;
}

/** Whether an enclosed credential is secured by anything of its own. */
export const securedOnItsOwn = (opened: Opened) =>
	opened.jws !== undefined || asArray(opened.doc.proof).some((p) => isObject(p) && Object.keys(p).length > 0);

/** The presentation's holder id (a URL or an object's id), if it names one. */
export const holderOf = (doc: JsonObject) => idOf(doc.holder) ?? null;

/**
 * A presentation's proof: the holder's JWS or embedded proof (purpose authentication). A proof
 * by a key that is not the holder's does not make it the holder's presentation: failed.
 */
export async function presentationProof(opened: Opened): Promise<ProofCheck> {
	const holder = holderOf(opened.doc) ?? undefined;
	const proof = opened.jws
		? await verifyCompactJws({ token: opened.jws })
		: await verifyEmbeddedProof({ document: opened.doc, issuerId: holder, purpose: 'authentication' });
	if (proof.state !== 'verified') return proof;
	const signer = proof.signer ?? str(opened.claims?.iss);
	if (holder && signer && signer !== holder)
		return {
			state: 'failed',
			reason: `the presentation is signed by ${signer}, not by its holder ${holder}`
		};
	if (!holder) return { ...proof, reason: `${proof.reason}; the presentation names no holder` };
	return { ...proof, reason: `${proof.reason}; signed by its holder ${holder}` };
}

/**
 * §4.13.4: a credential the presentation's signer issued and secured by nothing of its own is a
 * self-asserted claim, secured only by the presentation; the presentation must then name a holder,
 * identical to that credential's issuer. Without a verified signature there is no telling whose
 * claim it is, and the rule is not judged (an unsecured credential is `unsigned`, not malformed).
 */
export function holderClaimProblems(
	presentation: Opened,
	enclosed: Opened[],
	vpProof: ProofCheck
): Vc2Problem[] {
	const signer = vpProof.state === 'verified' ? (vpProof.signer ?? str(presentation.claims?.iss)) : undefined;
	if (!signer) return [];
	const holder = holderOf(presentation.doc);
	const problems: Vc2Problem[] = [];
	for (const credential of enclosed) {
		if (securedOnItsOwn(credential) || idOf(credential.doc.issuer) !== signer) continue;
		if (!holder)
			problems.push(
				problem(
					'holder-claims',
					presentation.path,
					`${credential.path} is the signer's own claim, secured only by the presentation, which names no holder.`
				)
			);
		else if (holder !== signer)
			problems.push(
				problem(
					'holder-claims',
					`${credential.path}.issuer`,
					`${credential.path} is secured only by the presentation, but its issuer ${signer} is not the holder ${holder}.`
				)
			);
	}
	return problems;
}

/** The credentials a presentation encloses, opened (or the problems that stop one). */
export function enclosedItems(presentation: Opened) {
	const list = presentation.doc.verifiableCredential;
	return asArray(list).map((item, i) => {
		const path = Array.isArray(list)
			? `${presentation.path}.verifiableCredential[${i}]`
			: `${presentation.path}.verifiableCredential`;
		const opened = openItem(item, path);
		if (isOpened(opened) && typeof item === 'string')
			// A JWS given as a bare string still says what it holds, but the form is not allowed.
			opened.problems.unshift(
				problem(
					'vp-credentials',
					path,
					'Found a string (a JWS), not an object; wrap it in an EnvelopedVerifiableCredential.'
				)
			);
		return opened;
	});
}
