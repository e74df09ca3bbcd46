// The conformance panel in words a reader knows: the definitions by their names, each missing
// element as what the credential's record lacks. Message functions, called at render time.
import { m } from '../../paraglide/messages.js';

const DEFINITION_NAMES: Record<string, () => string> = {
	eu: m.conformance_definition_eu,
	australia: m.conformance_definition_australia,
	// An organisation's name, the same in every language Stackwise has.
	unesco: () => 'UNESCO'
};

const ELEMENT_NAMES: Record<string, () => string> = {
	assessed: m.conformance_element_assessed,
	learningOutcomes: m.conformance_element_learning_outcomes,
	workload: m.conformance_element_workload,
	workloadAtLeastOneHour: m.conformance_element_workload_hour,
	qualityAssured: m.conformance_element_quality_assured,
	provider: m.conformance_element_provider,
	belowFullAward: m.conformance_element_below_full_award
};

export const definitionName = (key: string) => DEFINITION_NAMES[key]?.() ?? key;
export const elementName = (key: string) => ELEMENT_NAMES[key]?.() ?? key;
