// The page a refused request gets (the access rule's 403 or 404, before any route runs) in the
// reader's language. SvelteKit's own fallback for an error thrown in `handle` is src/error.html,
// a static page in English; this one says the same in the language the request chose.
import { m } from '../../paraglide/messages.js';
import { getLocale } from '../../paraglide/runtime.js';
import { directionOf, type Language } from '../../i18n/choose.ts';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function deniedPage(status: 403 | 404): Response {
	const language = getLocale() as Language;
	const html = `<!doctype html>
<html lang="${language}" dir="${directionOf(language)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(m.error_title({ status }))}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;color:#1b1f24;background:#f4f6f8;margin:0}
header{background:#fff;border-bottom:1px solid #d0d7de;padding:0.75rem 1.5rem}header a{color:#005a8c;font-weight:650;text-decoration:none}
main{max-width:40rem;margin:3rem auto;padding:1.5rem 2rem;background:#fff;border:1px solid #d0d7de;border-radius:8px}a{color:#005a8c}ul{padding-inline-start:1.2rem}</style></head>
<body><header><a href="/" translate="no">Stackwise</a></header>
<main><h1>${escape(m.error_heading({ status }))}</h1>
<p>${escape(status === 403 ? m.error_advice_403() : m.error_advice_404())}</p>
<ul><li><a href="/">${escape(m.error_link_start())}</a></li>
<li><a href="/login">${escape(m.error_link_sign_in())}</a></li>
<li><a href="/catalogue">${escape(m.nav_catalogue())}</a></li></ul>
</main></body></html>`;
	return new Response(html, { status, headers: { 'content-type': 'text/html; charset=utf-8' } });
}
