// Domain types: what the UI, the CLI and the pure domain code speak. They mirror the data model
// (DESIGN.md §2) without depending on the database layer.

// Every closed vocabulary of the data model, once: the drizzle schema types and checks its columns
// with these arrays, import validation accepts exactly them, and the domain types below are their
// unions, so adding a value is one edit here.
export const PROVIDER_KINDS = [
	'higher_education',
	'vet',
	'industry',
	'private',
	'community',
	'employer',
	'professional_body'
] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];
export const QA_APPROACHES = ['regulatory', 'advisory', 'organic'] as const;
export type QaApproach = (typeof QA_APPROACHES)[number];
export const CREDENTIAL_KINDS = ['micro', 'macro', 'unit', 'participation'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];
export const PARTICIPATION_MODES = ['online', 'onsite', 'blended'] as const;
export type ParticipationMode = (typeof PARTICIPATION_MODES)[number];
export const REQUIREMENT_RULES = ['all', 'n_of', 'min_credits'] as const;
export type RequirementRule = (typeof REQUIREMENT_RULES)[number];
export const ENROLMENT_STATUSES = ['in_progress', 'completed', 'withdrawn', 'failed'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];
export const VERIFICATIONS = ['verified', 'unverified', 'failed', 'unsigned'] as const;
export type Verification = (typeof VERIFICATIONS)[number];
/** A row's origin: real, generated (demo, synthetic: every view labels it) or an import the admin labelled sample or test. */
export const ORIGINS = ['real', 'generated', 'sample', 'test'] as const;
export type Origin = (typeof ORIGINS)[number];

/** The learner attributes equity is measured on (DESIGN.md §3). */
export const GROUP_DIMENSIONS = [
	'gender',
	'age_band',
	'disability',
	'deprivation_band',
	'region',
	'prior_education'
] as const;
export type GroupDimension = (typeof GROUP_DIMENSIONS)[number];

/**
 * What an import's rows are, as the admin who imports them says (default real). Sample and test
 * rows are kept out of every figure of real data, so a sample learner does not change real figures
 * (nor trigger suppression across them); they count among the non-real ('generated') data.
 */
export const IMPORT_ORIGINS = ['real', 'sample', 'test'] as const;
export type ImportOrigin = (typeof IMPORT_ORIGINS)[number];

/** Unknown is a group of its own, never dropped. */
export const NOT_STATED = 'not stated';

export type Provider = {
	id: string;
	name: string;
	kind: ProviderKind | null;
	country: string | null;
	qaApproach: QaApproach | null;
	accredited: boolean | null;
	origin: Origin;
};

export type Credential = {
	id: string;
	providerId: string | null;
	title: string;
	kind: CredentialKind;
	levelFramework: string | null;
	level: string | null;
	workloadHours: number | null;
	credits: number | null;
	creditSystem: string | null;
	assessed: boolean | null;
	assessmentType: string | null;
	participationMode: ParticipationMode | null;
	qualityAssured: boolean | null;
	description: string | null;
	learningOutcomes: string[] | null;
	validFrom: string | null;
	validTo: string | null;
	unparsed: string[] | null;
	origin: Origin;
};

export type CredentialSkill = { credentialId: string; skillUri: string; label: string | null };

/** A target is achieved when every one of its top-level groups is satisfied. */
export type RequirementGroup = {
	id: string;
	targetCredentialId: string;
	/** A nested group counts as one member of its parent. */
	parentGroupId: string | null;
	rule: RequirementRule;
	n: number | null;
	minCredits: number | null;
	label: string | null;
	position: number;
	/** Credential ids that count toward this group. */
	members: string[];
};

export type Prerequisite = { credentialId: string; requiredId: string };
export type Recognition = { credentialId: string; recognisedAsId: string };

export type Learner = {
	id: string;
	gender: string;
	ageBand: string;
	disability: string;
	deprivationBand: string;
	region: string;
	priorEducation: string;
	analyticsConsent: boolean;
	identityHash: string | null;
	origin: Origin;
};

/** Dates are ISO 'YYYY-MM-DD' strings throughout: no time zone can move them. */
export type Enrolment = {
	id: string;
	learnerId: string;
	credentialId: string;
	cohort: string | null;
	/** Who delivered it, when not the credential's own provider (e.g. an RTO delivering a national unit). */
	providerId?: string | null;
	startedOn: string;
	endedOn: string | null;
	status: EnrolmentStatus;
	result: string | null;
};

export type Award = {
	id: string;
	learnerId: string;
	credentialId: string;
	enrolmentId: string | null;
	/** Who issued it, when not the credential's own provider. */
	providerId?: string | null;
	issuedOn: string;
	expiresOn: string | null;
	verification: Verification;
	verificationReason: string | null;
};

/** What the learner's pathway card says of one credential (the learner page's data, drawn as cards). */
export type CardFacts = {
	title: string;
	workloadHours: number | null;
	providerName: string | null;
	/** Reachable qualifications whose rules name it. */
	countsToward: string[];
};
