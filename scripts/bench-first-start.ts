// `npm run bench:first-start`: what a new user's `npm start` does on an empty data folder — how soon
// the server answers (the loading page) and how long the bundled data takes to load — measured on
// this machine (the app is built first, as `npm start` does, and that time is not counted).
// Prints the figures; asserts nothing.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildIsStale } from '../src/lib/server/cli/serve.ts';

const { values } = parseArgs({
	options: { runs: { type: 'string', default: '1' }, port: { type: 'string', default: '4391' } }
});
const root = join(import.meta.dirname, '..');
const port = Number(values.port);

function run(args: string[], env: NodeJS.ProcessEnv) {
	return spawn(process.execPath, [join(root, 'scripts', 'stackwise.js'), ...args], { cwd: root, env });
}

if (buildIsStale(root)) {
	console.log('Building the app first (not timed)…');
	const build = spawn(
		process.execPath,
		[join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
		{
			cwd: root,
			stdio: 'inherit'
		}
	);
	await new Promise((resolve) => build.on('exit', resolve));
}

async function once(): Promise<{ firstAnswer: number; loaded: number; logged: string }> {
	const dataDir = mkdtempSync(join(tmpdir(), 'stackwise-first-start-'));
	const started = performance.now();
	const child = run(['serve', '--port', String(port)], {
		...process.env,
		STACKWISE_DATA_DIR: dataDir,
		DATABASE_URL: ''
	});
	let logged = '';
	child.stdout.on('data', (chunk) => (logged += chunk));
	child.stderr.on('data', (chunk) => (logged += chunk));
	let firstAnswer = NaN;
	try {
		for (;;) {
			const response = await fetch(`http://localhost:${port}/login`).catch(() => null);
			if (response) {
				if (Number.isNaN(firstAnswer)) firstAnswer = performance.now() - started;
				if (response.status !== 503) break;
			}
			await new Promise((r) => setTimeout(r, response ? 500 : 100));
		}
		return { firstAnswer, loaded: performance.now() - started, logged };
	} finally {
		child.kill('SIGTERM');
		await new Promise((r) => child.on('exit', r));
		rmSync(dataDir, { recursive: true, force: true });
	}
}

console.log(`First start on an empty data folder (PGlite), ${values.runs} run(s):`);
for (let i = 0; i < Number(values.runs); i++) {
	const { firstAnswer, loaded, logged } = await once();
	const seeding = /the bundled data loaded in ([\d.]+) s/.exec(logged)?.[1];
	console.log(
		`  run ${i + 1}: first HTTP answer ${(firstAnswer / 1000).toFixed(1)} s; app ready ${(loaded / 1000).toFixed(1)} s after start (seeding itself: ${seeding ?? '?'} s)`
	);
}
