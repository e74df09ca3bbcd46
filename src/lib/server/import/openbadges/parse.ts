// The Open Badges parser: Open Badges 2.0, Open Badges 3.0 and CLR 2.0, as JSON(-LD), VC-JWT, or
// baked into PNG/SVG. One unit per credential read (a CLR is one unit for its catalogue part and
// one per nested credential), each either rows or the reasons it was rejected.
import { ImportRefusal, type ImportIssue, type ParsedUnit, type SourceLocation } from '../records.ts';
import {
	DEFAULT_JSON_LIMITS,
	parseJsonLimited,
	type JsonLimits,
	asArray,
	isObject,
	str,
	type JsonObject
} from '../json/index.ts';
import {
	decide,
	type ProofCheck,
	type VerificationOutcome,
	decodeCompactJws,
	checkStatus,
	validityProblem
} from '../verify/index.ts';
import { coveredBy, examineCredential, isOpened, openJws } from '../vc2/index.ts';
import type { DocumentCheck } from '../../../domain/document-check.ts';
import { readEnvelopes, type Envelope } from './envelope.ts';
import { mapClrCatalogue } from './clr.ts';
import { isOb2Document, mapOb2Document } from './ob2.ts';
import { mapAchievementCredential, mapEndorsement, type Mapped } from './ob3.ts';
import { checkStructure, vcKind } from './structure.ts';

export type OpenBadgesInput = {
	/** The file name, named in every issue. */
	file: string;
	bytes: Uint8Array;
	/** The instant expiry is judged against; defaults to the present. */
	now?: Date;
	/**
	 * Documents supplied with the import, by id: OB 2.0 BadgeClasses, Issuers, keys and revocation
	 * lists; status list credentials. Nothing is fetched: what `resolve` does not return is missing.
	 */
	resolve?: (id: string) => unknown;
	limits?: JsonLimits;
};

export type Context = { file: string; now: Date; resolve?: (id: string) => unknown; limits: JsonLimits };

/** What reading one file needs, with the defaults filled in (Open Badges and presentations). */
export const contextOf = (input: OpenBadgesInput): Context => ({
	file: input.file,
	now: input.now ?? new Date(),
	resolve: input.resolve,
	limits: input.limits ?? DEFAULT_JSON_LIMITS
});

export async function* parseOpenBadges(input: OpenBadgesInput): AsyncGenerator<ParsedUnit> {
	const ctx = contextOf(input);
	const envelopes = readEnvelopes(input.bytes, input.file, ctx.limits);
	for (const envelope of envelopes) yield* readEnvelope(envelope, ctx);
}

const at = (ctx: Context, path: string): SourceLocation => ({ file: ctx.file, path });

function rejected(
	ctx: Context,
	path: string,
	issues: ImportIssue[] | string,
	documents?: DocumentCheck[]
): ParsedUnit {
	return {
		kind: 'rejected',
		at: at(ctx, path),
		issues: typeof issues === 'string' ? [{ file: ctx.file, path, message: issues }] : issues,
		...(documents ? { documents } : {})
	};
}

function unitOf(
	ctx: Context,
	path: string,
	mapped: Mapped,
	documents?: DocumentCheck[],
	warnings?: ImportIssue[]
): ParsedUnit {
	if (mapped.issues) return rejected(ctx, path, mapped.issues, documents);
	return {
		kind: 'rows',
		at: at(ctx, path),
		rows: mapped.rows,
		...(warnings?.length ? { warnings } : {}),
		...(documents ? { documents } : {})
	};
}

/** What a credential inherits from the document around it (a CLR's or a presentation's proof). */
export type Enclosing = { proof: ProofCheck; what: 'CLR' | 'presentation' };

export async function* readEnvelope(
	envelope: Envelope,
	ctx: Context,
	inherited?: Enclosing
): AsyncGenerator<ParsedUnit> {
	const { path } = envelope;
	if (envelope.kind === 'url') {
		yield rejected(
			ctx,
			path,
			`the badge holds only the URL ${envelope.url} of a hosted assertion; nothing is fetched`
		);
		return;
	}
	if (envelope.kind === 'jws') {
		yield* readJwsEnvelope(envelope.token, path, ctx, inherited);
		return;
	}
	const doc = envelope.doc;
	if (!isObject(doc)) return yield rejected(ctx, path, 'not a JSON object');
	const isVc =
		asArray(doc.type ?? doc['@type']).includes('VerifiableCredential') || 'credentialSubject' in doc;
	if (!isVc) {
		// Not a verifiable credential: read as Open Badges 2.0 (which names what it expected if not).
		yield unitOf(
			ctx,
			path,
			await mapOb2Document({
				doc,
				source: doc,
				resolve: ctx.resolve,
				now: ctx.now,
				ctx: { file: ctx.file, path }
			})
		);
		return;
	}
	yield* readCredential({ credential: doc, source: doc, path, ctx, inherited });
}

/** A compact JWS: its payload is a JWT VC (`vc`), an Open Badges 2.0 assertion, or a VC secured with JOSE. */
async function* readJwsEnvelope(
	token: string,
	path: string,
	ctx: Context,
	inherited: Enclosing | undefined
): AsyncGenerator<ParsedUnit> {
	const decoded = decodeCompactJws(token);
	if (!decoded) return yield rejected(ctx, path, 'not a well-formed compact JWS');
	let payload: unknown;
	try {
		payload = parseJsonLimited(decoded.payload, ctx.file, ctx.limits);
	} catch (error) {
		const issues =
			error instanceof ImportRefusal
				? error.issues.map((i) => ({ ...i, path }))
				: [{ file: ctx.file, path, message: String(error) }];
		return yield rejected(
			ctx,
			path,
			issues.map((i) => ({ ...i, message: `JWS payload: ${i.message}` }))
		);
	}
	if (!isObject(payload)) return yield rejected(ctx, path, 'JWS payload is not a JSON object');
	if (!isObject(payload.vc) && isOb2Document(payload)) {
		yield unitOf(
			ctx,
			path,
			await mapOb2Document({
				doc: payload,
				jws: token,
				source: { jws: token },
				resolve: ctx.resolve,
				now: ctx.now,
				ctx: { file: ctx.file, path }
			})
		);
		return;
	}
	// A JWT VC holds the credential in `vc`; VC 2.0 secured with JOSE is the credential itself.
	yield* readCredential({
		credential: isObject(payload.vc) ? payload.vc : payload,
		jws: token,
		claims: payload,
		source: { jwt: token },
		path,
		ctx,
		inherited
	});
}

const unixToIso = (s: unknown) =>
	typeof s === 'number' && Number.isFinite(s) ? new Date(s * 1000).toISOString() : undefined;

async function* readCredential({
	credential,
	jws,
	claims,
	source,
	path,
	ctx,
	inherited
}: {
	credential: JsonObject;
	jws?: string;
	claims?: JsonObject;
	source: unknown;
	path: string;
	ctx: Context;
	inherited?: Enclosing;
}): AsyncGenerator<ParsedUnit> {
	// The VC 2.0 verdict and the proof, as `stackwise verify` gives them; reported beside the record.
	const opened = jws ? openJws(jws, path) : undefined;
	const examined = await examineCredential(
		opened && isOpened(opened)
			? opened
			: { path, kind: 'credential', doc: credential, jws, claims, problems: [] }
	);
	const proof = coveredBy(
		{ state: examined.proof, reason: examined.proofReason },
		inherited?.proof,
		inherited?.what ?? 'CLR'
	);
	const document: DocumentCheck = { ...examined, proof: proof.state, proofReason: proof.reason };

	const kind = vcKind(credential);
	const problems = checkStructure(credential, { viaJwt: jws !== undefined });
	if (problems.length > 0 || !kind) {
		yield rejected(
			ctx,
			path,
			problems.map((p) => ({
				file: ctx.file,
				path: path === '$' ? p.path : path + p.path.slice(1),
				message: p.message
			})),
			[document]
		);
		return;
	}

	const validity = validityProblem({
		validFrom: credential.validFrom ?? credential.issuanceDate ?? unixToIso(claims?.nbf),
		validUntil: credential.validUntil ?? credential.expirationDate ?? unixToIso(claims?.exp),
		now: ctx.now
	});
	const status = await checkStatus({ credential, resolve: ctx.resolve });
	const outcome: VerificationOutcome = decide({ proof, validity, status });
	const mapCtx = { file: ctx.file, path };

	if (kind === 'endorsement') {
		// An endorsement records no award; one whose proof or dates fail is not taken as evidence of anything.
		if (outcome.verification === 'failed')
			return yield rejected(ctx, path, `endorsement not accepted: ${outcome.verificationReason}`, [document]);
		return yield unitOf(ctx, path, mapEndorsement(credential), [document]);
	}
	if (kind === 'ob3')
		return yield unitOf(
			ctx,
			path,
			mapAchievementCredential({ credential, outcome, source, jwtClaims: claims, ctx: mapCtx }),
			[document]
		);

	yield* readClr({ credential, outcome, document, path, ctx });
}

/**
 * CLR: the nested credentials first (each its own unit, covered by the CLR's verdict), then the
 * CLR's catalogue, whose stacking rules may name their achievements.
 */
async function* readClr({
	credential,
	outcome,
	document,
	path,
	ctx
}: {
	credential: JsonObject;
	outcome: VerificationOutcome;
	document: DocumentCheck;
	path: string;
	ctx: Context;
}): AsyncGenerator<ParsedUnit> {
	const subject = isObject(credential.credentialSubject) ? credential.credentialSubject : {};
	const knownIds = new Set<string>();
	const clrProof: ProofCheck = { state: outcome.verification, reason: outcome.verificationReason };
	for (const [i, nested] of asArray(subject.verifiableCredential).entries()) {
		const nestedPath = `${path}.credentialSubject.verifiableCredential[${i}]`;
		const envelope: Envelope =
			typeof nested === 'string'
				? { kind: 'jws', path: nestedPath, token: nested.trim() }
				: { kind: 'json', path: nestedPath, doc: nested };
		if (
			isObject(nested) &&
			isObject(nested.credentialSubject) &&
			isObject(nested.credentialSubject.achievement)
		) {
			const id = str(nested.credentialSubject.achievement.id);
			if (id) knownIds.add(id);
		}
		yield* readEnvelope(envelope, ctx, { proof: clrProof, what: 'CLR' });
	}
	const catalogue = mapClrCatalogue({ clr: credential, ctx: { file: ctx.file, path }, knownIds });
	yield {
		kind: 'rows',
		at: at(ctx, path),
		rows: catalogue.rows,
		...(catalogue.warnings.length ? { warnings: catalogue.warnings } : {}),
		documents: [document]
	};
}
