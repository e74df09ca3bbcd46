// `stackwise serve`: the built app (adapter-node). Builds first when the sources are newer than
// the build, so `npm start` on a fresh clone just works.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { projectRoot } from '../config.ts';
import { command } from './args.ts';
import { UPLOAD_LIMIT_BYTES } from '../import/limits.ts';

// Compiled messages (src/lib/paraglide) are written by every build and `npm run check`: their
// sources, messages/ and project.inlang/, are what count.
const GENERATED = new Set(['paraglide']);

function newestMtime(path: string): number {
	if (!existsSync(path) || GENERATED.has(basename(path))) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
	return newest;
}

export function buildIsStale(root: string): boolean {
	const built = join(root, 'build', 'index.js');
	if (!existsSync(built)) return true;
	const sources = [
		'src',
		'static',
		'messages',
		'project.inlang',
		'svelte.config.js',
		'vite.config.ts',
		'package.json'
	].map((p) => newestMtime(join(root, p)));
	return Math.max(...sources) > statSync(built).mtimeMs;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<number> {
	return new Promise((resolve) => {
		const child = spawn(command, args, { cwd, env, stdio: 'inherit' });
		const forward = (signal: NodeJS.Signals) => child.kill(signal);
		process.on('SIGINT', forward);
		process.on('SIGTERM', forward);
		child.on('exit', (code, signal) => {
			process.off('SIGINT', forward);
			process.off('SIGTERM', forward);
			resolve(code ?? (signal ? 0 : 1));
		});
	});
}

export const serveCommand = command({
	options: {
		port: { type: 'string' },
		host: { type: 'string' },
		build: { type: 'boolean', default: false }
	},
	run: async ({ values }, { stderr }) => {
		const root = projectRoot();
		if (values.build || buildIsStale(root)) {
			stderr.write('Building the app (vite build)…\n');
			const code = await run(
				process.execPath,
				[join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
				process.env,
				root
			);
			if (code !== 0) return code;
		}
		const env: NodeJS.ProcessEnv = {
			...process.env,
			PORT: values.port ?? process.env.PORT ?? '3000',
			HOST: values.host ?? process.env.HOST ?? '0.0.0.0',
			// Uploads on /imports carry whole files; the import layer enforces its own limit.
			BODY_SIZE_LIMIT: process.env.BODY_SIZE_LIMIT ?? String(UPLOAD_LIMIT_BYTES + 1024 * 1024)
		};
		// adapter-node takes the site's origin from ORIGIN (else it assumes https), and SvelteKit's CSRF
		// check compares form posts against it: default to this local address.
		env.ORIGIN ??= `http://localhost:${env.PORT}`;
		stderr.write(`Stackwise: starting on ${env.ORIGIN}/\n`);
		return run(process.execPath, [join(root, 'build', 'index.js')], env, root);
	}
});
