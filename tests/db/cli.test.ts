// The `stackwise` command as users run it: a separate process on its own embedded database.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../../src/lib/server/db/client.ts';

const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), 'stackwise-cli-'));
// Suppression alone: these tests compare the CLI's exact figures with R's (rounding, the default
// policy, is tested in tests/db/disclosure-attack.test.ts and the policy's unit tests).
const env = {
	...process.env,
	STACKWISE_DATA_DIR: dataDir,
	DATABASE_URL: '',
	STACKWISE_DISCLOSURE: 'suppress'
};
const stackwise = (...args: string[]) =>
	run(process.execPath, ['scripts/stackwise.js', ...args], { env, maxBuffer: 1 << 26 });

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('stackwise CLI', () => {
	it('imports exactly what it is given into an empty database and prints JSON only on stdout', async () => {
		const { stdout } = await stackwise('import', 'data/oulad', '--json');
		const report = JSON.parse(stdout);
		expect(report.files.map((f: { path: string }) => f.path.split('/').pop()).sort()).toEqual([
			'courses.csv.gz',
			'studentInfo.csv.gz',
			'studentRegistration.csv.gz'
		]);
		for (const f of report.files) {
			expect(f.format).toBe('oulad');
			expect(f.read).toBe(f.stored + f.rejected);
			expect(f.rejected).toBe(0);
		}
		expect(
			report.files.find((f: { path: string }) => f.path.endsWith('studentInfo.csv.gz')).verification
		).toEqual({
			verified: 0,
			failed: 0,
			unsigned: 15385,
			unverified: 0
		});
	});

	it('reports completion by disability as the issue states (Y: 1,207 of 3,164)', async () => {
		const { stdout } = await stackwise('metrics', 'completion', '--by', 'disability', '--json');
		const rows = JSON.parse(stdout);
		const y = rows.find((r: { group: string }) => r.group === 'Y');
		expect(y).toMatchObject({ completed: 1207, known: 3164, inProgress: 0 });
		// R: prop.test(1207, 3164, correct = FALSE)$conf.int
		expect(y.low).toBeCloseTo(0.364706982761, 9);
		expect(y.high).toBeCloseTo(0.398538744733, 9);
		for (const key of [
			'group',
			'completed',
			'known',
			'inProgress',
			'rate',
			'low',
			'high',
			'ratio',
			'ratioLow',
			'ratioHigh',
			'fourFifths',
			'suppressed'
		])
			expect(y).toHaveProperty(key);
		// N (48.2%) is the reference; Y's ratio 0.792 falls below four fifths.
		expect(y.ratio).toBeCloseTo(1207 / 3164 / (14178 / 29429), 12);
		expect(y.fourFifths).toBe(true);
		expect(y.suppressed).toBeNull();
	});

	it('applies --as-of: later starts excluded, later endings in progress', async () => {
		const { stdout } = await stackwise(
			'metrics',
			'completion',
			'--credential',
			'FFF',
			'--as-of',
			'2014-03-31',
			'--json'
		);
		const [all] = JSON.parse(stdout);
		// FFF 2013B (from 2013-02-01, 241 days) has ended; 2013J (2013-10-01) runs past the cut-off;
		// 2014B starts on 2014-02-01 and 2014J after the cut-off.
		expect(all.group).toBeNull();
		expect(all.known + all.inProgress).toBeGreaterThan(0);
		const { stdout: whole } = await stackwise('metrics', 'completion', '--credential', 'FFF', '--json');
		expect(JSON.parse(whole)[0].inProgress).toBe(0);
		expect(all.known + all.inProgress).toBeLessThan(JSON.parse(whole)[0].known);
	});

	it('refuses bad options with a usage message and exit status 2', async () => {
		await expect(stackwise('metrics', 'completion', '--by', 'shoe_size')).rejects.toMatchObject({
			code: 2,
			stderr: expect.stringContaining('"shoe_size" is not one of')
		});
		await expect(stackwise('metrics', 'completion', '--as-of', '31/12/2014')).rejects.toMatchObject({
			code: 2
		});
	});

	it('starts every read command while the rollups cannot be counted, says so, and counts them once they can', async () => {
		// The count breaks (as GROUPING SETS did on Citus): a trigger refuses the fine rows, and an
		// import's count is left pending, as one that failed after its commit leaves it.
		const breakCount = async (broken: boolean) => {
			const db = await createDb({ dataDir, migrate: false });
			try {
				if (broken) {
					await db.query(sql`create function refuse_count() returns trigger language plpgsql as
						$$ begin raise exception 'the count is broken (test)'; end $$`);
					await db.query(sql`create trigger refuse_count before insert on enrolment_rollup_fine
						for each statement execute function refuse_count()`);
					await db.query(sql`insert into app_settings (key, value) values ('rollups_pending', 'import')`);
				} else {
					await db.query(sql`drop trigger refuse_count on enrolment_rollup_fine`);
					await db.query(sql`drop function refuse_count()`);
				}
			} finally {
				await db.close();
			}
		};
		await breakCount(true);
		try {
			for (const command of [
				['catalogue', 'list', '--json'],
				['metrics', 'completion', '--by', 'disability', '--json'],
				['metrics', 'time-to-credential', '--json'],
				['metrics', 'stacking', '--json'],
				['db', 'status']
			]) {
				const { stdout, stderr } = await stackwise(...command);
				expect(stderr, command.join(' ')).toMatch(
					/warning: the dashboards' sums could not be counted \(.*the count is broken \(test\).*\).*stackwise rollups refresh/
				);
				expect(stdout.length, command.join(' ')).toBeGreaterThan(0);
			}
			expect((await stackwise('db', 'status')).stdout).toMatch(/^rollups: pending/m);
			// The sums are those from before: the completion by disability is still the issue's.
			const { stdout } = await stackwise('metrics', 'completion', '--by', 'disability', '--json');
			expect(JSON.parse(stdout).find((r: { group: string }) => r.group === 'Y')).toMatchObject({
				completed: 1207
			});
			// `rollups refresh` fails while the count is broken, and says why.
			await expect(stackwise('rollups', 'refresh')).rejects.toMatchObject({
				code: 1,
				stderr: expect.stringMatching(/the count is broken \(test\)/)
			});
		} finally {
			await breakCount(false);
		}
		// Mended: the next start counts (retrying the pending count), and the warning is gone.
		const after = await stackwise('db', 'status');
		expect(after.stderr).toBe('');
		expect(after.stdout).toMatch(/^rollups: current/m);
		const refreshed = await stackwise('rollups', 'refresh');
		expect(refreshed.stdout).toMatch(/^rollups: counted every learner again in [\d.]+ s\n$/);
		// Two whole counts of the bundled data and eleven starts of the CLI: past the default 120 s
		// when the machine is busy (a CI run beside other work).
	}, 300_000);
});
