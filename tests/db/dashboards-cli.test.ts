// The dashboards' figures are the CLI's (docs/decisions/0004-dashboards-show-the-cli-figures.md): the built app's /system page data, for a
// policymaker with filters in the URL, against `stackwise metrics … --json` run on a copy of the
// same database. The page is read through SvelteKit's __data.json (what the browser hydrates from).
import { unflatten } from 'devalue';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTemplate, startBuiltServer, type BuiltServer } from './built-server.ts';
import { readSettings } from '../../src/lib/server/config.ts';

type Row = {
	group: string | null;
	completed: number | null;
	known: number | null;
	rate: number | null;
	suppressed?: string | null;
};
const figures = (rows: Row[]) =>
	rows.map((r) => ({
		group: r.group,
		completed: r.completed,
		known: r.known,
		rate: r.rate,
		suppressed: r.suppressed ?? null
	}));

describe('the system dashboard shows what the CLI prints', () => {
	let server: BuiltServer;
	let cliDir: string;
	beforeAll(async () => {
		server = await startBuiltServer();
		// The CLI cannot open the server's database while it runs: it reads a copy of the same seed.
		cliDir = mkdtempSync(join(tmpdir(), 'stackwise-cli-copy-'));
		cpSync((await ensureTemplate()).dataDir, cliDir, { recursive: true });
	}, 900_000);
	afterAll(async () => {
		await server?.stop();
		if (cliDir) rmSync(cliDir, { recursive: true, force: true });
	});

	const cli = (...args: string[]) =>
		JSON.parse(
			execFileSync(process.execPath, ['scripts/stackwise.js', ...args, '--json'], {
				// Under the app's disclosure policy (the CLI's own default is exact counts: docs/disclosure.md).
				env: {
					...process.env,
					STACKWISE_DATA_DIR: cliDir,
					DATABASE_URL: '',
					STACKWISE_DISCLOSURE: readSettings().disclosure.mode
				},
				encoding: 'utf8'
			})
		);
	/** The page's own data (the last data node), from the first line (streamed parts follow). */
	const pageData = async (path: string) => {
		const ask = () => server.request(`${path.replace('?', '/__data.json?')}`, { as: 'policymaker' });
		// A kept-alive socket the server closed while the CLI ran fails once ("other side closed").
		const response = await ask().catch(ask);

		expect(response.status).toBe(200);
		const parsed = JSON.parse((await response.text()).split('\n')[0]);
		const nodes = parsed.nodes.filter((n: { type: string } | null) => n?.type === 'data');
		// A streamed value (the flow Sankey) is a promise here: its chunk follows on a later line.
		return unflatten(nodes.at(-1).data, { Promise: () => null }) as {
			dashboard: {
				completion: Row;
				completionByCredential: Row[];
				equity: { rows: Row[] };
				timeToCredential: { median: { days: number } | null };
			};
		};
	};

	it('with a cut-off date and an equity dimension in the URL', async () => {
		const { dashboard } = await pageData('/system?asOf=2014-06-30&by=disability');
		const byCredential = cli('metrics', 'completion', '--by', 'credential', '--as-of', '2014-06-30');
		expect(figures(dashboard.completionByCredential)).toEqual(figures(byCredential));
		expect(byCredential).toHaveLength(7);
		const byDisability = cli('metrics', 'completion', '--by', 'disability', '--as-of', '2014-06-30');
		expect(figures(dashboard.equity.rows)).toEqual(figures(byDisability));
		const [all] = cli('metrics', 'completion', '--as-of', '2014-06-30');
		expect(figures([dashboard.completion])).toEqual(figures([all]));
		const ttc = cli('metrics', 'time-to-credential', '--as-of', '2014-06-30');
		expect(dashboard.timeToCredential.median).toEqual(ttc.median);
	}, 300_000);

	it('for the generated learners and a pair of dimensions', async () => {
		const { dashboard } = await pageData('/system?data=generated&by=gender&by2=age_band');
		const pairs = cli('metrics', 'completion', '--data', 'generated', '--by', 'gender,age_band');
		expect(pairs.length).toBeGreaterThan(2);
		expect(figures(dashboard.equity.rows)).toEqual(figures(pairs));
		const ttc = cli('metrics', 'time-to-credential', '--data', 'generated');
		expect(dashboard.timeToCredential.median).toEqual(ttc.median);
	}, 300_000);
});
