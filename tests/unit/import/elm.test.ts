// European Learning Model v3: the Commission's samples (the EU micro-credential with the Annex 1
// elements, a certificate of participation, the small sample) and our own credential with parts.
import { describe, expect, it } from 'vitest';
import { parseElm } from '../../../src/lib/server/import/elm/parse.ts';
import { collect, fixture, NOW, rowsOf } from './helpers.ts';

const parse = (file: string, bytes = fixture(`elm/${file}`)) => collect(parseElm({ file, bytes, now: NOW }));

describe('ELM micro-credential (Annex 1)', () => {
	it('maps title, awarding body, country, ECTS, EQF, workload, outcomes, ESCO skills, assessment and mode', async () => {
		const { units, refusal } = await parse('Sample-MC-Annex1-unsigned.jsonld');
		expect(refusal).toBeUndefined();
		const [credential] = rowsOf(units, 'credentials');
		expect(credential).toMatchObject({
			title: 'Digital micro-credential creation',
			kind: 'micro',
			levelFramework: 'EQF',
			level: '6',
			credits: 2,
			creditSystem: 'ECTS',
			workloadHours: 60,
			assessed: true,
			assessmentType: 'artefact assessment',
			participationMode: 'blended',
			learningOutcomes: ['Communication, collaboration and creativity', 'Developing digital content']
		});
		expect(credential.id).toMatch(/^elm:[0-9a-f]{32}$/); // urn:epass ids are local to the document
		const [provider] = rowsOf(units, 'providers');
		expect(provider).toMatchObject({ name: 'University of Zed', country: 'IE' });
		expect(credential.providerId).toBe(provider.id);
		const skills = rowsOf(units, 'credential_skills').map((s) => s.skillUri);
		expect(skills).toContain('http://data.europa.eu/esco/skill/5fd5c985-eaaa-47aa-8314-62359c54505a');
		expect(skills.filter((s) => s.includes('/esco/skill/'))).toHaveLength(4);
		expect(rowsOf(units, 'enrolments')[0]).toMatchObject({
			startedOn: '2023-05-05',
			endedOn: '2023-06-06',
			status: 'completed',
			result: 'Pass'
		});
		expect(rowsOf(units, 'awards')[0]).toMatchObject({ issuedOn: '2022-12-31', verification: 'unsigned' });
	});

	it('stores no name, birth date, email or national ID of the learner', async () => {
		const { units } = await parse('Sample-MC-Annex1-unsigned.jsonld');
		const withoutSource = units.map((u) =>
			u.kind === 'rows' ? u.rows.map((r) => ({ ...r.row, source: undefined })) : u
		);
		const text = JSON.stringify(withoutSource);
		for (const personal of ['Andromeda', '1999-10-01', 'ana.andromeda', 'LA-234218'])
			expect(text).not.toContain(personal);
		expect(rowsOf(units, 'learners')[0].identityHash).toMatch(/^sha256\$[0-9a-f]{64}$/);
	});

	it('checks the JAdES signature: valid but unverified (no trust list offline); tampered fails', async () => {
		const signed = await parse('Sample-MC-Annex1-signed.jsonld');
		const [award] = rowsOf(signed.units, 'awards');
		expect(award.verification).toBe('unverified');
		expect(award.verificationReason).toMatch(/JAdES RS256 signature valid.*not validated offline/);

		const text = new TextDecoder()
			.decode(fixture('elm/Sample-MC-Annex1-signed.jsonld'))
			.replace('Digital micro-credential creation', 'Digital micro-credential creatiom');
		const tampered = await parse('tampered.jsonld', new TextEncoder().encode(text));
		expect(rowsOf(tampered.units, 'awards')[0]).toMatchObject({
			verification: 'failed',
			verificationReason: expect.stringMatching(/does not verify/)
		});
	});

	it('reads the upload wrapper; a certificate of participation is a participation credential', async () => {
		const { units } = await parse('Sample-CertOfPart-unsigned-uploadable.json');
		expect(rowsOf(units, 'credentials')[0]).toMatchObject({
			title: 'EDC Updates Webinar',
			kind: 'participation',
			assessed: false,
			participationMode: 'online'
		});
		expect(rowsOf(units, 'learners')[0].gender).toBe('female');
	});

	it('fails an expired credential against the injected now', async () => {
		const before = await collect(
			parseElm({
				file: 'c',
				bytes: fixture('elm/credential-sample.jsonld'),
				now: new Date('2024-01-01T00:00:00Z')
			})
		);
		expect(rowsOf(before.units, 'awards')[0]).toMatchObject({
			verification: 'unsigned',
			expiresOn: '2024-09-25'
		});
		const later = await collect(
			parseElm({
				file: 'c',
				bytes: fixture('elm/credential-sample.jsonld'),
				now: new Date('2025-01-01T00:00:00Z')
			})
		);
		expect(rowsOf(later.units, 'awards')[0]).toMatchObject({
			verification: 'failed',
			verificationReason: expect.stringMatching(/expired/)
		});
	});

	it('refuses ELM v2 XML and non-ELM JSON with a reason', async () => {
		const xml = await parse(
			'x.xml',
			new TextEncoder().encode('<?xml version="1.0"?><vp:verifiablePresentation/>')
		);
		expect(xml.refusal?.message).toMatch(/ELM v2 XML/);
		const other = await parse('x.json', new TextEncoder().encode('{"type":"Something"}'));
		expect(other.refusal?.message).toMatch(/not a European Digital Credential/);
	});
});

describe('ELM parts (hasPart)', () => {
	it('makes the parts units of a requirement group on the qualification', async () => {
		const { units } = await parse('own-hasPart.jsonld');
		const credentials = rowsOf(units, 'credentials');
		const qualification = credentials.find((c) => c.title === 'Certificate in Data Practice')!;
		expect(qualification).toMatchObject({
			id: 'https://college.example/qualifications/data-practice',
			kind: 'macro',
			credits: 60,
			level: '5',
			participationMode: 'onsite',
			qualityAssured: true,
			workloadHours: null,
			unparsed: [expect.stringMatching(/P1Y is not a number of hours/)]
		});
		const statistics = credentials.find((c) => c.title === 'Statistics')!;
		expect(statistics).toMatchObject({ kind: 'unit', credits: 30, workloadHours: 150, assessed: true });
		const [group] = rowsOf(units, 'requirement_groups');
		expect(group).toMatchObject({ targetCredentialId: qualification.id, rule: 'all', parentGroupId: null });
		expect(group.members).toHaveLength(2);
		expect(rowsOf(units, 'providers')[0]).toMatchObject({ id: 'https://college.example/org', country: 'AT' });
		const awards = rowsOf(units, 'awards');
		expect(awards).toHaveLength(3);
		expect(awards[0].issuedOn).toBe('2024-06-28');
		expect(rowsOf(units, 'enrolments')[0]).toMatchObject({ startedOn: '2024-01-08', endedOn: '2024-03-29' });
	});

	it('gives the same ids when the same file is read twice', async () => {
		const a = await parse('own-hasPart.jsonld');
		const b = await parse('own-hasPart.jsonld');
		expect(JSON.stringify(a.units)).toBe(JSON.stringify(b.units));
	});
});
