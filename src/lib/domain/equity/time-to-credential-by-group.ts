// Time to credential per group (the CLI's `metrics time-to-credential --by DIM`), with the
// same suppression as every other group table: a group of fewer than `threshold` learners
// is withheld — its curve and counts too, since a curve of a few learners tells their
// dates — and complementary suppression keeps its n from being worked out from the total.

import { type DayCounts, timeToCredential, type TimeToCredential } from '../survival/index.ts';
import {
	publishedCount,
	publishesRate,
	rounds,
	withheldBelow,
	type Suppression
} from '../suppression/index.ts';
import { compareGroups, DEFAULT_SUPPRESSION, type Margins } from './compare-groups.ts';
import type { GroupInput } from './group-key.ts';

export type GroupDayCounts = {
	group: GroupInput;
	rows: readonly DayCounts[];
	/** Distinct learners, for suppression; defaults to the enrolments counted in `rows`. */
	learners?: number;
};

export type GroupTimeToCredential = {
	group: string | null;
	groups?: [string, string];
	/** Why the group is withheld, or null when it is published. */
	suppressed: string | null;
} & (
	| ({ suppressed: null } & TimeToCredential)
	| { suppressed: string; n: null; inProgress: null; points: []; median: null }
);

export function timeToCredentialByGroup({
	groups,
	at,
	suppression = DEFAULT_SUPPRESSION,
	margins,
	withheld
}: {
	groups: readonly GroupDayCounts[];
	at?: readonly number[];
	suppression?: Suppression;
	/** For pairs: how the one-dimension views publish the margins (compare-groups.ts). */
	margins?: Margins;
	/** Per group: withheld whatever its count (compare-groups.ts). */
	withheld?: ReadonlyArray<string | null>;
}): { groups: GroupTimeToCredential[]; exposedTotals: string[] } {
	const results = groups.map((g) => timeToCredential({ rows: g.rows, at }));
	const index = new Map(groups.map((g, i) => [g, i]));
	const comparison = compareGroups({
		rows: groups,
		value: () => undefined, // no ratios between curves: only naming and suppression
		learners: (g) => g.learners ?? results[index.get(g)!]?.n ?? 0,
		suppression,
		margins,
		withheld,
		module: 'timeToCredentialByGroup'
	});
	return {
		exposedTotals: comparison.exposedTotals,
		groups: comparison.rows.map((c, i): GroupTimeToCredential => {
			const name = { group: c.group, ...(c.groups ? { groups: c.groups } : {}) };
			if (c.suppressed !== null) {
				return { ...name, suppressed: c.suppressed, n: null, inProgress: null, points: [], median: null };
			}
			const result = results[i] ?? { n: 0, inProgress: 0, points: [], median: null };
			return { ...name, suppressed: null, ...publishedCurve(result, groups[i].rows, suppression) };
		})
	};
}

const PERCENT = (v: number) => Math.round(v * 100) / 100;
const percentOrNull = (v: number | null) => (v === null ? null : PERCENT(v));

/**
 * A curve as the policy publishes it. Each published step covers at least `threshold` learners'
 * completions, withdrawals and failures (under round5 alone, 5): a step of one learner tells
 * that learner's day. Under rounding, n and in-progress are rounded, and each point's shares are
 * the learners they stand for (share × n) rounded as counts are, over the rounded n — as every
 * rate is computed from rounded counts; a share in whole percentage points times a published n
 * still told the learners to within one, and with the completion table's rounded counts the
 * attack suite closed withheld groups' withdrawals exactly. Steps that round away are dropped,
 * and no curve is shown over fewer than 22.5 learners, as for rates (policy.ts). The interval is
 * in whole percentage points.
 */
function publishedCurve(
	result: TimeToCredential,
	rows: readonly DayCounts[],
	suppression: Suppression
): TimeToCredential {
	if (suppression === false) return result;
	const rounding = rounds(suppression);
	const counts = {
		n: publishedCount(suppression, result.n),
		inProgress: publishedCount(suppression, result.inProgress)
	};
	if (rounding && !publishesRate(suppression, result.n)) return { ...counts, points: [], median: null };
	const minEvents = withheldBelow(suppression) || (rounding ? 5 : 0);
	const byDay = [...rows].sort((a, b) => a.day - b.day);
	let at = 0;
	let events = 0;
	let published = 0;
	const points: TimeToCredential['points'] = [];
	for (const p of result.points) {
		for (; at < byDay.length && byDay[at].day <= p.day; at++)
			events += byDay[at].completed + byDay[at].withdrawn + byDay[at].failed;
		if (events - published < minEvents) continue;
		published = events;
		const share = (v: number) => publishedCount(suppression, Math.round(v * result.n)) / counts.n;
		const q = rounding
			? {
					day: p.day,
					completed: share(p.completed),
					withdrawn: share(p.withdrawn),
					failed: share(p.failed),
					completedLow: percentOrNull(p.completedLow),
					completedHigh: percentOrNull(p.completedHigh)
				}
			: p;
		const last = points.at(-1);
		if (last && last.completed === q.completed && last.withdrawn === q.withdrawn && last.failed === q.failed)
			continue;
		points.push(q);
	}
	return { ...counts, points, median: result.median };
}
