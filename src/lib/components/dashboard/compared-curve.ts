// One cumulative-incidence curve of a time-to-credential result as a chart line starting at day 0,
// so a provider's curve and the system's can be drawn side by side.
import type { LineSeries } from '../charts/lines.ts';
import type { TimeToCredentialPoint } from '../../domain/survival/index.ts';

export function comparedCurve(
	ttc: { suppressed: string | null; points: TimeToCredentialPoint[] },
	{ event, label, band }: { event: 'completed' | 'withdrawn'; label: string; band: boolean }
): LineSeries[] {
	if (ttc.suppressed || ttc.points.length === 0) return [];
	const points = ttc.points.map((pt) => ({
		x: pt.day,
		y: pt[event],
		low: band ? pt.completedLow : null,
		high: band ? pt.completedHigh : null
	}));
	return [{ key: label, label, points: [{ x: 0, y: 0 }, ...points] }];
}
