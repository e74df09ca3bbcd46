// The first start answers at once: `stackwise serve` on an empty data folder listens before the
// bundled data is loaded, answers every request with a loading page (503, Retry-After) saying
// what is being loaded, prints progress at least every 5 s while it loads — also through the
// training.gov.au step, which used to be silent for minutes — and prints how long it took.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureBuild, freePort, startServe, stopProcess } from './built-server.ts';

describe('the first start', () => {
	const dataDir = mkdtempSync(join(tmpdir(), 'stackwise-first-start-'));
	afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

	it('answers with a loading page while it seeds, logs progress every ≤5 s, then serves the app', async () => {
		await ensureBuild();
		const port = await freePort();
		const base = `http://127.0.0.1:${port}`;
		const started = Date.now();
		const server = startServe(port, dataDir, { STACKWISE_SEED: 'tga' });
		const lines: { at: number; text: string }[] = [];
		server.child.stdout!.on('data', (chunk: Buffer) => {
			for (const text of chunk.toString().split('\n').filter(Boolean)) lines.push({ at: Date.now(), text });
		});
		try {
			// The first answer comes while the data is still loading: the loading page.
			let first: Response | null = null;
			while (!first) {
				first = await fetch(`${base}/system`, { redirect: 'manual' }).catch(() => null);
				if (!first) await new Promise((r) => setTimeout(r, 100));
			}
			const firstAnswerMs = Date.now() - started;
			console.log(`first HTTP answer ${firstAnswerMs} ms after start`);
			expect(first.status).toBe(503);
			expect(first.headers.get('retry-after')).toBe('5');
			const page = await first.text();
			expect(page).toContain('<title>Loading the bundled data · Stackwise</title>');
			expect(page).toMatch(/role="status"[^>]*>(Preparing the database|Loading the bundled data: )/);
			const api = await fetch(`${base}/api/metrics/completion`);
			expect(api.status).toBe(503);
			expect(await api.json()).toMatchObject({ status: 'loading' });

			// Then the app itself, once the data is in.
			let ready = false;
			while (!ready) {
				// A busy server may drop an idle kept-alive connection: ask again.
				const response = await fetch(`${base}/login`, { redirect: 'manual' }).catch(() => null);
				ready = response?.status === 200;
				if (!ready) await new Promise((r) => setTimeout(r, 500));
			}
			const seeding = lines.filter((l) => /^Stackwise: (empty database|loading|.* loaded)/.test(l.text));
			const done = lines.find((l) => /^Stackwise: the bundled data loaded in [\d.]+ s$/.test(l.text));
			expect(done, lines.map((l) => l.text).join('\n')).toBeDefined();
			const gaps = seeding.slice(1).map((l, i) => l.at - seeding[i].at);
			console.log(`${done!.text}; longest silence ${Math.max(...gaps)} ms`);
			// A heartbeat every 5 s; timers may run late on a busy machine, never by a whole beat.
			expect(Math.max(...gaps)).toBeLessThan(10_000);
		} finally {
			await stopProcess(server);
		}
	}, 900_000);
});
