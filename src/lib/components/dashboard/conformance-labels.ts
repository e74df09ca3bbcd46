// The conformance panel in words a reader knows: the definitions by their names, each missing
// element as what the credential's record lacks.
export const DEFINITION_NAMES: Record<string, string> = {
	eu: 'EU (Council Recommendation 2022)',
	australia: 'Australia (National Microcredentials Framework)',
	unesco: 'UNESCO'
};

export const ELEMENT_NAMES: Record<string, string> = {
	assessed: 'Assessment of learning',
	learningOutcomes: 'Stated learning outcomes',
	workload: 'Workload or credits stated',
	workloadAtLeastOneHour: 'A workload of at least one hour',
	qualityAssured: 'Quality assurance',
	provider: 'A named provider',
	belowFullAward: 'Smaller than a full qualification'
};

export const definitionName = (key: string) => DEFINITION_NAMES[key] ?? key;
export const elementName = (key: string) => ELEMENT_NAMES[key] ?? key;
