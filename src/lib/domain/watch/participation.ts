// Participation vs assessment: the share of awards made for credentials whose records state no
// assessment. The EU definition requires assessment against clear criteria; a record that says
// nothing of it (assessed unknown, no type of assessment) or says "participation" rewards
// attendance as far as anyone can tell. Weighted by awards, per period and group.
import type { Credential } from '../types.ts';

/** The record states no assessment: a participation credential, or not marked assessed and no type given. */
export function statesNoAssessment(c: Pick<Credential, 'kind' | 'assessed' | 'assessmentType'>): boolean {
	if (c.kind === 'participation' || c.assessed === false) return true;
	return c.assessed !== true && !(c.assessmentType ?? '').trim();
}

export type ParticipationCell = {
	period: string;
	group: string;
	credential: Pick<Credential, 'kind' | 'assessed' | 'assessmentType'>;
	awards: number;
};

export type ParticipationRow = {
	period: string;
	group: string;
	awards: number;
	/** Awards for credentials stating no assessment. */
	unassessed: number;
	share: number;
};

/** The participation share per period and group, by period then group. */
export function participationShares(cells: readonly ParticipationCell[]): ParticipationRow[] {
	const rows = new Map<string, ParticipationRow>();
	for (const c of cells) {
		const key = `${c.period}\u0001${c.group}`;
		const row = rows.get(key) ?? {
			period: c.period,
			group: c.group,
			awards: 0,
			unassessed: 0,
			share: 0
		};
		row.awards += c.awards;
		if (statesNoAssessment(c.credential)) row.unassessed += c.awards;
		rows.set(key, row);
	}
	return [...rows.values()]
		.map((r) => ({ ...r, share: r.awards ? r.unassessed / r.awards : 0 }))
		.sort((a, b) => a.period.localeCompare(b.period) || a.group.localeCompare(b.group));
}
