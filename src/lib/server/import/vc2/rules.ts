// The W3C Verifiable Credentials Data Model 2.0 rules (Recommendation of 15 May 2025), as one
// table: every rule cites the section whose normative statement it checks. `verify` and every
// importer of a VC-based format (Open Badges 3.0, CLR 2.0, ELM) judge a document by these rules,
// so a record imported from a badge says the same as `stackwise verify` says of its file.
//
// Conformance here is the data model only. Whether a document is secured (its proof) is reported
// apart, and so is a missing issuer: the Working Group's test suite hands such documents to an
// issuer, which adds the issuer and the proof (its `credential-ok.json` has neither), so their
// absence is a warning, never a refusal of the data model (see CREDENTIAL-FORMATS.md).
import { asArray, isObject, typesOf, type JsonObject } from '../json/index.ts';
import type { Vc2Problem } from '../../../domain/document-check.ts';

/** The rules, by id: the section and the statement each checks. */
export const VC2_RULES = {
	'context-present': [
		'4.3',
		'Verifiable credentials and verifiable presentations MUST include a @context property.'
	],
	'context-first': [
		'4.3',
		'The first item of @context MUST be the URL https://www.w3.org/ns/credentials/v2.'
	],
	'context-items': [
		'4.3',
		'Subsequent @context items MUST be URLs and/or objects, each processable as a JSON-LD context.'
	],
	'id-url': ['4.4', 'If present, the value of the id property MUST be a single URL.'],
	'type-present': [
		'4.5',
		'Verifiable credentials and verifiable presentations MUST contain a type property with an associated value.'
	],
	'type-vc': ['4.5', 'One value of the type of a verifiable credential MUST be VerifiableCredential.'],
	'type-vp': ['4.13', 'One value of the type of a verifiable presentation MUST be VerifiablePresentation.'],
	'type-values': [
		'4.5',
		'The value of the type property MUST be one or more terms and/or absolute URL strings, each term defined by the context.'
	],
	'name-description': [
		'4.6',
		'If present, name and description MUST be a string or a language value object (§11.1).'
	],
	issuer: [
		'4.7',
		'The value of the issuer property MUST be either a URL, or an object containing an id property whose value is a URL.'
	],
	'issuer-present': ['4.7', 'A verifiable credential MUST have an issuer property.'],
	'subject-present': ['4.8', 'A verifiable credential MUST contain a credentialSubject property.'],
	'subject-claims': ['4.8', 'Each credentialSubject object MUST be the subject of one or more claims.'],
	'valid-from': ['4.9', 'If present, validFrom MUST be an XML Schema dateTimeStamp string.'],
	'valid-until': ['4.9', 'If present, validUntil MUST be an XML Schema dateTimeStamp string.'],
	'validity-order': [
		'4.9',
		'If validUntil also exists, validFrom MUST be the same as or earlier than validUntil.'
	],
	'status-type': ['4.10', 'Each credentialStatus object MUST have a type (its id, if present, a URL).'],
	'schema-type-id': ['4.11', 'Each credentialSchema MUST specify its type and an id that MUST be a URL.'],
	'proof-type': [
		'4.12',
		'An embedded proof MUST specify its type (securing mechanism, VC Data Integrity §2.1).'
	],
	'vp-credentials': [
		'4.13',
		'verifiableCredential values MUST be verifiable credential or enveloped verifiable credential objects, not strings, numbers or URLs.'
	],
	holder: ['4.13', 'If present, holder MUST be either a URL or an object containing an id property.'],
	'enveloped-vc': [
		'4.13.1',
		'An enveloped verifiable credential MUST have the base @context, an id that is a data: URL, and the type EnvelopedVerifiableCredential.'
	],
	'enveloped-vp': [
		'4.13.2',
		'An enveloped verifiable presentation MUST have the base @context, an id that is a data: URL, and the type EnvelopedVerifiablePresentation.'
	],
	'holder-claims': [
		'4.13.4',
		"A presentation whose self-asserted credential is secured only by the presentation MUST have a holder, identical to that credential's issuer."
	],
	'protected-terms': [
		'5.2',
		'JSON-LD-based processors MUST produce an error when a context redefines a protected term.'
	],
	'related-resource': [
		'5.3',
		'Each relatedResource MUST have a unique URL id and a digestSRI or digestMultibase.'
	],
	'refresh-type': ['5.4', 'Each refreshService value MUST specify its type.'],
	'terms-type': ['5.5', 'Each termsOfUse value MUST specify its type.'],
	'evidence-type': ['5.6', 'Each evidence object MUST specify its type.'],
	'reserved-type': [
		'5.10',
		'The value of a reserved extension point (confidenceMethod, renderMethod) MUST specify a type.'
	],
	'json-ld': ['6.1', 'A conforming document MUST be JSON-LD that a processor can expand.']
} as const satisfies Record<string, readonly [string, string]>;

export type Vc2RuleId = keyof typeof VC2_RULES;

/** "§4.7 issuer": the section and the rule's id, as problems name it. */
export const ruleName = (id: Vc2RuleId) => `§${VC2_RULES[id][0]} ${id}`;

export const BASE_CONTEXT = 'https://www.w3.org/ns/credentials/v2';

/** A single URL: parses as an absolute URL and holds no whitespace ("https ://x" does not). */
export function isUrl(value: unknown): value is string {
	if (typeof value !== 'string' || value === '' || /\s/.test(value)) return false;
	try {
		new URL(value);
		return true;
	} catch {
		return false;
	}
}

// XML Schema 1.1 dateTimeStamp: a dateTime with its time-zone offset required.
const DATE_TIME_STAMP =
	/^-?([1-9][0-9]{3,}|0[0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T(([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?|24:00:00(\.0+)?)(Z|[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00))$/;

export function isDateTimeStamp(value: unknown): value is string {
	return typeof value === 'string' && DATE_TIME_STAMP.test(value);
}

const BCP47 = /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/;

/** Reserved properties whose values must be typed (§5.10). */
const RESERVED_TYPED = ['confidenceMethod', 'renderMethod'];

export class RuleCollector {
	readonly problems: Vc2Problem[] = [];
	readonly warnings: Vc2Problem[] = [];

	fail(id: Vc2RuleId, path: string, found: string) {
		this.problems.push({ rule: ruleName(id), path, message: `${VC2_RULES[id][1]} ${found}` });
	}

	warn(id: Vc2RuleId, path: string, message: string) {
		this.warnings.push({ rule: ruleName(id), path, message });
	}
}

const show = (value: unknown) => {
	const text = JSON.stringify(value);
	return text === undefined ? 'undefined' : text.length > 80 ? text.slice(0, 77) + '…' : text;
};

const at = (path: string, key: string) =>
	/^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}["${key}"]`;
const itemPath = (path: string, value: unknown, i: number) => (Array.isArray(value) ? `${path}[${i}]` : path);

function checkContext(doc: JsonObject, path: string, out: RuleCollector) {
	if (!('@context' in doc)) return out.fail('context-present', path, 'It has none.');
	const contexts = asArray(doc['@context']);
	if (contexts[0] !== BASE_CONTEXT)
		out.fail('context-first', at(path, '@context'), `Found ${show(contexts[0] ?? null)} first.`);
	contexts.slice(1).forEach((c, i) => {
		const where = `${at(path, '@context')}[${i + 1}]`;
		if (typeof c === 'string') {
			if (!isUrl(c)) out.fail('context-items', where, `"${c}" is not a URL.`);
		} else if (!isObject(c)) out.fail('context-items', where, `Found ${show(c)}.`);
	});
}

function checkId(value: unknown, path: string, out: RuleCollector) {
	if (value === undefined) return;
	if (!isUrl(value))
		out.fail(
			'id-url',
			path,
			Array.isArray(value) ? `Found ${value.length} values.` : `Found ${show(value)}.`
		);
}

function checkTypeValues(doc: JsonObject, path: string, out: RuleCollector, required?: 'vc' | 'vp') {
	const raw = doc.type ?? doc['@type'];
	const where = at(path, 'type');
	if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0)) {
		if (required) out.fail('type-present', path, 'It has none.');
		return false;
	}
	for (const [i, t] of asArray(raw).entries())
		if (typeof t !== 'string' || t.trim() === '' || /\s/.test(t))
			out.fail('type-values', itemPath(where, raw, i), `Found ${show(t)}.`);
	if (required === 'vc' && !asArray(raw).includes('VerifiableCredential'))
		out.fail('type-vc', where, `Found ${show(raw)}.`);
	if (required === 'vp' && !asArray(raw).includes('VerifiablePresentation'))
		out.fail('type-vp', where, `Found ${show(raw)}.`);
	return true;
}

function isLanguageValue(value: unknown): boolean {
	if (typeof value === 'string') return true;
	if (!isObject(value) || typeof value['@value'] !== 'string') return false;
	for (const key of Object.keys(value)) {
		if (key === '@value') continue;
		if (key === '@language' && typeof value[key] === 'string' && BCP47.test(value[key] as string)) continue;
		if (key === '@direction' && (value[key] === 'ltr' || value[key] === 'rtl')) continue;
		return false;
	}
	return true;
}

function checkNames(node: JsonObject, path: string, out: RuleCollector) {
	for (const key of ['name', 'description']) {
		if (!(key in node)) continue;
		const value = node[key];
		const values = Array.isArray(value) ? value : [value];
		if (values.length === 0 || !values.every(isLanguageValue))
			out.fail('name-description', at(path, key), `Found ${show(value)}.`);
	}
}

/** Objects that must each carry a type (status, schema, refresh, terms of use, evidence …). */
function checkTypedObjects(
	doc: JsonObject,
	key: string,
	rule: Vc2RuleId,
	path: string,
	out: RuleCollector,
	{ idRequired = false } = {}
) {
	if (!(key in doc)) return;
	const value = doc[key];
	const where = at(path, key);
	const items = asArray(value);
	if (items.length === 0) out.fail(rule, where, 'It is empty.');
	items.forEach((item, i) => {
		const p = itemPath(where, value, i);
		if (!isObject(item)) return out.fail(rule, p, `Found ${show(item)}, not an object.`);
		if (!checkTypeValues(item, p, out)) out.fail(rule, p, 'It has no type.');
		if (idRequired && item.id === undefined) out.fail(rule, p, 'It has no id.');
		else if (item.id !== undefined && !isUrl(item.id))
			out.fail(idRequired ? rule : 'id-url', at(p, 'id'), `Found ${show(item.id)}.`);
	});
}

function checkRelatedResources(doc: JsonObject, path: string, out: RuleCollector) {
	if (!('relatedResource' in doc)) return;
	const value = doc.relatedResource;
	const seen = new Set<string>();
	asArray(value).forEach((item, i) => {
		const p = itemPath(at(path, 'relatedResource'), value, i);
		if (!isObject(item)) return out.fail('related-resource', p, `Found ${show(item)}.`);
		if (!isUrl(item.id)) out.fail('related-resource', at(p, 'id'), `Found ${show(item.id)}.`);
		else if (seen.has(item.id)) out.fail('related-resource', at(p, 'id'), `${item.id} appears twice.`);
		else seen.add(item.id);
		if (item.digestSRI === undefined && item.digestMultibase === undefined)
			out.fail('related-resource', p, 'It has neither digestSRI nor digestMultibase.');
	});
}

function checkProofs(doc: JsonObject, path: string, out: RuleCollector) {
	if (!('proof' in doc)) return;
	const value = doc.proof;
	asArray(value).forEach((proof, i) => {
		const p = itemPath(at(path, 'proof'), value, i);
		if (!isObject(proof)) return out.fail('proof-type', p, `Found ${show(proof)}, not an object.`);
		if (typesOf(proof).length === 0) out.fail('proof-type', p, 'It has no type.');
	});
}

/** What a credential and a presentation share: context, id, names, extension points, proof. */
function checkCommon(doc: JsonObject, path: string, out: RuleCollector) {
	checkContext(doc, path, out);
	checkId(doc.id, at(path, 'id'), out);
	checkNames(doc, path, out);
	checkTypedObjects(doc, 'termsOfUse', 'terms-type', path, out);
	checkRelatedResources(doc, path, out);
	for (const key of RESERVED_TYPED) checkTypedObjects(doc, key, 'reserved-type', path, out);
	checkProofs(doc, path, out);
}

/**
 * The data-model rules a credential is judged by (JSON-LD expansion adds the type and context
 * rules that need a processor: `jsonld.ts`).
 */
export function credentialRules(doc: JsonObject, path: string, out: RuleCollector) {
	checkCommon(doc, path, out);
	checkTypeValues(doc, path, out, 'vc');

	if (!('issuer' in doc))
		out.warn(
			'issuer-present',
			path,
			'No issuer: read as a credential not yet issued (an issuer adds itself).'
		);
	else {
		const issuer = doc.issuer;
		if (typeof issuer === 'string') {
			if (!isUrl(issuer)) out.fail('issuer', at(path, 'issuer'), `Found ${show(issuer)}.`);
		} else if (!isObject(issuer)) out.fail('issuer', at(path, 'issuer'), `Found ${show(issuer)}.`);
		else {
			if (!isUrl(issuer.id))
				out.fail('issuer', at(at(path, 'issuer'), 'id'), `Found ${show(issuer.id ?? null)}.`);
			checkNames(issuer, at(path, 'issuer'), out);
		}
	}

	if (!('credentialSubject' in doc)) out.fail('subject-present', path, 'It has none.');
	else {
		const subject = doc.credentialSubject;
		const subjects = asArray(subject);
		if (subjects.length === 0) out.fail('subject-claims', at(path, 'credentialSubject'), 'It is empty.');
		subjects.forEach((s, i) => {
			const p = itemPath(at(path, 'credentialSubject'), subject, i);
			if (!isObject(s)) return out.fail('subject-claims', p, `Found ${show(s)}, not an object.`);
			if (Object.keys(s).length === 0) return out.fail('subject-claims', p, 'It is an empty object.');
			checkId(s.id, at(p, 'id'), out);
		});
	}

	for (const [key, rule] of [
		['validFrom', 'valid-from'],
		['validUntil', 'valid-until']
	] as const)
		if (key in doc && !isDateTimeStamp(doc[key])) out.fail(rule, at(path, key), `Found ${show(doc[key])}.`);
	if (isDateTimeStamp(doc.validFrom) && isDateTimeStamp(doc.validUntil)) {
		const from = Date.parse(doc.validFrom);
		const until = Date.parse(doc.validUntil);
		if (Number.isFinite(from) && Number.isFinite(until) && from > until)
			out.fail('validity-order', path, `validFrom ${doc.validFrom} is after validUntil ${doc.validUntil}.`);
	}

	checkTypedObjects(doc, 'credentialStatus', 'status-type', path, out);
	checkTypedObjects(doc, 'credentialSchema', 'schema-type-id', path, out, { idRequired: true });
	checkTypedObjects(doc, 'refreshService', 'refresh-type', path, out);
	checkTypedObjects(doc, 'evidence', 'evidence-type', path, out);
}

/** The data-model rules of a presentation itself (its credentials are judged on their own). */
export function presentationRules(doc: JsonObject, path: string, out: RuleCollector) {
	checkCommon(doc, path, out);
	checkTypeValues(doc, path, out, 'vp');
	if ('holder' in doc) {
		const holder = doc.holder;
		if (typeof holder === 'string') {
			if (!isUrl(holder)) out.fail('holder', at(path, 'holder'), `Found ${show(holder)}.`);
		} else if (!isObject(holder) || !isUrl(holder.id))
			out.fail('holder', at(path, 'holder'), `Found ${show(holder)}.`);
	}
}

/** The rules of an EnvelopedVerifiableCredential / EnvelopedVerifiablePresentation object. */
export function envelopedRules(
	doc: JsonObject,
	path: string,
	out: RuleCollector,
	kind: 'credential' | 'presentation'
) {
	const rule = kind === 'credential' ? 'enveloped-vc' : 'enveloped-vp';
	const type = kind === 'credential' ? 'EnvelopedVerifiableCredential' : 'EnvelopedVerifiablePresentation';
	if (asArray(doc['@context'])[0] !== BASE_CONTEXT)
		out.fail(rule, at(path, '@context'), `Found ${show(doc['@context'] ?? null)}.`);
	if (typeof doc.id !== 'string' || !doc.id.startsWith('data:'))
		out.fail(rule, at(path, 'id'), `Found ${show(doc.id ?? null)}.`);
	if (!typesOf(doc).includes(type)) out.fail(rule, at(path, 'type'), `Found ${show(doc.type ?? null)}.`);
}

export const isEnveloped = (doc: unknown): doc is JsonObject =>
	isObject(doc) &&
	typesOf(doc).some((t) => t === 'EnvelopedVerifiableCredential' || t === 'EnvelopedVerifiablePresentation');
