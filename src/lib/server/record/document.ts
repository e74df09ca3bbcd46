// A learner's record of progress as a CLR 2.0 ClrCredential (1EdTech Comprehensive Learner Record)
// holding Open Badges 3.0 AchievementCredentials: one per award, each carrying the verification
// Stackwise found when it recorded the award (as Evidence), and one for the progress toward a
// qualification (result status InProgress, the share done, and the remaining plan as Evidence).
// Unsigned here; record.ts signs each credential and then the whole (Data Integrity,
// eddsa-rdfc-2022). Every property the 1EdTech schemas require is present, and credentialSchema
// names the published schema ids.
import type { Verification } from '../../domain/types.ts';

export const CONTEXTS = {
	vc: 'https://www.w3.org/ns/credentials/v2',
	ob: 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
	clr: 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json'
} as const;

export const SCHEMAS = {
	achievement:
		'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json',
	clr: 'https://purl.imsglobal.org/spec/clr/v2p0/schema/json/clr_v2p0_clrcredential_schema.json'
} as const;

// The schema validator's type is the W3C VC JSON Schema one: the VC 2.0 context defines it, so the
// document stays within its contexts (JSON-LD safe mode, which signing uses), whereas the
// 1EdTechJsonSchemaValidator2019 term is defined by no context the OB 3.0 / CLR 2.0 documents name.
const schema = (id: string) => [{ id, type: 'JsonSchema' }];

export type RecordCredential = {
	id: string;
	title: string;
	kind: string;
	description: string | null;
};

export type RecordAward = {
	id: string;
	credential: RecordCredential;
	issuedOn: string;
	expiresOn: string | null;
	verification: Verification;
	verificationReason: string;
};

export type RecordProgress = {
	qualification: RecordCredential;
	/** 0–1: the share of the smallest complete set in hand. */
	share: number;
	inHand: number;
	ofTotal: number | null;
	achieved: boolean;
	/** Held credentials that count toward it. */
	counted: RecordCredential[];
	/** The shortest way to finish, in order; null when no plan could be made. */
	plan: RecordCredential[] | null;
};

export type RecordFacts = {
	/** How the record names the learner (the pseudonym the pages show). */
	learnerKey: string;
	issuer: { did: string; name: string };
	/** ISO instant of issue. */
	issuedAt: string;
	/** A unique id for the record (urn:uuid:…). */
	recordId: string;
	awards: RecordAward[];
	progress: RecordProgress | null;
};

/** The URI a Stackwise catalogue id is given inside a record (OB 3.0 wants achievement ids to be URIs). */
export const achievementUri = (id: string) => `urn:stackwise:credential:${encodeURIComponent(id)}`;

const ACHIEVEMENT_TYPE: Record<string, string> = {
	macro: 'Certificate',
	micro: 'MicroCredential',
	unit: 'Course',
	participation: 'CoCurricular'
};

function achievement(c: RecordCredential) {
	return {
		id: achievementUri(c.id),
		type: ['Achievement'],
		achievementType: ACHIEVEMENT_TYPE[c.kind] ?? 'Achievement',
		name: c.title,
		description: c.description ?? c.title,
		criteria: { narrative: `As the catalogue of the issuing Stackwise deployment defines ${c.id}.` },
		humanCode: c.id
	};
}

const dayStart = (date: string) => `${date}T00:00:00Z`;
const pct = (x: number) => `${Math.round(x * 100)}%`;
const list = (cs: RecordCredential[]) => cs.map((c, i) => `${i + 1}. ${c.title} (${c.id})`).join('\n');

export function recordDocument(facts: RecordFacts): Record<string, unknown> {
	const issuer = { id: facts.issuer.did, type: ['Profile'], name: facts.issuer.name };
	const subjectId = `urn:stackwise:learner:${encodeURIComponent(facts.learnerKey)}`;
	const awards = facts.awards.map((a) => ({
		...envelope(
			issuer,
			`urn:stackwise:award:${encodeURIComponent(a.id)}`,
			a.credential.title,
			dayStart(a.issuedOn)
		),
		...(a.expiresOn ? { validUntil: dayStart(a.expiresOn) } : {}),
		awardedDate: dayStart(a.issuedOn),
		credentialSubject: {
			id: subjectId,
			type: ['AchievementSubject'],
			achievement: achievement(a.credential)
		},
		evidence: [
			{
				type: ['Evidence'],
				name: 'Verification when Stackwise recorded the award',
				genre: 'Verification',
				description: `${a.verification}: ${a.verificationReason}`
			}
		]
	}));
	const p = facts.progress;
	const progress = p && progressCredential(p, { issuer, subjectId, facts });
	const achievements = new Map<string, ReturnType<typeof achievement>>();
	for (const a of facts.awards) achievements.set(a.credential.id, achievement(a.credential));
	if (p) achievements.set(p.qualification.id, achievement(p.qualification));
	return {
		'@context': [CONTEXTS.vc, CONTEXTS.clr, CONTEXTS.ob],
		id: facts.recordId,
		type: ['VerifiableCredential', 'ClrCredential'],
		name: p
			? `Learner record: awards and progress toward ${p.qualification.title}`
			: 'Learner record: awards',
		description:
			'Awards with the verification each had when Stackwise recorded it, and progress toward a qualification with the remaining plan.',
		issuer,
		validFrom: facts.issuedAt,
		credentialSchema: schema(SCHEMAS.clr),
		credentialSubject: {
			id: subjectId,
			type: ['ClrSubject'],
			achievement: [...achievements.values()],
			verifiableCredential: [...awards, ...(progress ? [progress] : [])]
		}
	};
}

type Issuer = { id: string; type: string[]; name: string };

/** What every achievement credential of the record carries. */
function envelope(issuer: Issuer, id: string, name: string, validFrom: string) {
	return {
		'@context': [CONTEXTS.vc, CONTEXTS.ob],
		id,
		type: ['VerifiableCredential', 'AchievementCredential'],
		name,
		issuer,
		validFrom,
		credentialSchema: schema(SCHEMAS.achievement)
	};
}

/** The progress toward a qualification, with what counts toward it and the plan to finish. */
function progressCredential(
	p: NonNullable<RecordFacts['progress']>,
	{ issuer, subjectId, facts }: { issuer: Issuer; subjectId: string; facts: RecordFacts }
) {
	return {
		...envelope(
			issuer,
			`${facts.recordId}#progress`,
			`Progress toward ${p.qualification.title}`,
			facts.issuedAt
		),
		credentialSubject: {
			id: subjectId,
			type: ['AchievementSubject'],
			achievement: achievement(p.qualification),
			result: [
				{
					type: ['Result'],
					status: p.achieved ? 'Completed' : 'InProgress',
					value: p.achieved
						? '100%'
						: `${pct(p.share)}${p.ofTotal !== null ? ` (${p.inHand} of ${p.ofTotal} credentials)` : ''}`
				}
			]
		},
		evidence: [
			{
				type: ['Evidence'],
				name: 'Credentials held that count toward it',
				genre: 'Progress',
				narrative: p.counted.length ? list(p.counted) : 'None yet.'
			},
			...(p.achieved
				? []
				: [
						{
							type: ['Evidence'],
							name: 'Remaining plan: the shortest way to finish',
							genre: 'Plan',
							narrative: p.plan ? list(p.plan) : 'The catalogue offers no way to finish it.'
						}
					])
		]
	};
}
