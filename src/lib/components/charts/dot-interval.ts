// Layout of a dot-and-interval chart: one row per estimate, a dot at the value and a line across
// its 95% interval, on a shared linear axis. Pure, so it is tested without a browser and the SVG
// renders on the server.
import { scaleBand, scaleLinear } from 'd3';
import type { ChartBox, MarkNotes } from './chart-box.ts';
import { formatPercent } from '../../i18n/format.ts';

export type Estimate = {
	key: string;
	label: string;
	value: number | null;
	low: number | null;
	high: number | null;
} & MarkNotes;

export type DotIntervalLayout = ChartBox & {
	ticks: { x: number; label: string }[];
	rows: (Estimate & { y: number; x: number | null; x1: number | null; x2: number | null })[];
	/** Where a reference line sits, when one is given. */
	reference: { x: number; label: string } | null;
};

export function layoutDotInterval({
	estimates,
	width = 640,
	rowHeight = 28,
	domain,
	format = (v: number) => formatPercent(v, 0),
	reference
}: {
	estimates: Estimate[];
	width?: number;
	rowHeight?: number;
	/** Axis extent; default [0, 1] (proportions). */
	domain?: [number, number];
	format?: (v: number) => string;
	reference?: { value: number; label: string };
}): DotIntervalLayout {
	const longest = Math.max(4, ...estimates.map((e) => e.label.length));
	const margin = { top: 8, right: 24, bottom: 40, left: Math.min(240, 16 + longest * 7) };
	const height = margin.top + margin.bottom + Math.max(1, estimates.length) * rowHeight;
	const x = scaleLinear()
		.domain(domain ?? [0, 1])
		.range([margin.left, width - margin.right])
		.clamp(true);
	const y = scaleBand<string>()
		.domain(estimates.map((e) => e.key))
		.range([margin.top, height - margin.bottom])
		.padding(0.3);
	const at = (v: number | null) => (v === null || !Number.isFinite(v) ? null : x(v));
	return {
		width,
		height,
		margin,
		ticks: x.ticks(5).map((t) => ({ x: x(t), label: format(t) })),
		rows: estimates.map((e) => ({
			...e,
			y: (y(e.key) ?? 0) + y.bandwidth() / 2,
			x: e.suppressed ? null : at(e.value),
			x1: e.suppressed ? null : at(e.low),
			x2: e.suppressed ? null : at(e.high)
		})),
		reference: reference ? { x: x(reference.value), label: reference.label } : null
	};
}
