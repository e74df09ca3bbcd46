import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [
		// Messages compiled to functions in src/lib/paraglide (generated, not committed). The language
		// is the request's (src/lib/server/http/locale.ts) or the page's (hooks.client.ts), never
		// looked up by Paraglide itself, hence only its base-locale strategy.
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['baseLocale']
		}),
		sveltekit()
	],
	test: {
		include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts', 'tests/db/**/*.test.ts'],
		// Database tests start PGlite (2–4 s each) and import real data.
		testTimeout: 120_000,
		hookTimeout: 120_000,
		env: { TZ: 'UTC' },
		// Two files at a time: a database test spends much of its time waiting on PostgreSQL or in
		// PGlite's one thread, so the machine's two cores are both busy (vitest would use one).
		maxWorkers: 2
	}
});
