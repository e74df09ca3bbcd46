// Web hardening over real HTTP of the built app (docs/decisions/0005-authorisation-matrix-from-the-route-tree.md): the CSRF origin check, login rate
// limits per account and per address without revealing which accounts exist, sign-out, cookie
// flags, security headers, the upload size limit and the audit log. Session expiry itself is
// tested at the function level (tests/db/privacy.test.ts): its lifetimes are constants.
import { request as httpRequest } from 'node:http';
import { unflatten } from 'devalue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_FAILED } from '../../src/lib/server/auth/sign-in.ts';
import { SESSION_MAX_MS } from '../../src/lib/server/auth/sessions.ts';
import { SESSION_COOKIE, sessionCookieOf, startBuiltServer, type BuiltServer } from './built-server.ts';

// The server runs as behind a proxy that ends TLS: its origin is https:// and it trusts
// X-Forwarded-For, so each test signs in from its own address and the per-address limit of one
// test does not block the next. (The matrix test's server is plain http.)
const ADDRESS = 'x-forwarded-for';
const FORM = 'application/x-www-form-urlencoded';

let server: BuiltServer;
beforeAll(async () => {
	server = await startBuiltServer({
		https: true,
		env: { ADDRESS_HEADER: ADDRESS },
		signInHeaders: { [ADDRESS]: '10.0.0.1' }
	});
}, 900_000);
afterAll(async () => {
	await server?.stop();
});

/** Posts the login form as a browser would (JSON accepted: SvelteKit then answers the action's result). */
async function postLogin(
	email: string,
	password: string,
	{ address = '10.0.0.1', origin = server.origin }: { address?: string; origin?: string } = {}
) {
	const response = await server.request('/login', {
		method: 'POST',
		headers: { origin, accept: 'application/json', 'content-type': FORM, [ADDRESS]: address },
		body: new URLSearchParams({ email, password })
	});
	const text = await response.text();
	let result: { type?: string; status?: number; data?: string } = {};
	try {
		result = JSON.parse(text);
	} catch {
		// Not an action result (the CSRF refusal is plain text).
	}
	return { status: response.status, text, result, cookie: sessionCookieOf(response) };
}

const accountPage = (cookie: string) => server.request('/account', { cookie });

type AuditRow = { action: string; userId: number | null; detail: Record<string, unknown> | null };

/** The audit log as the admin's page gets it, with each entry's email. */
async function auditLog(address: string): Promise<(AuditRow & { email?: string })[]> {
	const admin = await server.signIn('admin', { [ADDRESS]: address });
	const response = await server.request('/admin/audit/__data.json', { cookie: admin });
	expect(response.status).toBe(200);
	const { nodes } = (await response.json()) as { nodes: { type: string; data: unknown[] }[] };
	const { entries, emails } = unflatten(nodes[1].data) as {
		entries: AuditRow[];
		emails: Record<string, string>;
	};
	return entries.map((e) => ({ ...e, email: e.userId === null ? undefined : emails[e.userId] }));
}

describe('CSRF: cross-site form posts are refused', () => {
	it('refuses a sign-in posted from another origin, and signs in from this one', async () => {
		const { admin } = server.fixture.accounts;
		const evil = await postLogin(admin.email, admin.password, {
			origin: 'http://evil.example',
			address: '10.0.1.1'
		});
		expect(evil.status).toBe(403);
		expect(evil.cookie).toBeNull();
		const same = await postLogin(admin.email, admin.password, { address: '10.0.1.1' });
		expect(same.result.type).toBe('redirect');
		expect(same.cookie).not.toBeNull();
	});

	it('refuses a cross-site sign-out, and any cross-site post to a signed-in page', async () => {
		const cookie = await server.signIn('policymaker', { [ADDRESS]: '10.0.1.2' });
		const logout = await server.request('/logout', {
			cookie,
			method: 'POST',
			headers: { origin: 'http://evil.example', 'content-type': FORM },
			body: 'everywhere=yes'
		});
		expect(logout.status).toBe(403);
		const admin = await server.signIn('admin', { [ADDRESS]: '10.0.1.2' });
		const create = await server.request('/admin/users?/create', {
			cookie: admin,
			method: 'POST',
			headers: { origin: 'http://evil.example', 'content-type': FORM },
			body: new URLSearchParams({
				email: 'csrf@example.org',
				password: 'long enough password',
				role: 'admin'
			})
		});
		expect(create.status).toBe(403);
		// Still signed in: nothing happened.
		expect((await accountPage(cookie)).status).toBe(200);
		const users = await (await server.request('/admin/users/__data.json', { cookie: admin })).text();
		expect(users).not.toContain('csrf@example.org');
	});

	it('keeps the first-run page closed once an account exists', async () => {
		const response = await server.request('/setup', {
			method: 'POST',
			headers: { origin: server.origin, 'content-type': FORM, accept: 'text/html' },
			body: new URLSearchParams({ email: 'intruder@example.org', password: 'a long password here' })
		});
		expect(response.status).toBe(404);
		expect(sessionCookieOf(response)).toBeNull();
	});
});

describe('login rate limits', () => {
	it('answers a wrong password and an unknown email alike', async () => {
		const { learnerB } = server.fixture.accounts;
		const known = await postLogin(learnerB.email, 'not the password', { address: '10.0.2.1' });
		const unknown = await postLogin('nobody-here@test.stackwise', 'not the password', {
			address: '10.0.2.1'
		});
		for (const answer of [known, unknown]) {
			expect(answer.result.type).toBe('failure');
			expect(answer.result.status).toBe(400);
			expect(answer.result.data).toContain(SIGN_IN_FAILED);
		}
		expect(known.result.data!.replace(learnerB.email, '…')).toBe(
			unknown.result.data!.replace('nobody-here@test.stackwise', '…')
		);
	});

	it('limits one account, from any address, after ten failures — existing or not, the same way', async () => {
		const { providerY } = server.fixture.accounts;
		const ghost = 'ghost-account@test.stackwise';
		for (const email of [providerY.email, ghost]) {
			for (let i = 0; i < 10; i++) {
				const attempt = await postLogin(email, `wrong ${i}`, { address: `10.0.3.${i + 1}` });
				expect(attempt.result.status, `attempt ${i + 1}`).toBe(400);
			}
		}
		// The right password, from a fresh address, waits the account's delay too.
		const locked = await postLogin(providerY.email, providerY.password, { address: '10.0.3.200' });
		const lockedGhost = await postLogin(ghost, 'anything at all', { address: '10.0.3.201' });
		expect(locked.result.status).toBe(429);
		expect(lockedGhost.result.status).toBe(429);
		expect(locked.cookie).toBeNull();
		expect(locked.result.data).toMatch(/Too many attempts/);
		expect(locked.result.data!.replace(providerY.email, '…')).toBe(
			lockedGhost.result.data!.replace(ghost, '…')
		);
	});

	it('checks only ten of 150 parallel guesses, and lets the owner in from a known address meanwhile', async () => {
		const admin = await server.signIn('admin', { [ADDRESS]: '10.0.10.9' });
		const account = { email: 'race@test.stackwise', password: 'race-test-password-1' };
		const created = await server.request('/admin/users?/create', {
			cookie: admin,
			method: 'POST',
			headers: { origin: server.origin, accept: 'application/json', 'content-type': FORM },
			body: new URLSearchParams({ ...account, role: 'policymaker' })
		});
		expect((await created.json()).type).toBe('success');
		expect(
			(await postLogin(account.email, account.password, { address: '10.0.10.1' })).cookie
		).not.toBeNull();

		// Each from its own address, so only the account's count can stop them.
		const guesses = await Promise.all(
			Array.from({ length: 150 }, (_, i) =>
				postLogin(account.email, `guess ${i}`, { address: `10.0.${11 + Math.floor(i / 250)}.${i % 250}` })
			)
		);
		const checked = guesses.filter((g) => g.result.status === 400);
		expect(checked).toHaveLength(10);
		expect(guesses.filter((g) => g.result.status === 429)).toHaveLength(140);
		// Not a lock: a stranger waits, the owner's known address signs in.
		expect((await postLogin(account.email, account.password, { address: '10.0.12.1' })).result.status).toBe(
			429
		);
		const owner = await postLogin(account.email, account.password, { address: '10.0.10.1' });
		expect(owner.result.type).toBe('redirect');
		expect(owner.cookie).not.toBeNull();
	});

	it('limits one address after thirty failures, whichever accounts it tries', async () => {
		const { admin } = server.fixture.accounts;
		for (let i = 0; i < 30; i++) {
			const attempt = await postLogin(`guess-${i}@test.stackwise`, 'wrong', { address: '10.0.4.1' });
			expect(attempt.result.status, `attempt ${i + 1}`).toBe(400);
		}
		const blocked = await postLogin(admin.email, admin.password, { address: '10.0.4.1' });
		expect(blocked.result.status).toBe(429);
		expect(blocked.cookie).toBeNull();
		// Another address signs in to the same account.
		const elsewhere = await postLogin(admin.email, admin.password, { address: '10.0.4.2' });
		expect(elsewhere.result.type).toBe('redirect');
	});
});

describe('sessions over HTTP', () => {
	it('sets the session cookie httpOnly, SameSite=Lax, Secure, for the whole site, with the absolute lifetime', async () => {
		const { learnerA } = server.fixture.accounts;
		const response = await server.request('/login', {
			method: 'POST',
			headers: { origin: server.origin, accept: 'text/html', 'content-type': FORM, [ADDRESS]: '10.0.5.1' },
			body: new URLSearchParams({ email: learnerA.email, password: learnerA.password })
		});
		expect(response.status).toBe(303);
		const header = response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
		expect(header).toBeDefined();
		const flags = header!.split(';').map((f) => f.trim().toLowerCase());
		expect(flags).toContain('httponly');
		expect(flags).toContain('samesite=lax');
		expect(flags).toContain('path=/');
		expect(flags).toContain(`max-age=${Math.floor(SESSION_MAX_MS / 1000)}`);
		expect(flags).toContain('secure');
		expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
	});

	it('sends nobody elsewhere after signing in (no open redirect)', async () => {
		const { policymaker } = server.fixture.accounts;
		// "/\t/evil.example/phish" is the adversarial run's (docs/decisions/0006-safe-redirects-and-400-for-bad-input.md): Chromium drops the tab and
		// goes to evil.example; a CR or LF in `next` gave a 500 after signing in.
		for (const next of [
			'//evil.example/',
			'https://evil.example/',
			'/\\evil.example/',
			'/\t/evil.example/phish',
			'/.//evil.example/',
			'/system\r\nSet-Cookie: planted=1',
			'/system\n',
			'/admin/audit'
		]) {
			const response = await server.request('/login', {
				method: 'POST',
				headers: { origin: server.origin, accept: 'text/html', 'content-type': FORM, [ADDRESS]: '10.0.5.2' },
				body: new URLSearchParams({ email: policymaker.email, password: policymaker.password, next })
			});
			expect(response.status, next).toBe(303);
			expect(response.headers.get('location'), next).toBe(next === '/admin/audit' ? next : '/system');
		}
		// The link as the attacker sends it: the login page does not carry the `next` into its form.
		const page = await server.request('/login?next=/%09/evil.example/phish');
		expect(page.status).toBe(200);
		expect(await page.text()).not.toContain('evil.example');
	});

	it('disabling an account ends its sessions at once', async () => {
		const cookie = await server.signIn('providerX', { [ADDRESS]: '10.0.5.3' });
		expect((await accountPage(cookie)).status).toBe(200);
		const admin = await server.signIn('admin', { [ADDRESS]: '10.0.5.3' });
		const data = (await (await server.request('/admin/users/__data.json', { cookie: admin })).json()) as {
			nodes: { type: string; data: unknown[] }[];
		};
		const { users } = unflatten(data.nodes[1].data) as { users: { id: number; email: string }[] };
		const target = users.find((u) => u.email === server.fixture.accounts.providerX.email)!;
		const disable = await server.request('/admin/users?/disable', {
			cookie: admin,
			method: 'POST',
			headers: { origin: server.origin, accept: 'application/json', 'content-type': FORM },
			body: new URLSearchParams({ id: String(target.id) })
		});
		expect((await disable.json()).type).toBe('success');
		expect((await accountPage(cookie)).status).toBe(303);
		const again = await postLogin(
			server.fixture.accounts.providerX.email,
			server.fixture.accounts.providerX.password,
			{
				address: '10.0.5.4'
			}
		);
		expect(again.result.status).toBe(400);
		expect(again.result.data).toContain(SIGN_IN_FAILED);
	});

	it('signing out ends that session only; signing out everywhere ends them all', async () => {
		const headers = { [ADDRESS]: '10.0.6.1' };
		const first = await server.signIn('learnerB', headers);
		const second = await server.signIn('learnerB', headers);
		expect((await accountPage(first)).status).toBe(200);

		const out = await server.request('/logout', {
			cookie: first,
			method: 'POST',
			headers: { origin: server.origin, accept: 'text/html', 'content-type': FORM },
			body: ''
		});
		expect(out.status).toBe(303);
		expect(out.headers.get('location')).toBe('/login');
		const cleared = out.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
		expect(cleared).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);

		// The old cookie, replayed, opens nothing.
		const replay = await accountPage(first);
		expect(replay.status).toBe(303);
		expect(replay.headers.get('location')).toMatch(/^\/login\?next=%2Faccount/);
		expect((await server.request('/api/flows', { cookie: first })).status).toBe(401);
		expect((await accountPage(second)).status).toBe(200);

		const third = await server.signIn('learnerB', headers);
		const everywhere = await server.request('/logout', {
			cookie: second,
			method: 'POST',
			headers: { origin: server.origin, accept: 'text/html', 'content-type': FORM },
			body: 'everywhere=yes'
		});
		expect(everywhere.status).toBe(303);
		expect((await accountPage(second)).status).toBe(303);
		expect((await accountPage(third)).status).toBe(303);
	});

	it('treats a forged session cookie as signed out and clears it', async () => {
		const response = await accountPage(`${SESSION_COOKIE}=forged-token-${'x'.repeat(30)}`);
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toMatch(/^\/login/);
		expect(response.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=;`))).toBe(true);
	});
});

describe('security headers', () => {
	it('sends a CSP without inline scripts and the other headers on pages', async () => {
		const page = await server.request('/login');
		expect(page.status).toBe(200);
		const csp = page.headers.get('content-security-policy') ?? '';
		const directives = new Map(
			csp
				.split(';')
				.map((d) => d.trim().split(/\s+/))
				.filter((d) => d[0])
				.map(([name, ...values]) => [name, values])
		);
		expect(directives.get('script-src')).toBeDefined();
		expect(directives.get('script-src')).not.toContain("'unsafe-inline'");
		expect(directives.get('script-src')).not.toContain("'unsafe-eval'");
		expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
		expect(directives.get('object-src')).toEqual(["'none'"]);
		expect(directives.get('default-src')).toEqual(["'self'"]);
		// Any inline script the page has carries the nonce or hash the policy names.
		const html = await page.text();
		for (const [tag] of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>/g))
			expect(/nonce=|type="application\/json"/.test(tag) || csp.includes("'sha256-"), tag).toBe(true);
		for (const response of [page, await server.request('/api/flows', { as: 'policymaker' })]) {
			expect(response.headers.get('x-content-type-options')).toBe('nosniff');
			expect(response.headers.get('referrer-policy')).toBe('same-origin');
			expect(response.headers.get('x-frame-options')).toBe('DENY');
		}
	});

	it('keeps signed-in responses out of shared caches', async () => {
		const response = await server.request('/api/metrics/completion', { as: 'policymaker' });
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toBe('private, no-store');
	});
});

describe('bad parameters answer 400, never 500', () => {
	it('refuses a NUL byte in every filter and an unknown reference group, naming the parameter', async () => {
		const cookie = await server.signIn('policymaker', { [ADDRESS]: '10.0.9.1' });
		const filters = ['credential', 'cohort', 'provider', 'level', 'mode', 'qaApproach', 'reference'];
		const asked: [string, number, string][] = [];
		for (const path of ['/api/metrics/completion', '/api/metrics/stacking', '/system'])
			for (const name of filters) {
				const response = await server.request(`${path}?${name}=a%00b`, { cookie });
				asked.push([`${path} ${name}`, response.status, await response.text()]);
			}
		for (const name of ['from', 'to'])
			for (const path of ['/api/flows', '/flows']) {
				const response = await server.request(`${path}?${name}=a%00b`, { cookie });
				asked.push([`${path} ${name}`, response.status, await response.text()]);
			}
		for (const path of [
			'/api/metrics/completion?by=gender&reference=no-such-group',
			'/system?by=gender&reference=no-such-group'
		]) {
			const response = await server.request(path, { cookie });
			asked.push([path, response.status, await response.text()]);
		}
		for (const [what, status, text] of asked) {
			expect([what, status]).toEqual([what, 400]);
			expect(text, what).toMatch(/(credential|cohort|provider|level|mode|qaApproach|reference|from|to): /);
		}
	});
});

describe('every route, every parameter: hostile values answer 400 or the page, never 500', () => {
	// Every parameter name any route reads (the schemas of src/lib/server/http and the routes').
	const NAMES = [
		'credential',
		'cohort',
		'provider',
		'level',
		'mode',
		'qaApproach',
		'reference',
		'asOf',
		'by',
		'by2',
		'data',
		'format',
		'limit',
		'offset',
		'kind',
		'cohorts',
		'from',
		'to',
		'group',
		'verifiedOnly',
		'issuance',
		'learners',
		'learnersPage',
		'q',
		'page',
		'qualification',
		'goal',
		'table',
		'create',
		'next',
		'scenario',
		'apply'
	];
	const HOSTILE = ['a%00b', '%EF%BF%BF%C0', 'x'.repeat(3000)];

	it('as an administrator, on every GET page and API', async () => {
		const { fixture } = server;
		const cookie = await server.signIn('admin', { [ADDRESS]: '10.0.9.2' });
		const paths = [
			'/system',
			'/providers',
			`/providers/${fixture.providers.X}`,
			`/providers/${fixture.providers.X}/quality`,
			'/flows',
			'/watch',
			'/catalogue',
			`/catalogue/${fixture.credentialId}`,
			'/imports',
			`/imports/${fixture.importId}`,
			'/admin/users',
			'/admin/audit',
			'/account',
			'/login',
			`/learners/${fixture.learners.A.pseudonym}`,
			`/learners/${fixture.learners.A.pseudonym}/record`,
			'/api/metrics/overview',
			'/api/metrics/completion',
			'/api/metrics/time-to-credential',
			'/api/metrics/issuance',
			'/api/metrics/stacking',
			'/api/metrics/conformance',
			'/api/flows',
			'/api/watch',
			'/policy/what-if',
			`/api/catalogue/${fixture.credentialId}`,
			`/api/learners/${fixture.learners.A.pseudonym}/recommendations`
		];
		const failures: string[] = [];
		for (const path of paths)
			for (const name of NAMES)
				for (const value of HOSTILE) {
					const response = await server.request(`${path}?${name}=${value}`, { cookie });
					if (response.status >= 500)
						failures.push(`${path}?${name}=${value.slice(0, 20)}: ${response.status}`);
					await response.body?.cancel();
				}
		// Ids in the path itself.
		for (const path of [
			'/providers/a%00b',
			'/providers/a%00b/quality',
			'/catalogue/a%00b',
			'/imports/a%00b',
			'/imports/1e999',
			'/learners/a%00b',
			'/learners/a%00b/record',
			'/api/catalogue/a%00b',
			'/api/learners/a%00b/recommendations',
			'/imports/jobs/a%00b',
			'/api/imports/jobs/a%00b/events',
			'/imports/map/a%00b'
		]) {
			const response = await server.request(path, { cookie });
			if (response.status >= 500) failures.push(`${path}: ${response.status}`);
			await response.body?.cancel();
		}
		expect(failures).toEqual([]);
	}, 900_000);
});

describe('upload size limit', () => {
	/** Declares a body larger than the server takes and sends the first bytes; returns the status. */
	const oversizedPost = (path: string, cookie: string, declaredBytes: number) =>
		new Promise<number>((resolve, reject) => {
			const url = new URL(server.base + path);
			const req = httpRequest(
				{
					host: url.hostname,
					port: url.port,
					path: url.pathname + url.search,
					method: 'POST',
					headers: {
						cookie,
						origin: server.origin,
						accept: 'text/html',
						'content-type': 'multipart/form-data; boundary=stackwise',
						'content-length': String(declaredBytes)
					}
				},
				(res) => {
					res.resume();
					resolve(res.statusCode ?? 0);
					req.destroy();
				}
			);
			req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(e)));
			req.write('--stackwise\r\nContent-Disposition: form-data; name="format"\r\n\r\nauto\r\n');
		});

	it('refuses an upload over the limit with 413 before reading it', async () => {
		const admin = await server.signIn('admin', { [ADDRESS]: '10.0.7.1' });
		expect(await oversizedPost('/imports?/upload', admin, 200 * 1024 * 1024)).toBe(413);
	});
});

describe('audit log', () => {
	it('records sign-ins, failed sign-ins and sign-outs, with who, for the admin to read', async () => {
		const { learnerA } = server.fixture.accounts;
		await postLogin(learnerA.email, 'wrong password', { address: '10.0.8.1' });
		const cookie = await server.signIn('learnerA', { [ADDRESS]: '10.0.8.1' });
		await server.request('/logout', {
			cookie,
			method: 'POST',
			headers: { origin: server.origin, 'content-type': FORM },
			body: ''
		});
		const log = await auditLog('10.0.8.2');
		const mine = log.filter((e) => e.email === learnerA.email).map((e) => [e.action, e.detail?.address]);
		expect(mine).toContainEqual(['sign-in-failed', '10.0.8.1']);
		expect(mine).toContainEqual(['sign-in', '10.0.8.1']);
		expect(mine).toContainEqual(['sign-out', undefined]);
	});

	it('records a web upload with the admin who made it (the user was once null)', async () => {
		const admin = await server.signIn('admin', { [ADDRESS]: '10.0.8.5' });
		const form = new FormData();
		form.set('format', 'auto');
		form.append(
			'files',
			new Blob(['id,name\naudited-upload,Audited Upload TAFE\n'], { type: 'text/csv' }),
			'providers.csv'
		);
		const upload = await server.request('/imports?/upload', {
			cookie: admin,
			method: 'POST',
			headers: { origin: server.origin, accept: 'text/html' },
			body: form
		});
		expect(upload.status).toBe(303);
		let entry: (AuditRow & { email?: string }) | undefined;
		for (let i = 0; i < 100 && !entry; i++) {
			entry = (await auditLog('10.0.8.6')).find(
				(e) => e.action === 'import' && String(e.detail?.source).includes('providers.csv')
			);
			if (!entry) await new Promise((r) => setTimeout(r, 200));
		}
		expect(entry).toBeDefined();
		expect(entry!.email).toBe(server.fixture.accounts.admin.email);
	});

	it('records an export (a CSV download) with who took which data', async () => {
		const cookie = await server.signIn('policymaker', { [ADDRESS]: '10.0.8.3' });
		const csv = await server.request('/api/metrics/completion?format=csv', { cookie });
		expect(csv.status).toBe(200);
		expect(csv.headers.get('content-disposition')).toMatch(/attachment/);
		const log = await auditLog('10.0.8.4');
		expect(log).toContainEqual(
			expect.objectContaining({
				action: 'export',
				email: server.fixture.accounts.policymaker.email,
				detail: { path: '/api/metrics/completion', query: '?format=csv' }
			})
		);
	});
});
