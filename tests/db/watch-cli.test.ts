// `stackwise import` of the OULAD folder as distributed (the three tables Stackwise reads and the
// ones it does not), then `stackwise watch` and `stackwise quality` on what it stored: separate
// processes on their own embedded database, as users run them.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledDataPath } from '../../src/lib/server/import/index.ts';

const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), 'stackwise-watch-cli-'));
const folder = join(dataDir, 'oulad');
const env = { ...process.env, STACKWISE_DATA_DIR: join(dataDir, 'db'), DATABASE_URL: '' };
const stackwise = (...args: string[]) =>
	run(process.execPath, ['scripts/stackwise.js', ...args], { env, maxBuffer: 1 << 26 });

// The distributed folder: the bundled three, and the other tables with their real headers and a
// few of their real rows (the full files are megabytes).
mkdirSync(folder);
for (const name of ['courses.csv.gz', 'studentInfo.csv.gz', 'studentRegistration.csv.gz'])
	copyFileSync(join(bundledDataPath('oulad'), name), join(folder, name));
writeFileSync(
	join(folder, 'assessments.csv'),
	'"code_module","code_presentation","id_assessment","assessment_type","date","weight"\r\n"AAA","2013J","1752","TMA","19","10"\r\n'
);
writeFileSync(
	join(folder, 'studentAssessment.csv'),
	'"id_assessment","id_student","date_submitted","is_banked","score"\r\n"1752","11391","18","0","78"\r\n'
);
writeFileSync(
	join(folder, 'vle.csv'),
	'"id_site","code_module","code_presentation","activity_type","week_from","week_to"\r\n"546943","AAA","2013J","resource","",""\r\n'
);

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('stackwise import (whole OULAD folder), watch and quality', () => {
	it('imports the folder, exits 0 and lists the unused tables as known and skipped', async () => {
		const { stdout } = await stackwise('import', folder, '--json');
		const files: { path: string; format: string; skipped?: string; stored: number }[] =
			JSON.parse(stdout).files;
		const skipped = files.filter((f) => f.skipped).map((f) => f.path.split('/').pop());
		expect(skipped.sort()).toEqual(['assessments.csv', 'studentAssessment.csv', 'vle.csv']);
		for (const f of files) expect(f.format).toBe('oulad');
		expect(files.find((f) => f.path.endsWith('studentInfo.csv.gz'))?.stored).toBe(32593);
		expect(files.find((f) => f.path.endsWith('vle.csv'))?.skipped).toMatch(/a known OULAD table/);
	}, 600_000);

	it('watch --json answers from the same query layer; --as-of is checked as the HTTP edge checks it', async () => {
		const { stdout } = await stackwise('watch', '--json');
		const watch = JSON.parse(stdout);
		// The seven modules, each awarded more than a hundred times.
		expect(watch.proliferation.credentials).toBe(7);
		expect(watch.proliferation.awardBands.map((b: { credentials: number }) => b.credentials)).toEqual([
			0, 0, 0, 7
		]);
		expect(watch.overlap.sharedUnits).toBe(0);
		await expect(stackwise('watch', '--as-of', '2014-13-01')).rejects.toMatchObject({
			code: 2,
			stderr: expect.stringContaining('--as-of: must be a date like 2014-12-31')
		});
	});

	it('quality --provider ID --json gives the provider its card', async () => {
		const { stdout } = await stackwise('quality', '--provider', 'open-university', '--json');
		const [card] = JSON.parse(stdout);
		expect(card.provider.id).toBe('open-university');
		expect(card.card.credentials).toBe(7);
		await expect(stackwise('quality', '--provider', 'nobody')).rejects.toMatchObject({ code: 2 });
	});
});
