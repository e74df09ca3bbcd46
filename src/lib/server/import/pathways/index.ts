// Public surface of the pathway importers (Badgr pathways, CE CSV).
export { looksLikeBadgrPathway, parseBadgrPathway } from './badgr.ts';
export { looksLikePathwayCsv, parsePathwayCsv } from './ce-csv.ts';
