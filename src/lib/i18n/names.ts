// Names shown for values the data holds as codes, in the reader's language. Tables of message
// functions, called when a page renders (a call at import time would freeze one language).
import { m } from '$lib/paraglide/messages.js';

const ROLE_NAMES: Record<string, () => string> = {
	admin: m.role_admin,
	policymaker: m.role_policymaker,
	provider: m.role_provider,
	learner: m.role_learner
};

/** A role's name; an unknown code is shown as it is. */
export function roleName(role: string): string {
	return ROLE_NAMES[role]?.() ?? role;
}

// The ways figures are broken down: learner attributes (equity) and credential attributes (awards).
const DIMENSION_NAMES: Record<string, () => string> = {
	gender: m.dimension_gender,
	age_band: m.dimension_age_band,
	disability: m.dimension_disability,
	deprivation_band: m.dimension_deprivation_band,
	region: m.dimension_region,
	prior_education: m.dimension_prior_education,
	level: m.dimension_level,
	provider_kind: m.dimension_provider_kind,
	mode: m.dimension_mode,
	qa_approach: m.dimension_qa_approach
};

/** A breakdown's name as a label ("Age band"), or undefined for a code it does not know. */
export function dimensionLabel(key: string): string | undefined {
	return DIMENSION_NAMES[key]?.();
}

// What kind of organisation a provider is (the vocabulary of domain/types.ts's PROVIDER_KINDS).
const PROVIDER_KIND_NAMES: Record<string, () => string> = {
	higher_education: m.provider_kind_higher_education,
	vet: m.provider_kind_vet,
	industry: m.provider_kind_industry,
	private: m.provider_kind_private,
	community: m.provider_kind_community,
	employer: m.provider_kind_employer,
	professional_body: m.provider_kind_professional_body
};

/** A provider kind in words ("higher education"); an unknown code spaced, as it is. */
export function providerKindName(kind: string): string {
	return PROVIDER_KIND_NAMES[kind]?.() ?? kind.replace(/_/g, ' ');
}
