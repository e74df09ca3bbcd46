// Page timings for review (docs/decisions/0003-benchmarks-print-never-assert.md): after a full page load, the browser's navigation timing —
// time to the first byte of the server-rendered page and to the load event — appended to
// test-results/page-timings.jsonl. Recorded, never asserted (speed is the benchmark's business).
import type { Page } from '@playwright/test';
import { appendFileSync, mkdirSync } from 'node:fs';

export async function recordTiming(page: Page, name: string) {
	const timing = await page.evaluate(() => {
		const [nav] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
		return {
			firstByteMs: Math.round(nav.responseStart - nav.requestStart),
			loadMs: Math.round(nav.loadEventEnd - nav.startTime)
		};
	});
	mkdirSync('test-results', { recursive: true });
	appendFileSync(
		'test-results/page-timings.jsonl',
		JSON.stringify({ page: name, url: page.url(), ...timing }) + '\n'
	);
}
