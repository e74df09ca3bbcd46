// The market watch's public surface: its analyses and the columns of their tables.
export {
	BAND_COLUMNS,
	CLUSTER_COLUMNS,
	DEAD_END_COLUMNS,
	FIRSTS_COLUMNS,
	FIX_COLUMNS,
	PARTICIPATION_COLUMNS,
	WATCH_TABLES,
	watchTable
} from './columns.ts';
export {
	type AwardBandRow,
	awardsPerCredential,
	type CredentialFacts,
	firstsPerQuarter,
	type FirstsRow,
	PROLIFERATION_BREAKDOWNS,
	type ProliferationBreakdown
} from './proliferation.ts';
export {
	type ProviderQuality,
	type WatchAnswer,
	type WatchMember,
	type WatchParticipationRow
} from './answer.ts';
export {
	ELEMENT_LABELS,
	issuerByOrigin,
	QUALITY_ELEMENTS,
	qualityCard,
	type QualityRecord
} from './data-quality.ts';
export { deadEnds, FEW_ONWARD } from './dead-ends.ts';
export { OVERLAP_THRESHOLDS, overlapClusters, overlapPairs } from './overlap.ts';
export { participationShares } from './participation.ts';
