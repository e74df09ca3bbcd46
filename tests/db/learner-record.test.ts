// The learner's verifiable record, round trip on both engines: `keys create` makes the issuer key
// outside the repository; `record` writes a CLR 2.0 ClrCredential of Open Badges 3.0
// AchievementCredentials signed with it (eddsa-rdfc-2022); `verify` and `import` read it back —
// the proofs verify and the awards are stored as verified — and a copy with one character changed
// fails verification, saying so.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db/client.ts';
import { main } from '../../src/lib/server/cli/main.ts';
import { demoLearnersJob } from '../../src/lib/server/import/generated.ts';
import { bundledDataPath, collectFiles, importFiles } from '../../src/lib/server/import/index.ts';
import { runImportJob } from '../../src/lib/server/import/loader.ts';
import { verifyFile } from '../../src/lib/server/import/verify-file.ts';
import { getCatalogue } from '../../src/lib/server/queries/catalogue.ts';
import { SCHEMAS } from '../../src/lib/server/record/document.ts';
import { engines } from './engines.ts';

function capture() {
	let text = '';
	return {
		stream: { write: (s: string) => ((text += s), true), isTTY: false } as unknown as NodeJS.WriteStream,
		text: () => text
	};
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe.each(engines)('learner record on $name', (engine) => {
	let db: Db;
	const dir = mkdtempSync(join(tmpdir(), 'stackwise-record-'));
	const keyFile = join(dir, 'keys', 'issuer.json');
	const saved = process.env.STACKWISE_ISSUER_KEY_FILE;
	const cli = async (...args: string[]) => {
		const out = capture();
		const err = capture();
		const code = await main(args, { openDb: async () => db, stdout: out.stream, stderr: err.stream });
		return { code, stdout: out.text(), stderr: err.text() };
	};
	let learner: string;
	let awards: { id: string; verification: string }[];

	beforeAll(async () => {
		db = await engine.open();
		const { reports } = await importFiles(db, collectFiles([bundledDataPath('tga')]));
		expect(reports.every((r) => r.status === 'succeeded')).toBe(true);
		expect((await runImportJob(db, demoLearnersJob(await getCatalogue(db), { count: 60 }))).status).toBe(
			'succeeded'
		);
		// A learner with several awards and a qualification still to finish.
		[{ id: learner }] = await db.query<{ id: string }>(sql`
			select learner_id as id from awards group by learner_id having count(*) >= 3 order by count(*) desc, learner_id limit 1`);
		awards = await db.query(
			sql`select id, verification from awards where learner_id = ${learner} order by issued_on, id`
		);
		process.env.STACKWISE_ISSUER_KEY_FILE = keyFile;
	});
	afterAll(async () => {
		if (saved === undefined) delete process.env.STACKWISE_ISSUER_KEY_FILE;
		else process.env.STACKWISE_ISSUER_KEY_FILE = saved;
		rmSync(dir, { recursive: true, force: true });
		await db?.close();
	});

	it('makes the issuer key once, in the file named, never in the repository', async () => {
		const made = await cli('keys', 'create');
		expect(made.code).toBe(0);
		expect(made.stdout).toMatch(new RegExp(`^Issuer key did:key:z6Mk\\S+\\nkept in ${keyFile}`));
		const again = await cli('keys', 'create');
		expect(again.code).toBe(2);
		expect(again.stderr).toContain(`${keyFile} already holds a key`);
		process.env.STACKWISE_ISSUER_KEY_FILE = join(process.cwd(), 'issuer.json');
		const inRepo = await cli('keys', 'create');
		process.env.STACKWISE_ISSUER_KEY_FILE = keyFile;
		expect(inRepo.code).toBe(2);
		expect(inRepo.stderr).toContain('is inside the repository');
	});

	it('writes a signed CLR that verifies, and imports as verified awards', async () => {
		const out = join(dir, 'record.json');
		const written = await cli('record', '--learner', learner, '--out', out);
		expect(written.stderr).toBe('');
		expect(written.code).toBe(0);
		const record = JSON.parse(readFileSync(out, 'utf8')) as Json;
		const did = JSON.parse(readFileSync(keyFile, 'utf8')).controller;

		// The data model: CLR 2.0 around OB 3.0, with the published schema ids.
		expect(record.type).toEqual(['VerifiableCredential', 'ClrCredential']);
		expect(record.credentialSchema[0].id).toBe(SCHEMAS.clr);
		expect(record.issuer).toMatchObject({ id: did, type: ['Profile'] });
		expect(record.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' });
		const nested = record.credentialSubject.verifiableCredential as Json[];
		expect(nested).toHaveLength(awards.length + 1);
		for (const vc of nested) {
			expect(vc.type).toEqual(['VerifiableCredential', 'AchievementCredential']);
			expect(vc.credentialSchema[0].id).toBe(SCHEMAS.achievement);
			expect(vc.credentialSubject.achievement).toMatchObject({ type: ['Achievement'] });
			for (const field of ['id', 'name', 'description', 'criteria'])
				expect(vc.credentialSubject.achievement[field]).toBeTruthy();
			expect(vc.proof.cryptosuite).toBe('eddsa-rdfc-2022');
		}
		// Each award says the verification it had when recorded; the last is the progress, in progress.
		nested.slice(0, -1).forEach((vc, i) => {
			expect(vc.evidence[0].description).toMatch(new RegExp(`^${awards[i].verification}: `));
		});
		const progress = nested.at(-1)!;
		expect(progress.credentialSubject.result[0]).toMatchObject({ type: ['Result'], status: 'InProgress' });
		expect(progress.evidence.map((e: Json) => e.genre)).toEqual(['Progress', 'Plan']);

		// `verify`: it conforms and every proof verifies, offline.
		const [check] = await verifyFile(readFileSync(out), out);
		expect(check.problems).toEqual([]);
		expect(check).toMatchObject({ conforms: true, proof: 'verified' });
		expect(check.credentials).toHaveLength(nested.length);
		for (const c of check.credentials) expect(c).toMatchObject({ conforms: true, proof: 'verified' });

		// `import`: the awards are stored, verified.
		const imported = await cli('import', out, '--json');
		expect(imported.code).toBe(0);
		const stored = await db.query<{ verification: string; verification_reason: string }>(
			sql`select verification, verification_reason from awards where id like 'ob3:urn:stackwise:award:%'`
		);
		expect(stored).toHaveLength(awards.length);
		for (const s of stored) {
			expect(s.verification).toBe('verified');
			expect(s.verification_reason).toContain('eddsa-rdfc-2022 proof valid');
		}
	});

	it('fails verification of a copy with one character changed, and says so', async () => {
		const text = readFileSync(join(dir, 'record.json'), 'utf8');
		const record = JSON.parse(text) as Json;
		const title = record.credentialSubject.verifiableCredential[0].name as string;
		const at = text.indexOf(`"name": ${JSON.stringify(title)}`) + '"name": "'.length;
		const flipped = text.slice(0, at) + (text[at] === 'X' ? 'Y' : 'X') + text.slice(at + 1);
		expect(flipped.length).toBe(text.length);
		const file = join(dir, 'tampered.json');
		writeFileSync(file, flipped);
		const [check] = await verifyFile(readFileSync(file), file);
		expect(check.proof).toBe('failed');
		expect(check.proofReason).toMatch(/^eddsa-rdfc-2022 proof does not verify/);
		expect(check.credentials[0].proof).toBe('failed');
		const verified = await cli('verify', file);
		expect(verified.stdout).toMatch(/proof failed \(eddsa-rdfc-2022 proof does not verify/);
	});

	it('refuses an unknown learner or a credential that is not a qualification, naming it', async () => {
		const out = join(dir, 'x.json');
		const none = await cli('record', '--learner', 'no-such-learner', '--out', out);
		expect(none.code).toBe(2);
		expect(none.stderr).toContain('no learner "no-such-learner"');
		const unit = await cli('record', '--learner', learner, '--qualification', 'CPCCCA2002', '--out', out);
		expect(unit.code).toBe(2);
		expect(unit.stderr).toContain('"CPCCCA2002" is not a qualification');
	});
});
