// The what-if area's public API: the scenario document, its rules, the replay and the report.
export {
	parseScenario,
	scenarioSchema,
	ScenarioError,
	SCENARIO_VERSION,
	type Scenario,
	type ScenarioChange
} from './scenario.ts';
export { applyScenario, type AppliedScenario } from './rules.ts';
export { replayLearner, type ReplayAward } from './replay.ts';
export {
	whatIf,
	type WhatIf,
	type WhatIfLearner,
	type QualificationWhatIf,
	type GroupRow
} from './report.ts';
