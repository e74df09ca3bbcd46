// The European Learning Model v3 parser: ELM JSON-LD credentials (EuropeanDigitalCredential),
// plain, wrapped for upload ({"credential": …}), or signed as JAdES (JWS JSON serialisation).
// One unit per credential. ELM v2 XML is refused with the reason (not supported).
import { ImportRefusal, type ParsedUnit } from '../records.ts';
import {
	asArray,
	decodeText,
	isObject,
	parseJsonLimited,
	type JsonLimits,
	type JsonObject
} from '../json/index.ts';
import { decide, type ProofCheck, validityProblem } from '../verify/index.ts';
import { coveredBy, examineCredential } from '../vc2/index.ts';
import type { DocumentCheck } from '../../../domain/document-check.ts';
import { isJwsJson, jwsJsonPayload, verifyJades } from './jades.ts';
import { mapElmCredential } from './map.ts';

export type ElmInput = { file: string; bytes: Uint8Array; now?: Date; limits?: JsonLimits };

export function isElmCredential(doc: JsonObject): boolean {
	const types = asArray(doc.type);
	return (
		types.includes('EuropeanDigitalCredential') ||
		asArray(doc['@context']).some(
			(c) => typeof c === 'string' && c.includes('data.europa.eu/snb/model/context')
		)
	);
}

export async function* parseElm(input: ElmInput): AsyncGenerator<ParsedUnit> {
	const { file } = input;
	const { limits } = input;
	const now = input.now ?? new Date();
	const text = decodeText(input.bytes, file).trim();
	if (text.startsWith('<'))
		throw new ImportRefusal([
			{
				file,
				message: 'ELM v2 XML (and its XMLDSig signature) is not supported; import the ELM v3 JSON-LD form'
			}
		]);
	let doc = parseJsonLimited(text, file, limits);
	if (!isObject(doc)) throw new ImportRefusal([{ file, message: 'not a JSON object' }]);

	let proof: ProofCheck | undefined;
	const source: unknown = doc;
	if (isJwsJson(doc)) {
		proof = await verifyJades(doc);
		doc = parseJsonLimited(jwsJsonPayload(doc), file, limits);
		if (!isObject(doc))
			throw new ImportRefusal([{ file, path: '$.payload', message: 'signed payload is not a JSON object' }]);
	}
	if (isObject(doc.credential) && !doc.type) doc = doc.credential; // the EDC "uploadable" wrapper
	if (!isObject(doc) || !isElmCredential(doc))
		throw new ImportRefusal([
			{
				file,
				message: 'not a European Digital Credential (type EuropeanDigitalCredential or the ELM context)'
			}
		]);
	yield* readElmCredential({
		credential: doc,
		proof,
		source: isJwsJson(source) ? source : doc,
		file,
		path: '$',
		now
	});
}

/**
 * One European Digital Credential: its VC 2.0 verdict and proof (`proof` when its JAdES
 * signature was checked already), its validity, and its rows.
 */
export async function* readElmCredential({
	credential,
	proof,
	source,
	file,
	path,
	now,
	enclosing
}: {
	credential: JsonObject;
	proof?: ProofCheck;
	source: unknown;
	file: string;
	path: string;
	now: Date;
	/** The proof of the presentation it came in, when it is the holder's own claim. */
	enclosing?: ProofCheck;
}): AsyncGenerator<ParsedUnit> {
	const examined = await examineCredential(
		{ path, kind: 'credential', doc: credential, problems: [] },
		proof
	);
	const checked = coveredBy(
		{ state: examined.proof, reason: examined.proofReason },
		enclosing,
		'presentation'
	);
	const document: DocumentCheck = { ...examined, proof: checked.state, proofReason: checked.reason };
	const validity = validityProblem({
		validFrom: credential.validFrom ?? credential.issuanceDate,
		validUntil: credential.validUntil ?? credential.expirationDate,
		now
	});
	const outcome = decide({ proof: checked, validity });
	const mapped = mapElmCredential({ credential, outcome, source, file, path });
	if ('issues' in mapped)
		yield { kind: 'rejected', at: { file, path }, issues: mapped.issues, documents: [document] };
	else
		yield {
			kind: 'rows',
			at: { file, path },
			rows: mapped.rows,
			...(mapped.warnings.length ? { warnings: mapped.warnings } : {}),
			documents: [document]
		};
}
