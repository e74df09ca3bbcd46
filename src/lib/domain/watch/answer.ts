// What the watch and the data-quality cards answer: the shapes the query layer returns and the
// pages, the CLI's JSON and the exports read.
import type { Provider } from '../types.ts';
import type { QualityCard } from './data-quality.ts';
import type { OverlapBasis } from './overlap.ts';
import type { AwardBandRow, FirstsRow, ProliferationBreakdown } from './proliferation.ts';

export type WatchMember = {
	id: string;
	title: string;
	providerId: string | null;
	provider: string | null;
	/** Null when withheld. */
	awards: number | null;
	suppressed: string | null;
	stacks: boolean;
};
export type WatchCluster = {
	members: WatchMember[];
	providers: string[];
	basis: OverlapBasis[];
	stacks: boolean;
};

export type WatchDeadEnd = {
	id: string;
	title: string;
	/** Learners who went on to another credential; null when withheld (fewer than the threshold). */
	onward: number | null;
	suppressed: string | null;
	orphan: boolean;
};

export type WatchParticipationRow = {
	period: string;
	group: string;
	awards: number | null;
	unassessed: number | null;
	share: number | null;
	suppressed: string | null;
};

export type WatchAnswer = {
	asOf: string | null;
	data: 'real' | 'generated' | 'all';
	definitions: Record<'proliferation' | 'overlap' | 'deadEnds' | 'participation', string>;
	proliferation: {
		credentials: number;
		firsts: Record<ProliferationBreakdown, FirstsRow[]>;
		awardBands: AwardBandRow[];
	};
	overlap: {
		pairs: number;
		clusters: WatchCluster[];
		/** Credentials named by the requirement groups of two or more targets, and of at least one. */
		sharedUnits: number;
		unitsInTargets: number;
	};
	deadEnds: {
		deadEnds: WatchDeadEnd[];
		orphans: number;
		uncompletedQualifications: { id: string; title: string }[];
	};
	participation: WatchParticipationRow[];
};

export type ProviderQuality = {
	provider: Pick<Provider, 'id' | 'name' | 'kind' | 'origin'>;
	card: Omit<QualityCard, 'awards' | 'verifiedShare'>;
	/** The awards it issued and the share verified; null when withheld. */
	awards: number | null;
	verifiedShare: number | null;
	suppressed: string | null;
	/** Awards of badges whose BadgeClass was never supplied (unresolved), issued under it. */
	unresolvedAwards: number | null;
	lastImportAt: string | null;
	/** Whole days from the last import to `now`. */
	daysSinceImport: number | null;
	/** Mean of the element shares: one number for the /providers column; null without credentials. */
	completeness: number | null;
};
