import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Browser tests run Debian's Chromium (never a downloaded browser) against the built app on a
// fresh embedded database, exactly as a new user's `npm start` would: it seeds itself on start.
const port = Number(process.env.E2E_PORT ?? 4317);
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'stackwise-e2e-'));

export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: 'test-results/e2e',
	timeout: 60_000,
	expect: { timeout: 15_000 },
	fullyParallel: false,
	workers: 1,
	reporter: [['list']],
	// The imports specs add data to the one shared server; the dashboards' specs read the bundled
	// figures exactly, so they run first.
	projects: [
		{ name: 'bundled data', testIgnore: /imports.*\.test\.ts$/ },
		{ name: 'imports', testMatch: /imports.*\.test\.ts$/, dependencies: ['bundled data'] }
	],
	use: {
		baseURL: `http://localhost:${port}`,
		browserName: 'chromium',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
				'--disable-quic'
			]
		},
		trace: 'retain-on-failure'
	},
	webServer: {
		command: `node scripts/stackwise.js serve --port ${port}`,
		url: `http://localhost:${port}/system`,
		timeout: 900_000, // the first start seeds the bundled data: minutes on a busy two-core machine
		reuseExistingServer: false,
		stdout: 'pipe',
		stderr: 'pipe',
		// The browser tests check the embedded database a new user gets; the database tests cover PostgreSQL.
		env: { STACKWISE_DATA_DIR: dataDir, DATABASE_URL: '', STACKWISE_DEMO: '1' }
	}
});
