// Time to credential per group (the CLI's `metrics time-to-credential --by DIM`), with the
// same suppression as every other group table: a group of fewer than `threshold` learners
// is withheld — its curve and counts too, since a curve of a few learners tells their
// dates — and complementary suppression keeps its n from being worked out from the total.

import type { DayCounts } from '../survival/day-counts.ts';
import { timeToCredential, type TimeToCredential } from '../survival/time-to-credential.ts';
import { compareGroups, DEFAULT_SUPPRESSION, type Suppression } from './compare-groups.ts';
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
	suppression = DEFAULT_SUPPRESSION
}: {
	groups: readonly GroupDayCounts[];
	at?: readonly number[];
	suppression?: Suppression;
}): { groups: GroupTimeToCredential[]; exposedTotals: string[] } {
	const results = groups.map((g) => timeToCredential({ rows: g.rows, at }));
	const index = new Map(groups.map((g, i) => [g, i]));
	const comparison = compareGroups({
		rows: groups,
		value: () => undefined, // no ratios between curves: only naming and suppression
		learners: (g) => g.learners ?? results[index.get(g)!]?.n ?? 0,
		suppression,
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
			return { ...name, suppressed: null, ...result };
		})
	};
}
