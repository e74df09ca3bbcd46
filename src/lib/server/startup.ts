// The first start answers at once: the server listens while the database is migrated and the
// bundled data loaded, and every request meanwhile gets a page saying what is being loaded
// (503 with Retry-After, refreshing itself) instead of a refused connection.
import type { SeedProgress } from './seed.ts';

export type Startup =
	| { phase: 'preparing'; progress: SeedProgress | null; startedAt: number }
	| { phase: 'ready' }
	| { phase: 'failed'; message: string };

export const startup: { state: Startup } = {
	state: { phase: 'preparing', progress: null, startedAt: Date.now() }
};

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The answer to any request before the app is ready: the loading page, or JSON for the API. */
export function notReadyResponse(state: Exclude<Startup, { phase: 'ready' }>, api: boolean): Response {
	const failed = state.phase === 'failed';
	const progress = state.phase === 'preparing' ? state.progress : null;
	const elapsed = state.phase === 'preparing' ? Math.round((Date.now() - state.startedAt) / 1000) : 0;
	const message = failed
		? `Stackwise could not start: ${state.message}`
		: progress
			? `Loading the bundled data: ${progress.step}${progress.percent === null ? '' : ` (${progress.percent}%)`}`
			: 'Preparing the database';
	const status = failed ? 500 : 503;
	const headers: Record<string, string> = failed ? {} : { 'retry-after': '5' };
	if (api) return Response.json({ status: failed ? 'failed' : 'loading', message }, { status, headers });
	const bar =
		progress?.percent == null
			? '<progress aria-label="Loading progress"></progress>'
			: `<progress aria-label="Loading progress" max="100" value="${progress.percent}">${progress.percent}%</progress>`;
	const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
${failed ? '' : '<meta http-equiv="refresh" content="3">'}
<title>${failed ? 'Could not start' : 'Loading the bundled data'} · Stackwise</title>
<style>body{font:16px/1.5 system-ui,sans-serif;color:#1a1a1a;background:#f6f7f9;margin:0}
main{max-width:40rem;margin:4rem auto;padding:1.5rem 2rem;background:#fff;border:1px solid #d0d4da;border-radius:8px}
progress{width:100%;height:1rem}p.muted{color:#4a5060}</style></head>
<body><main><h1>Stackwise</h1>
<p role="status" aria-live="polite">${escape(message)}</p>
${
	failed
		? '<p>See the server log for details, fix the cause and start the server again.</p>'
		: `${bar}
<p class="muted">The first start loads the real data bundled with Stackwise (the Open University dataset, the training.gov.au qualifications and generated demo learners) into an empty database. This page refreshes itself; ${elapsed} s so far.</p>`
}
</main></body></html>`;
	return new Response(html, { status, headers: { ...headers, 'content-type': 'text/html; charset=utf-8' } });
}
