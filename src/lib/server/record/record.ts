// A learner's signed record (document.ts): their awards with the verification each had when
// recorded, their progress toward a qualification (the one asked for, else the nearest unfinished
// one, as the learner page's summary names it) and the remaining plan. Each enclosed credential is
// signed, then the CLR around them, with the deployment's issuer key (Data Integrity,
// eddsa-rdfc-2022, the same libraries that verify imports; contexts from the bundled set only).
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import jsigs from 'jsonld-signatures';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import type { Db } from '../db/client.ts';
import type { Verification } from '../../domain/types.ts';
import { learnerProgress } from '../../domain/stacking/index.ts';
import { offlineDocumentLoader } from '../import/jsonld/index.ts';
import { getCatalogueIndex } from '../queries/catalogue-cache.ts';
import { getLearnerHoldings, getPlan, getProgress } from '../queries/pathway.ts';
import type { IssuerKey } from './keys.ts';
import { recordDocument, type RecordCredential, type RecordFacts, type RecordProgress } from './document.ts';

export class RecordError extends Error {}

async function sign(doc: Record<string, unknown>, key: IssuerKey): Promise<Record<string, unknown>> {
	return (await jsigs.sign(doc, {
		suite: new DataIntegrityProof({
			signer: Object.assign(key.signer() as object, { id: key.verificationMethod }),
			cryptosuite: eddsaRdfc2022
		}),
		purpose: new jsigs.purposes.AssertionProofPurpose(),
		documentLoader: offlineDocumentLoader()
	})) as Record<string, unknown>;
}

/** Signs each enclosed credential, then the record around them. */
export async function signRecord(
	doc: Record<string, unknown>,
	key: IssuerKey
): Promise<Record<string, unknown>> {
	const subject = doc.credentialSubject as { verifiableCredential: Record<string, unknown>[] };
	const signed: Record<string, unknown>[] = [];
	for (const vc of subject.verifiableCredential) signed.push(await sign(vc, key));
	return sign({ ...doc, credentialSubject: { ...subject, verifiableCredential: signed } }, key);
}

export async function getLearnerRecordFacts(
	db: Db,
	{
		learnerId,
		qualification = null,
		issuer,
		now = new Date()
	}: { learnerId: string; qualification?: string | null; issuer: { did: string; name: string }; now?: Date }
): Promise<RecordFacts> {
	const [learner] = await db.query<{ id: string; pseudonym: string | null }>(
		sql`select id, pseudonym from learners where id = ${learnerId}`
	);
	if (!learner) throw new RecordError(`no learner "${learnerId}"`);
	const index = await getCatalogueIndex(db);
	const credential = (id: string): RecordCredential => {
		const c = index.credentials.get(id);
		return { id, title: c?.title ?? id, kind: c?.kind ?? 'micro', description: c?.description ?? null };
	};
	const rows = await db.query<{
		id: string;
		credential_id: string;
		issued_on: string;
		expires_on: string | null;
		verification: Verification;
		verification_reason: string | null;
	}>(sql`select id, credential_id, issued_on::text as issued_on, expires_on::text as expires_on,
			verification, verification_reason
		from awards where learner_id = ${learnerId} order by issued_on, id`);
	const held = await getLearnerHoldings(db, learnerId);
	const { qualifications } = await getProgress(db, { held, onlyReachable: true });
	let target = qualification;
	if (target !== null) {
		if (!index.topGroups.has(target))
			throw new RecordError(
				`--qualification: "${target}" is not a qualification in the catalogue (it has no requirement groups)`
			);
	} else target = qualifications.find((q) => !q.achieved && q.stillNeeded !== null)?.target ?? null;
	let progress: RecordProgress | null = null;
	if (target !== null) {
		const q =
			qualifications.find((x) => x.target === target) ??
			learnerProgress({ catalogue: index, held, targets: [target] }).qualifications[0];
		const plan = q.achieved ? null : await getPlan(db, { held, target });
		progress = {
			qualification: credential(target),
			share: q.share,
			inHand:
				q.neededFromScratch !== null && q.stillNeeded !== null
					? Math.max(0, q.neededFromScratch - q.stillNeeded)
					: 0,
			ofTotal: q.neededFromScratch,
			achieved: q.achieved,
			counted: q.counted.map(credential),
			plan: plan?.ok ? plan.plan.credentials.map(credential) : null
		};
	}
	return {
		// The pseudonym the pages show, as they do: the raw id stays in the database.
		learnerKey: learner.pseudonym ?? learnerId,
		issuer,
		issuedAt: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
		recordId: `urn:uuid:${randomUUID()}`,
		awards: rows.map((r) => ({
			id: r.id,
			credential: credential(r.credential_id),
			issuedOn: r.issued_on,
			expiresOn: r.expires_on,
			verification: r.verification,
			verificationReason: r.verification_reason ?? 'no reason recorded'
		})),
		progress
	};
}

/** The learner's record, signed with `key`. */
export async function getLearnerRecord(
	db: Db,
	options: {
		learnerId: string;
		qualification?: string | null;
		key: IssuerKey;
		issuerName?: string;
		now?: Date;
	}
): Promise<Record<string, unknown>> {
	const facts = await getLearnerRecordFacts(db, {
		...options,
		issuer: { did: options.key.did, name: options.issuerName ?? 'Stackwise' }
	});
	return signRecord(recordDocument(facts), options.key);
}
