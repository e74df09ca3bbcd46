// One column spec per watch and quality table: the pages' tables and CSV downloads and the API's
// CSV all read these, so a table downloads in one shape wherever it is taken from. Raw numbers
// (shares as fractions), snake_case keys.
import type { Column } from '../../csv.ts';
import type { WatchAnswer, WatchCluster, WatchDeadEnd, WatchParticipationRow } from './answer.ts';
import { ELEMENT_LABELS, type QualityFix } from './data-quality.ts';
import type { AwardBandRow, FirstsRow } from './proliferation.ts';

export const FIRSTS_COLUMNS: Column<FirstsRow>[] = [
	{ key: 'period', label: 'Quarter', value: (r) => r.period },
	{ key: 'group', label: 'Group', value: (r) => r.group },
	{ key: 'first_offered', label: 'First offered', value: (r) => r.offered },
	{ key: 'first_awarded', label: 'First awarded', value: (r) => r.awarded }
];

export const BAND_COLUMNS: Column<AwardBandRow>[] = [
	{ key: 'band', label: 'Awards per credential', value: (r) => r.band },
	{ key: 'credentials', label: 'Credentials', value: (r) => r.credentials },
	{ key: 'share', label: 'Share', value: (r) => r.share }
];

export const CLUSTER_COLUMNS: Column<WatchCluster>[] = [
	{ key: 'members', label: 'Members', value: (c) => c.members.map((m) => `${m.id} ${m.title}`).join(' | ') },
	{ key: 'providers', label: 'Providers', value: (c) => c.providers.join(' | ') },
	{ key: 'basis', label: 'Overlap on', value: (c) => c.basis.join(', ') },
	{
		key: 'awards',
		label: 'Awards per member',
		value: (c) => c.members.map((m) => (m.suppressed ? 'withheld' : String(m.awards))).join(' | ')
	},
	{ key: 'stacks', label: 'Any stacks', value: (c) => (c.stacks ? 'yes' : 'no') }
];

export const DEAD_END_COLUMNS: Column<WatchDeadEnd>[] = [
	{ key: 'credential_id', label: 'Credential', value: (r) => r.id },
	{ key: 'title', label: 'Title', value: (r) => r.title },
	{ key: 'onward', label: 'Learners going on', value: (r) => r.onward },
	{ key: 'orphan', label: 'Orphan', value: (r) => (r.orphan ? 'yes' : 'no') },
	{ key: 'suppressed', label: 'Withheld', value: (r) => r.suppressed ?? '' }
];

export const PARTICIPATION_COLUMNS: Column<WatchParticipationRow>[] = [
	{ key: 'period', label: 'Quarter', value: (r) => r.period },
	{ key: 'provider_kind', label: 'Provider kind', value: (r) => r.group },
	{ key: 'awards', label: 'Awards', value: (r) => r.awards },
	{ key: 'unassessed', label: 'Stating no assessment', value: (r) => r.unassessed },
	{ key: 'share', label: 'Share', value: (r) => r.share },
	{ key: 'suppressed', label: 'Withheld', value: (r) => r.suppressed ?? '' }
];

export const FIX_COLUMNS: Column<QualityFix>[] = [
	{ key: 'credential_id', label: 'Credential', value: (f) => f.credentialId },
	{ key: 'title', label: 'Title', value: (f) => f.title },
	{ key: 'stub', label: 'Stub', value: (f) => (f.stub ? 'yes' : 'no') },
	{ key: 'missing', label: 'Add', value: (f) => f.missing.map((m) => ELEMENT_LABELS[m]).join(', ') }
];

export const WATCH_TABLES = ['firsts', 'bands', 'clusters', 'dead-ends', 'participation'] as const;
export type WatchTable = (typeof WATCH_TABLES)[number];

/** The rows and columns of one watch table (the API's `?format=csv&table=`). */
export function watchTable(
	answer: WatchAnswer,
	table: WatchTable
): { rows: unknown[]; columns: Column<never>[] } {
	switch (table) {
		case 'firsts':
			return {
				rows: (['none', 'level', 'provider_kind', 'mode'] as const).flatMap((by) =>
					answer.proliferation.firsts[by].map((r) => ({
						...r,
						group: by === 'none' ? r.group : `${by}: ${r.group}`
					}))
				),
				columns: FIRSTS_COLUMNS
			};
		case 'bands':
			return { rows: answer.proliferation.awardBands, columns: BAND_COLUMNS };
		case 'clusters':
			return { rows: answer.overlap.clusters, columns: CLUSTER_COLUMNS };
		case 'dead-ends':
			return { rows: answer.deadEnds.deadEnds, columns: DEAD_END_COLUMNS };
		case 'participation':
			return { rows: answer.participation, columns: PARTICIPATION_COLUMNS };
	}
}
