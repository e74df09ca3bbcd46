// The suppression area's public surface: the disclosure policy and the cells it withholds.
export { DEFAULT_SUPPRESSION_THRESHOLD, suppressCells, tableSets } from './suppress-cells.ts';
export {
	type DisclosurePolicy,
	disclosurePolicy,
	fewerThan,
	policyStatement,
	publishedCount,
	publishesRate,
	rounds,
	smallDifference,
	type Suppression,
	withheldBelow
} from './policy.ts';
export { suppressTable } from './suppress-table.ts';
