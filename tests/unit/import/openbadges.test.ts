// Every vendored 1EdTech fixture through the Open Badges parser, with the outcome we expect of
// it: the verification state of its award(s), or rejected/refused with a reason. `*-err-*` files
// must never come out verified.
import { describe, expect, it } from 'vitest';
import { parseOpenBadges } from '../../../src/lib/server/import/openbadges/parse.ts';
import { UNRESOLVED_BADGE } from '../../../src/lib/server/import/records.ts';
import {
	collect,
	fixture,
	fixtureFiles,
	NOW,
	openBadgesResolver,
	rowsOf,
	type Collected
} from './helpers.ts';

type Expect = 'verified' | 'unverified' | 'failed' | 'unsigned' | 'rejected' | 'refused' | 'no-award';

const EXPECTED: Record<string, Expect | Expect[]> = {
	// Open Badges 3.0
	'ob30/simple.1ob': 'verified', // eddsa-rdfc-2022, key in the verificationMethod fragment
	'ob30/simple-context-version.json': 'verified', // OB context 3.0.2
	'ob30/simple-did-key-method.json': 'verified', // did:key decoded offline
	'ob30/simple-did-web-method.json': 'verified', // fragment key, controller = issuer
	'ob30/simple-eddsa-2022.json': 'verified', // legacy eddsa-2022 on the v1 Data Integrity context
	'ob30/simple_v1.json': 'verified', // Ed25519Signature2020
	'ob30/sd/derivedcredential.json': 'verified', // ecdsa-sd-2023 derived proof
	'ob30/simple-noproof.json': 'unsigned',
	'ob30/simple.jwt': 'unverified', // RS256 without jwk or kid: the issuer key would have to be fetched
	'ob30/velocity.jwt': 'unverified', // kid is a did:velocity
	'ob30/simple-jwt.png': 'verified', // VC-JWT with an embedded jwk, baked in iTXt
	'ob30/simple-jwt_v1.png': 'verified',
	'ob30/simple-jwt.svg': 'verified',
	'ob30/simple-jwt_v1.svg': 'verified',
	'ob30/simple-json.svg': 'verified',
	'ob30/credential-status-revoked.json': 'unverified', // 1EdTechRevocationList cannot be read offline
	'ob30/bit-string-list/credential-status-revoked.json': 'failed', // bit 23 set in the bundled list
	'ob30/bit-string-list/credential-status-revoked-blank-nodes.json': 'failed',
	'ob30/bit-string-list/testlist': 'rejected', // a status list, not a badge
	'ob30/endorsement-valid.json': 'no-award',
	'ob30/endorsement-err-schema-status-refresh.json': 'rejected', // its proof does not verify
	'ob30/simple-err-context.json': 'rejected',
	'ob30/simple-err-credential-subject-achievement-result-description-type.json': 'rejected',
	'ob30/simple-err-credential-subject-identifier-type.json': 'rejected',
	'ob30/simple-err-credential-subject-profile-type.json': 'rejected',
	'ob30/simple-err-credential-subject-result-type.json': 'rejected',
	'ob30/simple-err-credential-subject-type.json': 'rejected',
	'ob30/simple-err-evidence-type.json': 'rejected',
	'ob30/simple-err-expired.json': 'failed',
	'ob30/simple-err-issued.json': 'failed', // valid from 2040
	'ob30/simple-err-issuer-otheridentifier-type.json': 'rejected',
	'ob30/simple-err-issuer-type.json': 'rejected',
	'ob30/simple-err-issuer.json': 'rejected',
	'ob30/simple-err-proof-method-no-scheme.json': 'failed',
	'ob30/simple-err-proof-method-unknown-scheme.json': 'failed',
	'ob30/simple-err-proof-method.json': 'failed',
	'ob30/simple-err-type.json': 'rejected',
	// CLR 2.0: the nested credential's award, then the CLR's catalogue unit
	'clr20/simple.json': ['verified', 'no-award'],
	// The nested Ed25519Signature2020 credentials use a credentialSchema type no context defines
	// (JSON-LD safe mode), so their proofs cannot hold.
	'clr20/simple-noproof.json': ['failed', 'no-award'],
	'clr20/simple_old_safesigned.json': ['failed', 'no-award'],
	// Open Badges 2.0, with the validator's assets supplied as companion documents
	'ob20/basic-assertion.json': 'unverified', // hosted: checking means fetching
	'ob20/assertion-with-data-image.json': 'unverified',
	'ob20/assertion-with-endorsements.json': 'unverified',
	'ob20/assertion-with-extension-node-invalid.json': 'unverified',
	'ob20/basic-assertion-with-language.json': 'unverified',
	'ob20/basic-assertion-no-public-key.json': 'unverified',
	'ob20/basic-assertion-with-allowed-origins-valid-starts-with.json': 'unverified',
	// Its BadgeClass is not among the validator's assets: stored as an award of an unresolved badge
	// (nothing is fetched), never verified.
	'ob20/basic-assertion-with-allowed-origins-invalid-starts-with.json': 'unverified',
	'ob20/warning-with-redirection.json': 'unverified',
	'ob20/warning-issuer-non-http.json': 'unverified',
	'ob20/simple-badge.png': 'unverified',
	'ob20/basic-assertion-expired-before-issued.json': 'failed',
	'ob20/basic-assertion-in-future.json': 'failed',
	'ob20/basic-assertion-invalid-context.json': 'rejected',
	'ob20/basic-assertion-invalid-type.json': 'rejected',
	'ob20/redirected-validation-subject.json': 'refused', // // comments: not JSON
	'ob20/issuer-compact-iri-validation.json': 'no-award',
	'ob20/rdf-validation/invalid-class.json': 'rejected'
};

function outcomes(result: Collected): Expect[] {
	if (result.refusal) return ['refused'];
	return result.units.map((u) => {
		if (u.kind === 'rejected') return 'rejected';
		const award = u.rows.find((r) => r.table === 'awards');
		return award ? (award.row as { verification: Expect }).verification : 'no-award';
	});
}

const resolve = openBadgesResolver();
const parse = (file: string) =>
	collect(parseOpenBadges({ file, bytes: fixture(`open-badges/${file}`), now: NOW, resolve }));

describe('1EdTech fixtures', () => {
	for (const [file, expected] of Object.entries(EXPECTED)) {
		it(`${file} → ${[expected].flat().join(', ')}`, async () => {
			const result = await parse(file);
			expect(outcomes(result)).toEqual([expected].flat());
			// Every verdict short of verified carries its reason.
			for (const u of result.units) {
				if (u.kind === 'rejected') expect(u.issues.every((i) => i.message.length > 0)).toBe(true);
				else for (const a of rowsOf([u], 'awards')) expect(a.verificationReason).toBeTruthy();
			}
			if (result.refusal) expect(result.refusal.issues[0].message).toBeTruthy();
		});
	}

	it('covers every err fixture and never verifies one', async () => {
		const errFiles = fixtureFiles('open-badges').filter((f) => /-err-/.test(f));
		for (const path of errFiles) {
			const file = path.replace(/^open-badges\//, '');
			expect(EXPECTED[file], file).toBeDefined();
			expect(
				[EXPECTED[file]].flat().some((e) => e === 'verified' || e === 'unverified' || e === 'unsigned')
			).toBe(false);
		}
	});

	it('without the status list at hand, a revocable credential is unverified, not verified', async () => {
		const file = 'ob30/bit-string-list/credential-status-revoked.json';
		const result = await collect(parseOpenBadges({ file, bytes: fixture(`open-badges/${file}`), now: NOW }));
		const [award] = rowsOf(result.units, 'awards');
		expect(award.verification).toBe('unverified');
		expect(award.verificationReason).toMatch(/not at hand/);
	});
});

describe('Open Badges 3.0 mapping', () => {
	it('maps simple.1ob onto provider, credential, learner and award', async () => {
		const { units } = await parse('ob30/simple.1ob');
		const [provider] = rowsOf(units, 'providers');
		const [credential] = rowsOf(units, 'credentials');
		const [learner] = rowsOf(units, 'learners');
		const [award] = rowsOf(units, 'awards');
		expect(provider).toMatchObject({ id: 'https://example.com/issuers/876543', name: 'Example Corp' });
		expect(credential).toMatchObject({
			id: 'https://example.com/achievements/21st-century-skills/teamwork',
			title: 'Teamwork',
			kind: 'micro',
			providerId: 'https://example.com/issuers/876543'
		});
		// The subject's DID is never the learner id: its hash is.
		expect(learner.id).toMatch(/^ob-[0-9a-f]{64}$/);
		expect(learner.id).not.toContain('did:example');
		expect(learner.identityHash).toBeNull();
		expect(award).toMatchObject({
			id: 'ob3:http://example.com/credentials/3527',
			learnerId: learner.id,
			credentialId: credential.id,
			issuedOn: '2010-01-01',
			expiresOn: null,
			verification: 'verified'
		});
		expect((award as { source?: { id?: string } }).source?.id).toBe('http://example.com/credentials/3527');
	});

	it('reads the same badge from JSON and baked SVG as the same rows', async () => {
		const json = await parse('ob30/simple.1ob');
		const svg = await parse('ob30/simple-json.svg');
		const strip = (units: typeof json.units) =>
			rowsOf(units, 'awards').map(({ id, learnerId, credentialId, verification }) => ({
				id,
				learnerId,
				credentialId,
				verification
			}));
		expect(strip(svg.units)).toEqual(strip(json.units));
	});

	it('keeps a hashed identifier hashed and maps results, dates, credits and alignments', async () => {
		const doc = {
			'@context': [
				'https://www.w3.org/ns/credentials/v2',
				'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'
			],
			id: 'urn:uuid:1',
			type: ['VerifiableCredential', 'OpenBadgeCredential'],
			issuer: {
				id: 'https://uni.example/issuer',
				type: ['Profile'],
				name: 'Example Uni',
				address: { type: ['Address'], addressCountry: 'Ireland' }
			},
			validFrom: '2024-03-01T10:00:00+01:00',
			validUntil: '2027-03-01T00:00:00Z',
			awardedDate: '2024-02-28T23:30:00-08:00',
			credentialSubject: {
				type: ['AchievementSubject'],
				identifier: [
					{
						type: 'IdentityObject',
						identityType: 'emailAddress',
						hashed: true,
						identityHash: 'sha256$abc',
						salt: 'x'
					}
				],
				activityStartDate: '2023-09-01',
				activityEndDate: '2024-02-20',
				result: [{ type: ['Result'], status: 'Completed', value: 'A' }],
				achievement: {
					id: 'https://uni.example/achievements/data-101',
					type: ['Achievement'],
					achievementType: 'Course',
					name: 'Data 101',
					creditsAvailable: 5,
					criteria: { narrative: 'Pass the exam' },
					alignment: [
						{
							type: ['Alignment'],
							targetUrl: 'http://data.europa.eu/esco/skill/abc',
							targetName: 'analyse data'
						}
					],
					resultDescription: [
						{ id: 'urn:rd:1', type: ['ResultDescription'], name: 'Grade', resultType: 'LetterGrade' }
					]
				}
			}
		};
		const { units } = await collect(
			parseOpenBadges({ file: 'x.json', bytes: new TextEncoder().encode(JSON.stringify(doc)), now: NOW })
		);
		expect(rowsOf(units, 'providers')[0].country).toBe('IE');
		expect(rowsOf(units, 'credentials')[0]).toMatchObject({
			kind: 'unit',
			credits: 5,
			assessed: true,
			assessmentType: 'LetterGrade'
		});
		expect(rowsOf(units, 'credential_skills')).toEqual([
			{
				credentialId: 'https://uni.example/achievements/data-101',
				skillUri: 'http://data.europa.eu/esco/skill/abc',
				label: 'analyse data'
			}
		]);
		const [learner] = rowsOf(units, 'learners');
		expect(learner.identityHash).toBe('sha256$abc');
		expect(rowsOf(units, 'enrolments')[0]).toMatchObject({
			startedOn: '2023-09-01',
			endedOn: '2024-02-20',
			status: 'completed',
			result: 'A'
		});
		// The awarded date as the issuer wrote it (the 28th in its zone), not shifted to UTC.
		expect(rowsOf(units, 'awards')[0]).toMatchObject({
			issuedOn: '2024-02-28',
			expiresOn: '2027-03-01',
			verification: 'unsigned'
		});
	});

	it('records a withdrawal as an enrolment without an award, and never stores a raw email', async () => {
		const doc = {
			'@context': [
				'https://www.w3.org/ns/credentials/v2',
				'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'
			],
			id: 'urn:uuid:2',
			type: ['VerifiableCredential', 'OpenBadgeCredential'],
			issuer: 'https://uni.example/issuer',
			validFrom: '2024-03-01T00:00:00Z',
			credentialSubject: {
				id: 'mailto:Ana@Example.org',
				type: ['AchievementSubject'],
				activityStartDate: '2023-09-01',
				result: [{ type: ['Result'], status: 'Withdrew' }],
				achievement: { id: 'urn:a:1', type: ['Achievement'], name: 'A', criteria: { narrative: '-' } }
			}
		};
		const { units } = await collect(
			parseOpenBadges({ file: 'x.json', bytes: new TextEncoder().encode(JSON.stringify(doc)), now: NOW })
		);
		expect(rowsOf(units, 'awards')).toEqual([]);
		expect(rowsOf(units, 'enrolments')[0]).toMatchObject({
			status: 'withdrawn',
			startedOn: '2023-09-01',
			endedOn: '2024-03-01'
		});
		expect(
			JSON.stringify(units.map((u) => (u.kind === 'rows' ? u.rows.filter((r) => r.table !== 'awards') : u)))
		).not.toMatch(/ana@example\.org/i);
		expect(rowsOf(units, 'learners')[0].identityHash).toMatch(/^sha256\$[0-9a-f]{64}$/);
	});
});

describe('CLR 2.0 mapping', () => {
	it('turns isParentOf into a requirement group and the nested credential into an award', async () => {
		const { units } = await parse('clr20/simple.json');
		const groups = rowsOf(units, 'requirement_groups');
		expect(groups).toEqual([
			expect.objectContaining({
				targetCredentialId: 'urn:uuid:a7467ef6-56cb-11ec-bf63-0242ac130002',
				rule: 'all',
				members: ['urn:uuid:dd887f0a-56cb-11ec-bf63-0242ac130002'],
				parentGroupId: null
			})
		]);
		expect(rowsOf(units, 'credentials').map((c) => c.id)).toEqual(
			expect.arrayContaining([
				'urn:uuid:a7467ef6-56cb-11ec-bf63-0242ac130002',
				'https://example.com/achievements/21st-century-skills/teamwork'
			])
		);
		expect(rowsOf(units, 'awards')).toHaveLength(1);
	});
});

describe('Open Badges 2.0 mapping', () => {
	it('keeps the recipient hash and resolves the BadgeClass and Issuer from supplied documents', async () => {
		const { units } = await parse('ob20/basic-assertion.json');
		expect(rowsOf(units, 'learners')[0].identityHash).toBe(
			'sha256$ecf5409f3f4b91ab60cc5ef4c02aef7032354375e70cf4d8e43f6a1d29891942'
		);
		expect(rowsOf(units, 'credentials')[0]).toMatchObject({
			id: 'https://example.org/robotics-badge.json',
			title: 'Awesome Robotics Badge',
			kind: 'micro',
			providerId: 'https://example.org/organization.json'
		});
		expect(rowsOf(units, 'providers')[0]).toMatchObject({ name: 'An Example Badge Issuer' });
		expect(rowsOf(units, 'awards')[0]).toMatchObject({
			id: 'ob2:https://example.org/beths-robotics-badge.json',
			issuedOn: '2016-12-31'
		});
	});

	it('stores a hosted assertion whose BadgeClass was not supplied as an award of an unresolved badge', async () => {
		const file = 'ob20/basic-assertion.json';
		const { units } = await collect(
			parseOpenBadges({ file, bytes: fixture(`open-badges/${file}`), now: NOW })
		);
		expect(units[0].kind).toBe('rows');
		const stub = units[0].kind === 'rows' && units[0].rows.find((r) => r.table === 'credentials');
		// A stub, written only where no record of that badge exists, flagged as unresolved.
		expect(stub).toMatchObject({ mentioned: true, row: { id: 'https://example.org/robotics-badge.json' } });
		expect(stub && stub.table === 'credentials' && stub.row.unparsed?.[0]).toMatch(
			new RegExp(`^${UNRESOLVED_BADGE} BadgeClass https://example\\.org/robotics-badge\\.json`)
		);
		const [award] = rowsOf(units, 'awards');
		expect(award).toMatchObject({
			credentialId: 'https://example.org/robotics-badge.json',
			verification: 'unverified',
			verificationReason: expect.stringMatching(/^unresolved badge:/)
		});
	});

	it('still rejects a signed assertion whose BadgeClass was not supplied, naming it', async () => {
		const assertion = {
			'@context': 'https://w3id.org/openbadges/v2',
			type: 'Assertion',
			id: 'urn:uuid:signed-without-badge',
			recipient: { type: 'email', hashed: false, identity: 'beth@example.org' },
			issuedOn: '2016-12-31T23:59:59Z',
			badge: 'https://example.org/not-supplied.json',
			verification: { type: 'signed', creator: 'https://example.org/key.json' }
		};
		const { units } = await collect(
			parseOpenBadges({
				file: 'a.json',
				bytes: new TextEncoder().encode(JSON.stringify(assertion)),
				now: NOW
			})
		);
		expect(units[0].kind === 'rejected' && units[0].issues[0]).toMatchObject({
			path: '$.badge',
			message: expect.stringMatching(/not-supplied\.json/)
		});
	});

	it('fails an assertion found in the issuer revocation list', async () => {
		const assertion = {
			'@context': 'https://w3id.org/openbadges/v2',
			type: 'Assertion',
			id: 'https://example.org/beths-robotics-badge-revoked.json',
			recipient: { type: 'email', hashed: false, identity: 'beth@example.org' },
			issuedOn: '2016-12-31T23:59:59Z',
			badge: 'https://example.org/badge-from-organization-with-revocation-list.json',
			verification: { type: 'hosted' }
		};
		const { units } = await collect(
			parseOpenBadges({
				file: 'a.json',
				bytes: new TextEncoder().encode(JSON.stringify(assertion)),
				now: NOW,
				resolve
			})
		);
		const [award] = rowsOf(units, 'awards');
		expect(award.verification).toBe('failed');
		expect(award.verificationReason).toMatch(/revoked.*A good reason/);
		expect(rowsOf(units, 'learners')[0].identityHash).toMatch(/^sha256\$/);
	});
});
