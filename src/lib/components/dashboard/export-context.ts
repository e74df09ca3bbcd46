// What a dashboard tells every panel's PNG and SVG download besides the panel's own title: the
// page's filters in words, the source line and the suppression note (set once per page).
import { getContext, setContext } from 'svelte';
import type { ExportFrame } from '../charts/download.ts';

export type PageFrame = Omit<ExportFrame, 'title' | 'subtitle'>;
const KEY = Symbol('export-frame');

export const setExportFrame = (frame: () => PageFrame) => setContext(KEY, frame);
export const getExportFrame = (): (() => PageFrame) | undefined => getContext(KEY);

/** The disclosure policy in force, in words, as the page's frame states it (every panel's definition ends with it). */
export const disclosureStatement = (): string => getExportFrame()?.().note ?? '';
