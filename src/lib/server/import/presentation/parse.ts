// Verifiable Presentations: what a learner's wallet hands over (and other W3C verifiable
// credentials, which are read to be named rather than skipped as unknown). The presentation itself is not a
// record: its VC 2.0 verdict, holder and proof are checked and reported beside the first of its
// credentials. Each credential it encloses (JSON-LD, VC-JWT, enveloped) goes through the importer
// of its own format — Open Badges 3.0 / CLR 2.0 or ELM — with its own verification: a holder's
// signature on the presentation says nothing about an issuer's claims. The one exception is a
// credential the holder issued and did not sign on its own (a self-asserted claim, §4.13.4),
// which the presentation's proof covers.
import {
	readEnvelopes,
	contextOf,
	readEnvelope,
	type Context,
	type OpenBadgesInput,
	vcKind
} from '../openbadges/index.ts';
import { isElmCredential, readElmCredential } from '../elm/index.ts';
import { idOf } from '../json/index.ts';
import { ImportRefusal, type ImportIssue, type ParsedUnit } from '../records.ts';
import {
	checkOf,
	conformance,
	enclosedItems,
	examineCredential,
	holderClaimProblems,
	holderOf,
	isOpened,
	openItem,
	presentationProof,
	securedOnItsOwn,
	type Opened
} from '../vc2/index.ts';
import type { DocumentCheck, Vc2Problem } from '../../../domain/document-check.ts';
import type { ProofCheck } from '../verify/index.ts';

const issuesOf = (file: string, problems: Vc2Problem[]): ImportIssue[] =>
	problems.map((p) => ({ file, path: p.path, message: `${p.rule}: ${p.message}` }));

/** Adds what was found about a credential's envelope (an enveloped object's rules) to its verdict. */
function withEnvelope(unit: ParsedUnit, item: Opened): ParsedUnit {
	if (item.problems.length === 0 || !unit.documents) return unit;
	return {
		...unit,
		documents: unit.documents.map((d) =>
			d.path === item.path ? { ...d, conforms: false, problems: [...item.problems, ...d.problems] } : d
		)
	};
}

async function* enclosedUnits(
	presentation: Opened,
	vpProof: DocumentCheck,
	ctx: Context
): AsyncGenerator<ParsedUnit> {
	const holder = holderOf(presentation.doc);
	const proof = { state: vpProof.proof, reason: vpProof.proofReason };
	for (const item of enclosedItems(presentation)) {
		if (!isOpened(item)) {
			yield {
				kind: 'rejected',
				at: { file: ctx.file, path: item.path },
				issues: issuesOf(ctx.file, item.problems)
			};
			continue;
		}
		const selfAsserted = holder !== null && idOf(item.doc.issuer) === holder && !securedOnItsOwn(item);
		if (item.kind === 'presentation')
			yield {
				kind: 'rejected',
				at: { file: ctx.file, path: item.path },
				issues: [
					{ file: ctx.file, path: item.path, message: 'a presentation inside a presentation is not read' }
				]
			};
		else yield* credentialUnits(item, ctx, selfAsserted ? proof : undefined);
	}
}

/**
 * One verifiable credential, through the importer of its format (Open Badges 3.0 / CLR 2.0, or
 * ELM); any other kind of credential is rejected with its type named, its VC 2.0 verdict beside it.
 * `enclosing`: the proof of the presentation it is the holder's own claim in.
 */
async function* credentialUnits(
	item: Opened,
	ctx: Context,
	enclosing?: ProofCheck
): AsyncGenerator<ParsedUnit> {
	if (vcKind(item.doc)) {
		const envelope = item.jws
			? { kind: 'jws' as const, path: item.path, token: item.jws }
			: { kind: 'json' as const, path: item.path, doc: item.doc };
		for await (const unit of readEnvelope(
			envelope,
			ctx,
			enclosing ? { proof: enclosing, what: 'presentation' } : undefined
		))
			yield withEnvelope(unit, item);
	} else if (isElmCredential(item.doc)) {
		for await (const unit of readElmCredential({
			credential: item.doc,
			source: item.jws ? { jwt: item.jws } : item.doc,
			file: ctx.file,
			path: item.path,
			now: ctx.now,
			enclosing
		}))
			yield withEnvelope(unit, item);
	} else {
		const check = await examineCredential(item);
		yield {
			kind: 'rejected',
			at: { file: ctx.file, path: item.path },
			issues: [
				{
					file: ctx.file,
					path: `${item.path}.type`,
					message: `a verifiable credential of type ${JSON.stringify(item.doc.type ?? null)}: Stackwise records Open Badges 3.0, CLR 2.0 and European Learning Model credentials (\`stackwise verify\` judges any)`
				}
			],
			documents: [check]
		};
	}
}

/**
 * A file of verifiable presentations, or of credentials that are no Open Badges / ELM record
 * (read so they are named, not skipped as unknown).
 */
export async function* parsePresentation(input: OpenBadgesInput): AsyncGenerator<ParsedUnit> {
	const ctx = contextOf(input);
	for (const envelope of readEnvelopes(input.bytes, input.file, ctx.limits)) {
		const opened = openItem(
			envelope.kind === 'jws' ? envelope.token : envelope.kind === 'json' ? envelope.doc : envelope.url,
			envelope.path
		);
		if (!isOpened(opened))
			throw new ImportRefusal([
				{ file: input.file, path: envelope.path, message: 'not a verifiable credential or presentation' },
				...issuesOf(input.file, opened.problems)
			]);
		if (opened.kind === 'credential') {
			yield* credentialUnits(opened, ctx);
			continue;
		}
		const found = await conformance(opened.doc, 'presentation', opened.path);
		found.problems.unshift(...opened.problems);
		const proof = await presentationProof(opened);
		const readable = enclosedItems(opened).filter(isOpened);
		found.problems.push(...holderClaimProblems(opened, readable, proof));
		const check: DocumentCheck = {
			...checkOf(opened.path, 'presentation', found, proof),
			holder: holderOf(opened.doc)
		};
		let first = true;
		for await (const unit of enclosedUnits(opened, check, ctx)) {
			if (!first) {
				yield unit;
				continue;
			}
			first = false;
			// The presentation's own verdict travels with its first credential.
			yield { ...unit, documents: [check, ...(unit.documents ?? [])] };
		}
		if (first)
			throw new ImportRefusal([
				{
					file: input.file,
					path: opened.path,
					message: `the presentation holds no credentials, so there is nothing to import (holder ${check.holder ?? 'not named'}, proof ${check.proof})`
				},
				...issuesOf(input.file, check.problems)
			]);
	}
}
