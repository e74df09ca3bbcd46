// The built app, started the way a user starts it (`node scripts/stackwise.js serve`), for tests
// that need real HTTP: cookies, redirects, headers, the CSRF check, body limits. Each test file
// gets its own server on a free port with its own copy of a seeded embedded database.
//
// Seeding the bundled data takes minutes, so it happens once: a template database is seeded by
// a server started in demo mode, two more accounts are added (a second learner and a second
// provider), and every server starts on a copy of it (a second or two). The template is keyed
// by what shapes its contents (migrations, bundled data, seeding code), not by the build, so a
// code change rebuilds the app but reuses the data. The app is rebuilt first when its sources
// are newer than the build, under a lock, so two test files never build at once.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
	cpSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	readdirSync,
	rmSync,
	statSync,
	writeFileSync
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { createUser } from '../../src/lib/server/auth/users.ts';
import { buildIsStale } from '../../src/lib/server/cli/serve.ts';
import { projectRoot } from '../../src/lib/server/config.ts';
import { createDb } from '../../src/lib/server/db/client.ts';

export const IDENTITIES = [
	'anonymous',
	'learnerA',
	'learnerB',
	'providerX',
	'providerY',
	'policymaker',
	'admin'
] as const;
export type Identity = (typeof IDENTITIES)[number];
export type SignedIdentity = Exclude<Identity, 'anonymous'>;

export type Account = { email: string; password: string; role: string };
export type LearnerSubject = { id: string; pseudonym: string; providers: string[] };

/** What the seeded database holds that tests need to name: accounts and real ids. */
export type Fixture = {
	accounts: Record<SignedIdentity, Account>;
	/** A: the demo learner; B: a learner of provider X and not of provider Y. */
	learners: { A: LearnerSubject; B: LearnerSubject };
	/** X: the demo provider; Y: another provider, one of learner A's. */
	providers: { X: string; Y: string };
	/** A credential in the catalogue and a finished import, for routes that name one. */
	credentialId: string;
	importId: number;
	/** Regular expressions (sources) matching every raw learner id in the database. */
	learnerIdPatterns: string[];
};

const DEMO_PASSWORD = 'stackwise-demo';
const TEST_PASSWORD = 'authz-test-password-1';
// Bump when the template's accounts or the fixture's shape change.
const TEMPLATE_VERSION = 1;
const root = projectRoot();

export const accountsOfFixture = (providerY: string, learnerB: string) => ({
	learnerB: { email: 'learner-b@test.stackwise', role: 'learner', learnerId: learnerB },
	providerY: { email: 'provider-y@test.stackwise', role: 'provider', providerId: providerY }
});

// ---------------------------------------------------------------------------------------------
// Locks: a directory made atomically, holding the owner's pid so a crashed owner's lock is taken over.

function alive(pid: number) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return (e as NodeJS.ErrnoException).code === 'EPERM';
	}
}

async function withLock<T>(path: string, work: () => Promise<T>, timeoutMs = 15 * 60_000): Promise<T> {
	const started = Date.now();
	for (;;) {
		try {
			mkdirSync(path);
			writeFileSync(join(path, 'pid'), String(process.pid));
			break;
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
			let owner = 0;
			try {
				owner = Number(readFileSync(join(path, 'pid'), 'utf8'));
			} catch {
				// Just made, pid not written yet.
			}
			if (owner && !alive(owner)) rmSync(path, { recursive: true, force: true });
			else if (Date.now() - started > timeoutMs)
				throw new Error(`built-server: lock ${path} held too long`, { cause: e });
			else await new Promise((r) => setTimeout(r, 500));
		}
	}
	try {
		return await work();
	} finally {
		rmSync(path, { recursive: true, force: true });
	}
}

const lockPath = (name: string) =>
	join(tmpdir(), `stackwise-${name}-${createHash('sha256').update(root).digest('hex').slice(0, 12)}.lock`);

// ---------------------------------------------------------------------------------------------
// Build

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (d) => (output += d));
		child.stderr.on('data', (d) => (output += d));
		child.on('error', reject);
		child.on('exit', (code) =>
			code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${output}`))
		);
	});
}

/** Builds the app when there is no build or the sources are newer than it. */
export async function ensureBuild() {
	if (!buildIsStale(root)) return;
	await withLock(lockPath('build'), async () => {
		if (!buildIsStale(root)) return;
		await run(process.execPath, [
			join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
			'build',
			'--logLevel',
			'warn'
		]);
	});
}

// ---------------------------------------------------------------------------------------------
// Server processes

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

type Process = { child: ChildProcess; log: () => string; exited: Promise<number | null> };

export function startServe(port: number, dataDir: string, env: Record<string, string>): Process {
	const child = spawn(
		process.execPath,
		[join(root, 'scripts', 'stackwise.js'), 'serve', '--port', String(port), '--host', '127.0.0.1'],
		{
			cwd: root,
			// Its own process group, so stopping it stops the app process it runs too.
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
			env: {
				...process.env,
				STACKWISE_DATA_DIR: dataDir,
				DATABASE_URL: '',
				STACKWISE_DEMO: '1',
				ORIGIN: `http://localhost:${port}`,
				...env
			}
		}
	);
	let log = '';
	child.stdout!.on('data', (d) => (log += d));
	child.stderr!.on('data', (d) => (log += d));
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	return { child, log: () => log, exited };
}

async function waitUntilUp(base: string, process_: Process, timeoutMs: number) {
	const started = Date.now();
	let exited = false;
	void process_.exited.then(() => (exited = true));
	while (Date.now() - started < timeoutMs) {
		if (exited) throw new Error(`built-server: the server stopped while starting:\n${process_.log()}`);
		try {
			const response = await fetch(`${base}/login`, { redirect: 'manual' });
			if (response.status < 500) return;
		} catch {
			// Not listening yet.
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`built-server: no answer from ${base} after ${timeoutMs} ms:\n${process_.log()}`);
}

export async function stopProcess(process_: Process) {
	const pid = process_.child.pid;
	if (!pid || process_.child.exitCode !== null) return;
	const signalGroup = (signal: NodeJS.Signals) => {
		try {
			process.kill(-pid, signal);
		} catch {
			// Already gone.
		}
	};
	signalGroup('SIGTERM');
	const stopped = await Promise.race([
		process_.exited.then(() => true),
		new Promise<boolean>((r) => setTimeout(() => r(false), 15_000))
	]);
	if (!stopped) {
		signalGroup('SIGKILL');
		await process_.exited;
	}
	// The app process (the group's other member) may outlive serve by a moment.
	await new Promise((r) => setTimeout(r, 200));
	signalGroup('SIGKILL');
}

// ---------------------------------------------------------------------------------------------
// The seeded template

function hashTree(hash: ReturnType<typeof createHash>, path: string, contents: boolean) {
	if (!existsSync(path)) return;
	const stat = statSync(path);
	if (stat.isDirectory()) {
		for (const entry of readdirSync(path).sort()) hashTree(hash, join(path, entry), contents);
		return;
	}
	hash.update(path.slice(root.length));
	hash.update(contents ? readFileSync(path) : String(stat.size));
}

export function templateKey(): string {
	const hash = createHash('sha256').update(String(TEMPLATE_VERSION));
	hashTree(hash, join(root, 'drizzle'), true);
	hashTree(hash, join(root, 'data'), false);
	for (const file of ['seed.ts', 'import/generated.ts', 'auth/demo.ts'])
		hashTree(hash, join(root, 'src', 'lib', 'server', file), true);
	return hash.digest('hex').slice(0, 16);
}

async function pickFixture(dataDir: string): Promise<Fixture> {
	const db = await createDb({ dataDir });
	try {
		const one = async <T>(query: ReturnType<typeof sql>, what: string): Promise<T> => {
			const [row] = await db.query<T>(query);
			if (!row) throw new Error(`built-server: the seeded database has no ${what}`);
			return row;
		};
		const providersOf = async (learnerId: string) =>
			(
				await db.query<{ p: string }>(sql`select distinct coalesce(e.provider_id, c.provider_id) as p
					from enrolments e join credentials c on c.id = e.credential_id
					where e.learner_id = ${learnerId} and coalesce(e.provider_id, c.provider_id) is not null order by 1`)
			).map((r) => r.p);
		const demoLearner = await one<{ id: string; pseudonym: string; provider: string }>(
			sql`select l.id, l.pseudonym, u.email from users u join learners l on l.id = u.learner_id where u.email = 'learner@demo.stackwise'`,
			'demo learner account'
		);
		const demoProvider = await one<{ provider_id: string }>(
			sql`select provider_id from users where email = 'provider@demo.stackwise'`,
			'demo provider account'
		);
		const X = demoProvider.provider_id;
		const aProviders = await providersOf(demoLearner.id);
		const Y = aProviders.find((p) => p !== X);
		if (!Y) throw new Error('built-server: the demo learner has no provider besides the demo provider');
		// B: the learner of X (and not of Y) with most enrolments.
		const b = await one<{ id: string; pseudonym: string }>(
			sql`select l.id, l.pseudonym from learners l join enrolments e on e.learner_id = l.id
				join credentials c on c.id = e.credential_id
				where coalesce(e.provider_id, c.provider_id) = ${X} and l.id <> ${demoLearner.id}
				and not exists (select 1 from enrolments e2 join credentials c2 on c2.id = e2.credential_id
					where e2.learner_id = l.id and coalesce(e2.provider_id, c2.provider_id) = ${Y})
				group by l.id, l.pseudonym order by count(*) desc, l.id limit 1`,
			"learner of the demo provider's"
		);
		const credential = await one<{ id: string }>(
			sql`select id from credentials order by id limit 1`,
			'credential'
		);
		const importRow = await one<{ id: number }>(sql`select id from imports order by id limit 1`, 'import');
		// Learner ids as prefix + digits (oulad-123, demo-L00001): one pattern per prefix.
		const prefixes = await db.query<{ prefix: string }>(
			sql`select distinct regexp_replace(id, '[0-9]+$', '') as prefix from learners`
		);
		const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		const extra = accountsOfFixture(Y, b.id);
		for (const account of Object.values(extra))
			if (!(await db.query(sql`select 1 from users where email = ${account.email}`)).length)
				await createUser(db, { ...account, password: TEST_PASSWORD } as Parameters<typeof createUser>[1]);
		const demo = (role: string): Account => ({
			email: `${role}@demo.stackwise`,
			password: DEMO_PASSWORD,
			role
		});
		return {
			accounts: {
				learnerA: demo('learner'),
				learnerB: { email: extra.learnerB.email, password: TEST_PASSWORD, role: 'learner' },
				providerX: demo('provider'),
				providerY: { email: extra.providerY.email, password: TEST_PASSWORD, role: 'provider' },
				policymaker: demo('policymaker'),
				admin: demo('admin')
			},
			learners: {
				A: { id: demoLearner.id, pseudonym: demoLearner.pseudonym, providers: aProviders },
				B: { id: b.id, pseudonym: b.pseudonym, providers: await providersOf(b.id) }
			},
			providers: { X, Y },
			credentialId: credential.id,
			importId: Number(importRow.id),
			learnerIdPatterns: prefixes.map((p) =>
				/^[0-9]*$/.test(p.prefix) ? '\\b\\d+\\b' : `(?<![\\w-])${escape(p.prefix)}\\d+(?![\\w-])`
			)
		};
	} finally {
		await db.close();
	}
}

/** The folder of the seeded template database and its fixture, made once per key. */
export async function ensureTemplate(): Promise<{ dataDir: string; fixture: Fixture }> {
	const dir = join(tmpdir(), `stackwise-seeded-${templateKey()}`);
	const fixtureFile = join(dir, 'fixture.json');
	const read = () => ({ dataDir: join(dir, 'data'), fixture: JSON.parse(readFileSync(fixtureFile, 'utf8')) });
	if (existsSync(fixtureFile)) return read();
	return withLock(`${dir}.lock`, async () => {
		if (existsSync(fixtureFile)) return read();
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(join(dir, 'data'), { recursive: true });
		// The app seeds an empty database and creates the demo accounts as it starts.
		const port = await freePort();
		const seeding = startServe(port, join(dir, 'data'), {});
		try {
			await waitUntilUp(`http://127.0.0.1:${port}`, seeding, 15 * 60_000);
		} finally {
			await stopProcess(seeding);
		}
		const fixture = await pickFixture(join(dir, 'data'));
		rmSync(join(dir, 'data', 'stackwise.lock'), { force: true });
		writeFileSync(fixtureFile, JSON.stringify(fixture, null, '\t'));
		return read();
	});
}

// ---------------------------------------------------------------------------------------------
// The server a test file uses

export type RequestOptions = {
	/** Who asks: an identity (signed in once, cookie reused) or a raw cookie header; default none. */
	as?: Identity;
	cookie?: string;
	method?: string;
	headers?: Record<string, string>;
	body?: BodyInit;
};

export type BuiltServer = {
	/** Where to send requests (an IPv4 address: the server listens on 127.0.0.1). */
	base: string;
	/** The site's origin as the app knows it (ORIGIN): what a same-site form post carries. */
	origin: string;
	fixture: Fixture;
	/** The server's output so far. */
	log(): string;
	/** Signs in by posting the login form; returns the session cookie ("name=value"). */
	signIn(who: SignedIdentity | Account, headers?: Record<string, string>): Promise<string>;
	/** A request that does not follow redirects. */
	request(path: string, options?: RequestOptions): Promise<Response>;
	stop(): Promise<void>;
};

export const SESSION_COOKIE = 'stackwise_session';

/** The session cookie a response sets ("name=value"), or null. */
export function sessionCookieOf(response: Response): string | null {
	for (const header of response.headers.getSetCookie()) {
		const [pair] = header.split(';');
		if (pair.startsWith(`${SESSION_COOKIE}=`) && pair.length > SESSION_COOKIE.length + 1) return pair;
	}
	return null;
}

/**
 * Builds if needed, copies the seeded template and starts `stackwise serve` on a free port.
 * `env` adds to the server's environment (e.g. ADDRESS_HEADER for tests of per-address limits).
 * Each identity signs in once, when a request first names it, and keeps its cookie.
 */
export async function startBuiltServer({
	env = {},
	signInHeaders = {},
	https = false
}: {
	env?: Record<string, string>;
	/**
	 * Serve plain HTTP but tell the app its address is https:// (ORIGIN), as behind a proxy that
	 * ends TLS: the production shape (Secure cookies, HSTS).
	 */
	https?: boolean;
	/** Headers every sign-in sends (e.g. X-Forwarded-For when ADDRESS_HEADER is set). */
	signInHeaders?: Record<string, string>;
} = {}): Promise<BuiltServer> {
	await ensureBuild();
	const template = await ensureTemplate();
	const dataDir = mkdtempSync(join(tmpdir(), 'stackwise-built-server-'));
	cpSync(template.dataDir, dataDir, { recursive: true });
	const port = await freePort();
	const origin = `${https ? 'https' : 'http'}://localhost:${port}`;
	const server = startServe(port, dataDir, { ORIGIN: origin, ...env });
	const base = `http://127.0.0.1:${port}`;
	try {
		await waitUntilUp(base, server, 180_000);
	} catch (e) {
		await stopProcess(server);
		rmSync(dataDir, { recursive: true, force: true });
		throw e;
	}
	const cookies = new Map<SignedIdentity, string>();

	const request = async (path: string, options: RequestOptions = {}) => {
		const headers: Record<string, string> = { ...options.headers };
		let cookie = options.cookie;
		if (options.as && options.as !== 'anonymous') {
			if (!cookies.has(options.as)) cookies.set(options.as, await signIn(options.as));
			cookie = cookies.get(options.as);
		}
		if (cookie) headers.cookie = cookie;
		return fetch(base + path, {
			method: options.method ?? 'GET',
			headers,
			body: options.body,
			redirect: 'manual'
		});
	};

	const signIn = async (who: SignedIdentity | Account, headers: Record<string, string> = signInHeaders) => {
		const account = typeof who === 'string' ? template.fixture.accounts[who] : who;
		const response = await fetch(`${base}/login`, {
			method: 'POST',
			// As a browser posts it: a form, from this site, wanting a page (else SvelteKit answers JSON).
			headers: {
				origin,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded',
				...headers
			},
			body: new URLSearchParams({ email: account.email, password: account.password }),
			redirect: 'manual'
		});
		const cookie = sessionCookieOf(response);
		if (response.status !== 303 || !cookie)
			throw new Error(
				`built-server: signing in as ${account.email} gave ${response.status}: ${(await response.text()).slice(0, 300)}`
			);
		return cookie;
	};

	return {
		base,
		origin,
		fixture: template.fixture,
		log: server.log,
		signIn,
		request,
		async stop() {
			await stopProcess(server);
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
}
