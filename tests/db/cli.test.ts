// The `stackwise` command as users run it: a separate process on its own embedded database.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), 'stackwise-cli-'));
const env = { ...process.env, STACKWISE_DATA_DIR: dataDir, DATABASE_URL: '' };
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
});
