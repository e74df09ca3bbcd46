// Layout of a line chart: one line per series (a step function for cumulative incidence curves),
// an optional 95% band, and a few focusable marks per series so the chart can be read by keyboard
// and screen reader. Pure, so it is tested without a browser and renders on the server.
import { area, curveLinear, curveStepAfter, line, scaleLinear } from 'd3';
import type { ChartBox } from './chart-box.ts';
import { m } from '../../paraglide/messages.js';
import { formatCount, formatPercent } from '../../i18n/format.ts';

/** Okabe–Ito: distinguishable with the common colour-vision deficiencies. */
export const PALETTE = [
	'#0072B2',
	'#E69F00',
	'#009E73',
	'#CC79A7',
	'#56B4E9',
	'#D55E00',
	'#F0E442',
	'#000000'
];

export type LinePoint = { x: number; y: number | null; low?: number | null; high?: number | null };
export type LineSeries = { key: string; label: string; points: LinePoint[] };

export type LineMark = { key: string; cx: number; cy: number; text: string };
export type LinesLayout = ChartBox & {
	xTicks: { x: number; label: string }[];
	yTicks: { y: number; label: string }[];
	series: {
		key: string;
		label: string;
		color: string;
		path: string;
		band: string | null;
		marks: LineMark[];
	}[];
	/** A horizontal guide, e.g. 50% for the median. */
	guide: { y: number; label: string } | null;
};

type Scale = (v: number) => number;

/** A few evenly spaced focusable marks on a series' defined points, always including the last. */
function marksOf(
	s: LineSeries,
	{
		x,
		y,
		xFormat,
		yFormat,
		marksPerSeries
	}: {
		x: Scale;
		y: Scale;
		xFormat: (v: number) => string;
		yFormat: (v: number) => string;
		marksPerSeries: number;
	}
): LineMark[] {
	const shown = s.points.filter((p) => p.y !== null);
	const stride = Math.max(1, Math.ceil(shown.length / marksPerSeries));
	const marked = shown.filter((_, j) => j % stride === 0 || j === shown.length - 1);
	return marked.map((p) => ({
		key: `${s.key}@${p.x}`,
		cx: x(p.x),
		cy: y(p.y!),
		text:
			p.low != null && p.high != null
				? m.chart_mark_interval({
						series: s.label,
						x: xFormat(p.x),
						y: yFormat(p.y!),
						low: yFormat(p.low),
						high: yFormat(p.high)
					})
				: m.chart_mark({ series: s.label, x: xFormat(p.x), y: yFormat(p.y!) })
	}));
}

export function layoutLines({
	series,
	width = 640,
	height = 280,
	step = false,
	xFormat = (v) => formatCount(v),
	yFormat = (v) => formatPercent(v, 0),
	xTickValues,
	yDomain,
	guide,
	marksPerSeries = 8
}: {
	series: LineSeries[];
	width?: number;
	height?: number;
	/** Draw steps (values hold until the next point), as survival curves do. */
	step?: boolean;
	xFormat?: (v: number) => string;
	yFormat?: (v: number) => string;
	/** Ticks at these x values (e.g. every period index); default: d3's nice ticks. */
	xTickValues?: number[];
	/** Default: [0, 1] when every value is a proportion, else [0, max]. */
	yDomain?: [number, number];
	guide?: { value: number; label: string };
	marksPerSeries?: number;
}): LinesLayout {
	const margin = { top: 12, right: 16, bottom: 44, left: 56 };
	const all = series.flatMap((s) => s.points);
	const xs = all.map((p) => p.x);
	const ys = all.flatMap((p) => [p.y, p.high ?? null]).filter((v): v is number => v !== null);
	const maxY = Math.max(0, ...ys);
	const x = scaleLinear()
		.domain(xs.length ? [Math.min(...xs), Math.max(...xs, Math.min(...xs) + 1)] : [0, 1])
		.range([margin.left, width - margin.right]);
	const y = scaleLinear()
		.domain(yDomain ?? (maxY <= 1 ? [0, 1] : [0, maxY]))
		.nice()
		.range([height - margin.bottom, margin.top]);
	const curve = step ? curveStepAfter : curveLinear;
	const defined = (p: LinePoint) => p.y !== null;
	const path = line<LinePoint>()
		.defined(defined)
		.x((p) => x(p.x))
		.y((p) => y(p.y ?? 0))
		.curve(curve);
	const band = area<LinePoint>()
		.defined((p) => p.low != null && p.high != null)
		.x((p) => x(p.x))
		.y0((p) => y(p.low ?? 0))
		.y1((p) => y(p.high ?? 0))
		.curve(curve);
	return {
		width,
		height,
		margin,
		xTicks: (xTickValues ?? x.ticks(6)).map((v) => ({ x: x(v), label: xFormat(v) })),
		yTicks: y.ticks(5).map((v) => ({ y: y(v), label: yFormat(v) })),
		guide: guide ? { y: y(guide.value), label: guide.label } : null,
		series: series.map((s, i) => ({
			key: s.key,
			label: s.label,
			color: PALETTE[i % PALETTE.length],
			path: path(s.points) ?? '',
			band: s.points.some((p) => p.low != null && p.high != null) ? (band(s.points) ?? null) : null,
			marks: marksOf(s, { x, y, xFormat, yFormat, marksPerSeries })
		}))
	};
}
