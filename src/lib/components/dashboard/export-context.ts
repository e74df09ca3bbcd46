// What a dashboard tells every panel's PNG and SVG download besides the panel's own title: the
// page's filters in words, the source line and the suppression note (set once per page).
import { getContext, setContext } from 'svelte';
import type { ExportFrame } from '../charts/download.ts';

export type PageFrame = Omit<ExportFrame, 'title' | 'subtitle'>;
const KEY = Symbol('export-frame');

export const setExportFrame = (frame: () => PageFrame) => setContext(KEY, frame);
export const getExportFrame = (): (() => PageFrame) | undefined => getContext(KEY);

/** The suppression note for a threshold (null: an admin, who sees every cell). */
export const suppressionNote = (threshold: number | null) =>
	threshold === null
		? 'Unsuppressed figures (administrator view): do not publish.'
		: `Cells describing fewer than ${threshold} learners are withheld, and a second one wherever the first could be worked out from a total.`;
