// `stackwise import FILE --suggest-profile` and `--profile PROFILE.json [--json]` as users run them
// (a separate process on its own embedded database), on the own wide fixture.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), 'stackwise-profile-cli-'));
const env = { ...process.env, STACKWISE_DATA_DIR: dataDir, DATABASE_URL: '' };
const stackwise = (...args: string[]) =>
	run(process.execPath, ['scripts/stackwise.js', ...args], { env, maxBuffer: 1 << 26 });
const extract = 'tests/fixtures/profile/student-extract.csv';
const profile = 'tests/fixtures/profile/student-extract.profile.json';

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('stackwise import with mapping profiles', () => {
	it('--suggest-profile proposes the separator, the outcome column with its map and the coded gender column', async () => {
		const { stdout, stderr } = await stackwise('import', extract, '--suggest-profile');
		const draft = JSON.parse(stdout);
		expect(draft.delimiter).toBe(';');
		expect(draft.encoding).toBe('UTF-8 with BOM');
		expect(draft.fields.status).toEqual({
			column: 'Target',
			map: { Graduate: 'completed', Dropout: 'withdrawn', Enrolled: 'in_progress' }
		});
		// Coded: the codes are proposed, what they mean is the person's to write.
		expect(draft.fields.gender).toEqual({ column: 'Gender', map: { '0': '0', '1': '1' } });
		expect(draft.fields.learner_id).toEqual({ column: '#row', prefix: 'student-extract-' });
		expect(draft.fields.credential_id).toEqual({ column: 'Course' });
		expect(stderr).toContain('gender: column "Gender" is coded (0, 1)');
		expect(stderr).toContain('not guessed, add to its map: Transfer');
		expect(stderr).toContain('read as UTF-8 with BOM, ";"-separated, CRLF line endings');
	});

	it('an unrecognised CSV says what was expected and points to --profile and the templates', async () => {
		const failed = await stackwise('import', extract).catch((e) => e);
		expect(failed.code).toBe(1);
		expect(failed.stdout).toContain(
			`${extract}: skipped, not a Stackwise CSV template: its header (9 columns: Marital status`
		);
		expect(failed.stdout).toContain('enrolments.csv (learner_id, id, credential_id, started_on, status)');
		expect(failed.stdout).toContain('see data/templates/');
		expect(failed.stdout).toContain(
			`--suggest-profile > profile.json, edit it, then stackwise import ${extract} --profile profile.json`
		);
	});

	it('--profile --json imports the mapped rows and names the rejected one by line, field and value', async () => {
		const imported = await stackwise('import', extract, '--profile', profile, '--json');
		const report = JSON.parse(imported.stdout);
		expect(report.files).toHaveLength(1);
		expect(report.files[0]).toMatchObject({
			path: extract,
			format: 'profile',
			read: 25,
			stored: 24,
			rejected: 1,
			text: { encoding: 'UTF-8 with BOM', delimiter: ';', lineEnding: 'CRLF' }
		});
		expect(report.files[0].errors).toEqual([
			{
				line: 14,
				field: 'status',
				message:
					'"Transfer" (column "Target") is not in the profile\'s map ("Graduate", "Dropout", "Enrolled")'
			}
		]);
		const { stdout } = await stackwise('metrics', 'completion', '--by', 'gender', '--json');
		// By hand from the fixture: F 7 of 10 (2 in progress), M 5 of 9 (3 in progress).
		const byGender = JSON.parse(stdout) as {
			group: string;
			completed: number;
			known: number;
			inProgress: number;
		}[];
		expect(
			byGender.map(({ group, completed, known, inProgress }) => ({ group, completed, known, inProgress }))
		).toEqual([
			{ group: 'F', completed: 7, known: 10, inProgress: 2 },
			{ group: 'M', completed: 5, known: 9, inProgress: 3 }
		]);
	});

	it('refuses a profile that is not usable, naming each problem by its path', async () => {
		const bad = join(dataDir, 'bad.json');
		writeFileSync(
			bad,
			JSON.stringify({ fields: { learner_id: { column: '#row' }, status: { value: 'done' } } })
		);
		const failed = await stackwise('import', extract, '--profile', bad).catch((e) => e);
		expect(failed.code).toBe(2);
		expect(failed.stderr).toContain(`--profile ${bad} is not a usable mapping profile:`);
		expect(failed.stderr).toContain('fields.credential_id: is required');
		expect(failed.stderr).toContain(
			'fields.status.value: "done" is not one of in_progress, completed, withdrawn, failed'
		);
	});
});
