// Layout of a heat map for a pair of group dimensions (the equity panel's): one cell per
// pair with its value as colour and as text; withheld cells are hatched and say why. Pure.
import { interpolateCividis, scaleBand, scaleSequential } from 'd3';
import type { ChartBox, MarkNotes } from './chart-box.ts';
import { m } from '../../paraglide/messages.js';
import { formatPercent } from '../../i18n/format.ts';
import { withheldReason } from '../../i18n/names.ts';

export type HeatCell = {
	row: string;
	col: string;
	value: number | null;
} & MarkNotes;

export type HeatMapLayout = ChartBox & {
	rows: { key: string; y: number }[];
	cols: { key: string; x: number }[];
	cellWidth: number;
	cellHeight: number;
	cells: (HeatCell & {
		x: number;
		y: number;
		fill: string | null;
		ink: string;
		text: string;
		label: string;
	})[];
};

export function layoutHeatMap({
	cells,
	width = 640,
	cellHeight = 30,
	format = (v: number) => formatPercent(v, 0),
	domain
}: {
	cells: HeatCell[];
	width?: number;
	cellHeight?: number;
	format?: (v: number) => string;
	/** Colour extent; default: the published values' range. */
	domain?: [number, number];
}): HeatMapLayout {
	const rowKeys = [...new Set(cells.map((c) => c.row))];
	const colKeys = [...new Set(cells.map((c) => c.col))];
	const longest = Math.max(4, ...rowKeys.map((r) => r.length));
	const margin = { top: 8, right: 8, bottom: 56, left: Math.min(200, 16 + longest * 7) };
	const height = margin.top + margin.bottom + Math.max(1, rowKeys.length) * cellHeight;
	const x = scaleBand<string>()
		.domain(colKeys)
		.range([margin.left, width - margin.right])
		.padding(0.05);
	const y = scaleBand<string>()
		.domain(rowKeys)
		.range([margin.top, height - margin.bottom])
		.padding(0.05);
	const values = cells.map((c) => c.value).filter((v): v is number => v !== null);
	const extent: [number, number] =
		domain ?? (values.length ? [Math.min(...values), Math.max(...values)] : [0, 1]);
	const colour = scaleSequential(interpolateCividis).domain(
		extent[0] === extent[1] ? [extent[0] - 1, extent[1] + 1] : extent
	);
	return {
		width,
		height,
		margin,
		rows: rowKeys.map((key) => ({ key, y: (y(key) ?? 0) + y.bandwidth() / 2 })),
		cols: colKeys.map((key) => ({ key, x: (x(key) ?? 0) + x.bandwidth() / 2 })),
		cellWidth: x.bandwidth(),
		cellHeight: y.bandwidth(),
		cells: cells.map((c) => {
			const t =
				c.value === null ? null : (c.value - colour.domain()[0]) / (colour.domain()[1] - colour.domain()[0]);
			const text = c.value === null ? (c.suppressed ? m.chart_withheld() : '—') : format(c.value);
			return {
				...c,
				x: x(c.col) ?? 0,
				y: y(c.row) ?? 0,
				fill: c.value === null ? null : colour(c.value),
				// Cividis runs dark blue to pale yellow: dark text on the pale half.
				ink: t !== null && t > 0.55 ? '#111' : '#fff',
				text,
				label: m.chart_cell({
					row: c.row,
					col: c.col,
					value:
						c.value === null
							? c.suppressed
								? m.chart_withheld_because({ reason: withheldReason(c.suppressed) })
								: m.chart_no_data()
							: c.detail
								? `${format(c.value)}${m.panel_list_separator()}${c.detail}`
								: format(c.value)
				})
			};
		})
	};
}
