import { error, redirect, type Handle, type ServerInit } from '@sveltejs/kit';
import { readSettings } from '$lib/server/config.ts';
import { closeDb, getDb } from '$lib/server/db/index.ts';
import { seedIfEmpty } from '$lib/server/seed.ts';
import { failDeadImports } from '$lib/server/import/running.ts';
import { ensureDemoAccounts, removeDemoAccounts } from '$lib/server/auth/demo.ts';
import { audit } from '$lib/server/auth/audit.ts';
import { learnerLookup } from '$lib/server/auth/lookup.ts';
import { decide } from '$lib/server/auth/policy.ts';
import { SESSION_COOKIE, deleteExpiredSessions, validateSession } from '$lib/server/auth/sessions.ts';
import { applyRetention } from '$lib/server/privacy.ts';
import { RequestGate } from '$lib/server/http/request-gate.ts';
import { notReadyResponse, startup } from '$lib/server/startup.ts';
import { fillLanguage, inLocale, requestLocale } from '$lib/server/http/locale.ts';
import { deniedPage } from '$lib/server/http/denied-page.ts';
import { DIGITS_COOKIE, LOCALE_COOKIE } from '$lib/i18n/choose.ts';

const DAY_MS = 24 * 60 * 60_000;

// Runs once before the server listens: everything slow (migrate, load the bundled data into an
// empty database, demo accounts) goes on in the background, so the server answers at once with a
// loading page (startup.ts) until it is ready; then retention and expired sessions are kept in
// check daily.
export const init: ServerInit = async () => {
	void prepare().then(
		() => (startup.state = { phase: 'ready' }),
		(e: unknown) => {
			console.error('Stackwise: could not start:', e);
			startup.state = { phase: 'failed', message: e instanceof Error ? e.message : String(e) };
		}
	);
	// adapter-node waits for open handles; close the database so the server stops on SIGTERM.
	process.once('sveltekit:shutdown', () => {
		void closeDb();
		// Says what still holds a server that does not stop (its own timer does not hold it).
		setTimeout(
			() =>
				console.error(
					`Stackwise: still running 10 s after shutdown, held by ${process.getActiveResourcesInfo().join(', ')}`
				),
			10_000
		).unref();
	});
};

async function prepare() {
	const settings = readSettings();
	const db = await getDb();
	const dead = await failDeadImports(db);
	if (dead.length > 0)
		console.log(`Stackwise: import(s) ${dead.join(', ')} had stopped unfinished; marked failed`);
	await seedIfEmpty(db, {
		seed: settings.seed,
		onProgress: (progress) => {
			if (startup.state.phase === 'preparing') startup.state = { ...startup.state, progress };
		}
	});
	if (settings.demo) await ensureDemoAccounts(db);
	else await removeDemoAccounts(db);
	const housekeeping = async () => {
		await deleteExpiredSessions(db);
		if (settings.retentionYears) {
			const result = await applyRetention(db, { years: settings.retentionYears });
			if (result.enrolments + result.awards > 0)
				console.log(`Stackwise retention: ${JSON.stringify(result)}`);
		}
	};
	await housekeeping();
	setInterval(
		() => void housekeeping().catch((e) => console.error('Stackwise housekeeping failed:', e)),
		DAY_MS
	).unref();
}

const SECURITY_HEADERS: Record<string, string> = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'same-origin',
	'x-frame-options': 'DENY',
	'cross-origin-opener-policy': 'same-origin',
	'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()'
};

function securedHeaders(response: Response): Response {
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
	return response;
}

/** Requests worked on at once with the embedded database (request-gate.ts says why). */
const embeddedGate = new RequestGate(4);

export const handle: Handle = async ({ event, resolve }) => {
	const state = startup.state;
	if (state.phase !== 'ready')
		return notReadyResponse(state, {
			api: event.url.pathname.startsWith('/api/'),
			acceptLanguage: event.request.headers.get('accept-language'),
			localeCookie: event.cookies.get(LOCALE_COOKIE),
			digitsCookie: event.cookies.get(DIGITS_COOKIE)
		});
	const db = await getDb();
	// A request made by another one's load already holds a turn.
	const gated = db.engine === 'pglite' && !event.isSubRequest;
	if (gated) await embeddedGate.enter();
	try {
		return await handleRequest({ event, resolve });
	} finally {
		if (gated) embeddedGate.leave();
	}
};

const handleRequest: Handle = async ({ event, resolve }) => {
	const db = await getDb();
	const token = event.cookies.get(SESSION_COOKIE);
	const session = token ? await validateSession(db, token) : null;
	event.locals.user = session?.user ?? null;
	if (token && !session) event.cookies.delete(SESSION_COOKIE, { path: '/' });
	const chosen = requestLocale(
		event.locals.user,
		event.cookies,
		event.request.headers.get('accept-language')
	);
	return inLocale(chosen, () =>
		answerRequest({
			event,
			resolve: (e, options) =>
				resolve(e, { ...options, transformPageChunk: ({ html }) => fillLanguage(html, chosen) })
		})
	);
};

const answerRequest: Handle = async ({ event, resolve }) => {
	const db = await getDb();
	// An id in the address holding a NUL byte names nothing (PostgreSQL refuses it in text): 400,
	// naming the part of the address, as a bad query parameter gets.
	const nul = Object.entries(event.params).find(([, value]) => value?.includes('\u0000'));
	if (nul) error(400, `${nul[0]}: must not contain a NUL byte`);

	// Every route has an access rule (src/lib/server/auth/policy.ts), enforced here before any
	// load function or endpoint runs.
	const decision = await decide({
		routeId: event.route.id,
		params: event.params,
		user: event.locals.user,
		lookup: learnerLookup(db)
	});
	if (!decision.allow) {
		const api = event.url.pathname.startsWith('/api/');
		if (decision.status === 401) {
			if (api) error(401, 'Sign in first');
			redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
		}
		if (decision.status === 403) {
			if (api) error(403, 'Your account does not give access to this page');
			return securedHeaders(deniedPage(403));
		}
		if (decision.status === 404) {
			if (api) error(404, 'Not found');
			return securedHeaders(deniedPage(404));
		}
		error(500, 'This route has no access rule');
	}

	const response = await resolve(event);
	// A download (CSV, Arrow: `content-disposition: attachment`) is an export: the audit log keeps
	// who took which data, whichever endpoint served it.
	if (
		event.locals.user &&
		response.ok &&
		/^attachment/i.test(response.headers.get('content-disposition') ?? '')
	)
		await audit(db, {
			userId: event.locals.user.id,
			action: 'export',
			detail: { path: event.url.pathname, query: event.url.search }
		});
	securedHeaders(response);
	// A page's words follow the browser's languages and the language cookie (locale.ts).
	if (response.headers.get('content-type')?.startsWith('text/html'))
		response.headers.append('vary', 'Accept-Language, Cookie');
	if (event.url.protocol === 'https:')
		response.headers.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
	// Personal and scoped data: never kept by shared caches.
	if (event.locals.user) response.headers.set('cache-control', 'private, no-store');
	return response;
};
