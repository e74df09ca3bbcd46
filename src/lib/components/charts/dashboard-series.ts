// Shapes the metrics layer's rows into what the charts draw: pure, so each is tested with empty
// and withheld data, and the page stays a thin drawing of them.
import { groupName } from '../../i18n/names.ts';
import type { CompletionEquityRow } from '../../domain/equity/index.ts';
import type { TimeToCredential } from '../../domain/survival/index.ts';
import type { Estimate } from './dot-interval.ts';
import type { HeatCell } from './heat-map.ts';
import type { LineSeries } from './lines.ts';
import { m } from '../../paraglide/messages.js';
import { formatCount as count, formatPercent } from '../../i18n/format.ts';

/** Awards per period and group → one line per group over the periods (withheld cells are gaps). */
/** "2013-Q3" … "2014-Q2": every quarter from the first of `sorted` to its last. */
export function quarterRange(sorted: string[]): string[] {
	const parse = (period: string) => {
		const match = /^(\d{4})-Q([1-4])$/.exec(period);
		return match ? Number(match[1]) * 4 + Number(match[2]) - 1 : null;
	};
	const first = parse(sorted[0] ?? '');
	const last = parse(sorted[sorted.length - 1] ?? '');
	// Anything but quarters (none yet) is kept as it came.
	if (first === null || last === null || sorted.some((p) => parse(p) === null)) return sorted;
	return Array.from({ length: last - first + 1 }, (_, i) => {
		const q = first + i;
		return `${Math.floor(q / 4)}-Q${(q % 4) + 1}`;
	});
}

export function issuanceSeries(rows: { period: string; group: string; awards: number | null }[]): {
	periods: string[];
	series: LineSeries[];
} {
	// Every quarter from the first to the last, evenly spaced because they are: a quarter with no
	// award at all has no row, and drawn without it the line would join 2013-Q3 to 2014-Q2 as if
	// they were neighbours.
	const periods = quarterRange([...new Set(rows.map((r) => r.period))].sort());
	const groups = [...new Set(rows.map((r) => r.group))].sort();
	const at = new Map(rows.map((r) => [`${r.period}\u0000${r.group}`, r.awards]));
	return {
		periods,
		series: groups.map((g) => ({
			key: g,
			label: g === 'all' ? m.chart_all_awards() : groupName(g),
			// A period without a row for the group had no award of it: 0, not a gap.
			points: periods.map((p, x) => {
				const key = `${p}\u0000${g}`;
				return { x, y: at.has(key) ? (at.get(key) ?? null) : 0 };
			})
		}))
	};
}

/** The cumulative incidence of completion (with its band), withdrawal and failure by day. */
export function timeToCredentialSeries(
	ttc: Pick<TimeToCredential, 'points'> | null,
	label = m.chart_completed()
): LineSeries[] {
	if (!ttc || ttc.points.length === 0) return [];
	// The curves start at day 0 with nothing yet.
	const points =
		ttc.points[0].day === 0
			? ttc.points
			: [
					{ day: 0, completed: 0, withdrawn: 0, failed: 0, completedLow: null, completedHigh: null },
					...ttc.points
				];
	return [
		{
			key: 'completed',
			label,
			points: points.map((p) => ({ x: p.day, y: p.completed, low: p.completedLow, high: p.completedHigh }))
		},
		{
			key: 'withdrawn',
			label: m.chart_withdrew(),
			points: points.map((p) => ({ x: p.day, y: p.withdrawn }))
		},
		{ key: 'failed', label: m.chart_failed(), points: points.map((p) => ({ x: p.day, y: p.failed })) }
	];
}

/** Completion rates with their intervals, one dot per group. */
export function rateEstimates(rows: CompletionEquityRow[]): Estimate[] {
	return rows.map((r) => ({
		key: r.group ?? 'all',
		label: r.group === null ? m.panel_all() : groupName(r.group),
		value: r.rate,
		low: r.low,
		high: r.high,
		detail: r.suppressed
			? undefined
			: m.chart_of_known_outcome({ completed: count(r.completed ?? 0), known: count(r.known ?? 0) }),
		suppressed: r.suppressed
	}));
}

/** Each group's rate as a share of the reference group's, with the ratio's interval. */
export function ratioEstimates(rows: CompletionEquityRow[], reference: string | null): Estimate[] {
	return rows.map((r) => ({
		key: r.group ?? 'all',
		label:
			r.group === reference
				? m.chart_reference_group({ group: String(r.group) })
				: (r.group ?? m.panel_all()),
		value: r.ratio,
		low: r.ratioLow,
		high: r.ratioHigh,
		detail: r.suppressed
			? undefined
			: r.fourFifths
				? m.chart_ratio_detail_below({ rate: formatPercent(r.rate) })
				: m.chart_ratio_detail({ rate: formatPercent(r.rate) }),
		suppressed: r.suppressed
	}));
}

/** A pair of dimensions' rates as heat-map cells. */
export function rateCells(rows: CompletionEquityRow[]): HeatCell[] {
	return rows
		.filter((r) => r.groups)
		.map((r) => ({
			row: r.groups![0],
			col: r.groups![1],
			value: r.rate,
			detail: r.suppressed
				? undefined
				: m.chart_of({ part: count(r.completed ?? 0), whole: count(r.known ?? 0) }),
			suppressed: r.suppressed
		}));
}
