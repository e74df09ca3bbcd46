// The what-if area's public surface: a scenario, its replay, and the report's tables.
export {
	CURVE_COLUMNS,
	curveRows,
	GROUP_COLUMNS,
	PROVIDER_COLUMNS,
	QUALIFICATION_COLUMNS
} from './columns.ts';
export {
	type QualificationWhatIf,
	type Remaining,
	whatIf,
	type WhatIf,
	type WhatIfLearner
} from './report.ts';
export {
	askedToday,
	askedUnder,
	type FormGroup,
	scenarioFromForm,
	type WhatIfFormGroup,
	type WhatIfFormQualification
} from './form.ts';
export {
	parseScenario,
	type Scenario,
	type ScenarioChange,
	ScenarioError,
	scenarioSchema
} from './scenario.ts';
export { type AppliedScenario, applyScenario } from './rules.ts';
export { type ReplayAward } from './replay.ts';
