// In the browser the page's <html> says which language and digits the server chose (hooks.server.ts
// fills them in), so what hydrates reads exactly what was rendered.
import { baseLocale, overwriteGetLocale, toLocale } from '$lib/paraglide/runtime.js';
import { overwriteDigits } from '$lib/i18n/format.ts';

overwriteGetLocale(() => toLocale(document.documentElement.lang) ?? baseLocale);
overwriteDigits(() => (document.documentElement.dataset.digits === 'latin' ? 'latin' : 'native'));
