/** Whose data a question covers: everyone's, one provider's learners', or one learner's. */
export type Scope =
	{ kind: 'system' } | { kind: 'provider'; providerId: string } | { kind: 'learner'; learnerId: string };
