// Charts keep their drawing in every language (x grows rightwards, as Arabic charts usually do), so
// each SVG is laid out left to right; only the words on it (axis titles, guides, tooltips) run right
// to left in Arabic. A label that runs right to left keeps its place when its anchor is swapped.
import { getLocale } from '../../paraglide/runtime.js';
import { directionOf, type Language } from '../../i18n/choose.ts';

/** Whether the page's words run right to left. */
export const wordsRtl = (): boolean => directionOf(getLocale() as Language) === 'rtl';

/** The SVG `direction` for a label of words. */
export const wordsDirection = (rtl: boolean): 'rtl' | 'ltr' => (rtl ? 'rtl' : 'ltr');

/** The text-anchor that keeps a label where the layout put it when its text runs right to left. */
export const anchorFor = (anchor: 'start' | 'middle' | 'end', rtl: boolean): 'start' | 'middle' | 'end' =>
	!rtl || anchor === 'middle' ? anchor : anchor === 'start' ? 'end' : 'start';
