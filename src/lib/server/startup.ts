// The first start answers at once: the server listens while the database is migrated and the
// bundled data loaded, and every request meanwhile gets a page saying what is being loaded
// (503 with Retry-After, refreshing itself) instead of a refused connection. The page speaks the
// browser's language (the cookie a switcher left, else Accept-Language): no session is read yet, as
// the database is not ready. The API's JSON stays English, as machine-readable output does.
import { m } from '$lib/paraglide/messages.js';
import { chooseDigits, chooseLanguage, directionOf, intlTag, type Language } from '$lib/i18n/choose.ts';
import type { SeedProgress } from './seed.ts';

export type Startup =
	| { phase: 'preparing'; progress: SeedProgress | null; startedAt: number }
	| { phase: 'ready' }
	| { phase: 'failed'; message: string };

export const startup: { state: Startup } = {
	state: { phase: 'preparing', progress: null, startedAt: Date.now() }
};

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The seeding's steps (seed.ts, which also logs them in English) in the page's language. */
const STEPS: Record<string, (locale: Language) => string> = {
	starting: (locale) => m.startup_step_starting({}, { locale }),
	OULAD: () => 'OULAD',
	'training.gov.au qualifications': (locale) => m.startup_step_tga({}, { locale }),
	'generated demo learners': (locale) => m.startup_step_generated({}, { locale }),
	"the dashboards' sums": (locale) => m.startup_step_sums({}, { locale })
};

/** What the request carries that says its language: the switcher's cookies and the browser's header. */
export type NotReadyRequest = {
	api: boolean;
	acceptLanguage?: string | null;
	localeCookie?: string | null;
	digitsCookie?: string | null;
};

/** The answer to any request before the app is ready: the loading page, or JSON for the API. */
export function notReadyResponse(
	state: Exclude<Startup, { phase: 'ready' }>,
	{ api, acceptLanguage, localeCookie, digitsCookie }: NotReadyRequest
): Response {
	const failed = state.phase === 'failed';
	const progress = state.phase === 'preparing' ? state.progress : null;
	const elapsed = state.phase === 'preparing' ? Math.round((Date.now() - state.startedAt) / 1000) : 0;
	const status = failed ? 500 : 503;
	const headers: Record<string, string> = failed ? {} : { 'retry-after': '5' };
	if (api) {
		const message = failed
			? `Stackwise could not start: ${state.message}`
			: progress
				? `Loading the bundled data: ${progress.step}${progress.percent === null ? '' : ` (${progress.percent}%)`}`
				: 'Preparing the database';
		return Response.json({ status: failed ? 'failed' : 'loading', message }, { status, headers });
	}
	const locale = chooseLanguage({ cookie: localeCookie, acceptLanguage });
	const tag = intlTag(locale, chooseDigits({ cookie: digitsCookie }));
	const count = (n: number) => new Intl.NumberFormat(tag, { maximumFractionDigits: 0 }).format(n);
	const percent = (n: number) => new Intl.NumberFormat(tag, { style: 'percent' }).format(n / 100);
	const opts = { locale };
	// The failure's reason and an unknown step are the server's English.
	const english = (text: string) => `<span lang="en" dir="ltr">${escape(text)}</span>`;
	const step = (name: string) => {
		const known = STEPS[name];
		return known ? escape(known(locale)) : english(name);
	};
	const message = failed
		? `${escape(m.startup_could_not_start({}, opts))} ${english(state.message)}`
		: progress
			? `${escape(m.startup_loading_step({}, opts))} ${step(progress.step)}${
					progress.percent === null ? '' : ` (${escape(percent(progress.percent))})`
				}`
			: escape(m.startup_preparing({}, opts));
	const label = escape(m.startup_progress_label({}, opts));
	const bar =
		progress?.percent == null
			? `<progress aria-label="${label}"></progress>`
			: `<progress aria-label="${label}" max="100" value="${progress.percent}">${escape(percent(progress.percent))}</progress>`;
	const title = failed ? m.startup_title_failed({}, opts) : m.startup_title_loading({}, opts);
	const html = `<!doctype html>
<html lang="${locale}" dir="${directionOf(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
${failed ? '' : '<meta http-equiv="refresh" content="3">'}
<title>${escape(title)} · Stackwise</title>
<style>body{font:16px/1.5 system-ui,sans-serif;color:#1a1a1a;background:#f6f7f9;margin:0}
main{max-width:40rem;margin:4rem auto;padding:1.5rem 2rem;background:#fff;border:1px solid #d0d4da;border-radius:8px}
progress{width:100%;height:1rem}p.muted{color:#4a5060}</style></head>
<body><main><h1 translate="no">Stackwise</h1>
<p role="status" aria-live="polite">${message}</p>
${
	failed
		? `<p>${escape(m.startup_see_log({}, opts))}</p>`
		: `${bar}
<p class="muted">${escape(m.startup_explained({ seconds: count(elapsed) }, opts))}</p>`
}
</main></body></html>`;
	return new Response(html, { status, headers: { ...headers, 'content-type': 'text/html; charset=utf-8' } });
}
