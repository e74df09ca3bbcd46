// The recommender's public API: build the sequence model, then ask for a learner's next steps.
export {
	addSequence,
	buildModel,
	emptyModel,
	nextContext,
	sequenceOf,
	statusAt,
	type NextEvidence,
	type SequenceModel,
	type Step
} from './model.ts';
export { candidateCredentials } from './candidates.ts';
export { progressContributions, type Contribution } from './progress-signal.ts';
export {
	recommend,
	diversify,
	DEFAULT_WEIGHTS,
	type Outlook,
	type Recommendation,
	type RecommendInput,
	type Signals,
	type Skill,
	type Weights
} from './recommend.ts';
export { explain, describeDays } from './explain.ts';
