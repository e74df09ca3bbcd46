// The stacking area's public API: build the graph, evaluate progress, plan, classify, count flows.
export { indexCatalogue, type Catalogue, type CatalogueIndex, asIndex } from './catalogue.ts';
export {
	buildStackingGraph,
	findCycle,
	groupKey,
	StackingCycleError,
	type StackingGraph,
	type CredentialNode,
	type GroupNode
} from './build.ts';
export { expandHoldings, type Holdings } from './holdings.ts';
export { evaluateTarget, evaluateGroup, membersOf, type GroupState, targetLookup } from './requirements.ts';
export {
	learnerProgress,
	type Progress,
	type QualificationProgress,
	type HoldingUse,
	hoursStillNeeded
} from './progress.ts';
export { planCompletion, PlanError, type Plan, type Objective, type PlanInput } from './plan.ts';
export { classifyTrajectory, defaultArea, type Shape, type TrajectoryShape } from './shapes.ts';
export { countFlows, type Flow } from './flows.ts';
export { makeCredential, makeGroup } from './defaults.ts';
export {
	learnerStandings,
	PROGRESS_BINS,
	sortStackingCells,
	type StackingCell,
	stackingOutcomes
} from './stacking-rate.ts';
export {
	flattenTree,
	type RequirementInput,
	type RequirementNode,
	requirementTree,
	ruleSentence
} from './requirement-tree.ts';
