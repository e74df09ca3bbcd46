// `stackwise verify`: every credential and presentation in a file judged against the VC 2.0
// data model, with its proof, and the same for each credential it encloses (a presentation's
// credentials, a CLR's nested ones). Reads what the importers read: JSON-LD, VC-JWT, enveloped
// documents, badges baked into PNG/SVG, ELM's JAdES and upload wrapper.
import { isJwsJson, jwsJsonPayload, verifyJades } from './elm/index.ts';
import { readEnvelopes } from './openbadges/index.ts';
import { asArray, isObject, typesOf } from './json/index.ts';
import { ImportRefusal } from './records.ts';
import type { ProofCheck } from './verify/index.ts';
import * as vc2 from './vc2/index.ts';
import type { DocumentCheck } from '../../domain/document-check.ts';

const unreadable = (path: string, message: string): DocumentCheck => ({
	path,
	kind: 'credential',
	conforms: false,
	problems: [{ rule: vc2.ruleName('json-ld'), path, message }],
	warnings: [],
	proof: 'unverified',
	proofReason: 'not read',
	credentials: []
});

async function examineOpened(
	opened: vc2.Opened,
	enclosing?: ProofCheck,
	what = 'CLR'
): Promise<DocumentCheck> {
	if (opened.kind === 'presentation') {
		const found = await vc2.conformance(opened.doc, 'presentation', opened.path);
		found.problems.unshift(...opened.problems);
		const proof = await vc2.presentationProof(opened);
		const items = vc2.enclosedItems(opened);
		const readable = items.filter(vc2.isOpened);
		found.problems.push(...vc2.holderClaimProblems(opened, readable, proof));
		const credentials: DocumentCheck[] = [];
		for (const item of items) {
			if (!vc2.isOpened(item)) credentials.push({ ...unreadable(item.path, ''), problems: item.problems });
			else {
				// A self-asserted credential (issued by the holder, no proof of its own) is secured by
				// the presentation's proof.
				const selfAsserted =
					vc2.holderOf(opened.doc) !== null && item.doc.issuer === vc2.holderOf(opened.doc);
				credentials.push(await examineOpened(item, selfAsserted ? proof : undefined, 'presentation'));
			}
		}
		return {
			...vc2.checkOf(opened.path, 'presentation', found, proof, credentials),
			holder: vc2.holderOf(opened.doc)
		};
	}
	const own = await vc2.examineCredential(opened);
	const proof = vc2.coveredBy({ state: own.proof, reason: own.proofReason }, enclosing, what);
	const check = { ...own, proof: proof.state, proofReason: proof.reason };
	if (!typesOf(opened.doc).includes('ClrCredential')) return check;
	const subject = opened.doc.credentialSubject;
	const nested = isObject(subject) ? subject.verifiableCredential : undefined;
	const credentials: DocumentCheck[] = [];
	for (const [i, item] of asArray(nested).entries()) {
		const path = `${opened.path}.credentialSubject.verifiableCredential[${i}]`;
		const inner = vc2.openItem(item, path);
		credentials.push(
			vc2.isOpened(inner)
				? await examineOpened(inner, proof)
				: { ...unreadable(path, ''), problems: inner.problems }
		);
	}
	return vc2.checkOf(check.path, 'credential', check, proof, credentials);
}

/** Every top-level credential or presentation of a file, checked. */
export async function verifyFile(bytes: Uint8Array, file: string): Promise<DocumentCheck[]> {
	let envelopes;
	try {
		envelopes = readEnvelopes(bytes, file);
	} catch (error) {
		const message =
			error instanceof ImportRefusal ? error.issues.map((i) => i.message).join('; ') : String(error);
		return [unreadable(file, `not a credential or presentation this verifier reads: ${message}`)];
	}
	const checks: DocumentCheck[] = [];
	for (const envelope of envelopes) {
		const path = envelopes.length > 1 ? `${file} ${envelope.path}` : file;
		if (envelope.kind === 'url') {
			checks.push(unreadable(path, `holds only the URL ${envelope.url}; nothing is fetched`));
			continue;
		}
		let item: unknown = envelope.kind === 'jws' ? envelope.token : envelope.doc;
		let jades: ProofCheck | undefined;
		if (isJwsJson(item)) {
			jades = await verifyJades(item);
			try {
				item = JSON.parse(jwsJsonPayload(item));
			} catch {
				checks.push(unreadable(path, 'the JAdES payload is not JSON'));
				continue;
			}
		}
		// The European Digital Credential "uploadable" wrapper: {"credential": …}.
		if (isObject(item) && isObject(item.credential) && !item.type && !item['@context'])
			item = item.credential;
		const opened = vc2.openItem(item, '$');
		if (!vc2.isOpened(opened)) {
			checks.push({ ...unreadable(path, ''), problems: opened.problems });
			continue;
		}
		const check =
			jades && opened.kind === 'credential'
				? await vc2.examineCredential(opened, jades)
				: await examineOpened(opened);
		checks.push({ ...check, path });
	}
	return checks;
}
