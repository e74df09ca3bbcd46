// Names shown for values the data holds as codes, in the reader's language. Tables of message
// functions, called when a page renders (a call at import time would freeze one language).
import { m } from '$lib/paraglide/messages.js';
import type { Suppression } from '$lib/domain/suppression/index.ts';
import { NOT_STATED } from '$lib/domain/types.ts';
import { formatCount, formatDecimal } from './format.ts';

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

/**
 * A group the server names: data (a level, a region as imported), but for its words of its own —
 * everyone ("all"), the unknown ("not stated", a group of its own) and provider kinds.
 */
export function groupName(group: string): string {
	if (group === 'all') return m.watch_group_all();
	if (group === NOT_STATED) return m.watch_not_stated();
	return PROVIDER_KIND_NAMES[group]?.() ?? group;
}

/**
 * The disclosure policy in force, in the reader's language: the same sentences as the domain's
 * policyStatement (which the CLI and the JSON keep in English), for the pages and their exports.
 */
export function disclosureText(policy: Suppression): string {
	if (policy === false) return m.panel_disclosure_unsuppressed();
	const suppress = m.panel_disclosure_suppress({ threshold: formatCount(policy.threshold) });
	const round = m.panel_disclosure_round({
		five: formatCount(5),
		zero: formatCount(0),
		two: formatCount(2),
		base: formatDecimal(22.5, 1)
	});
	const mode = policy.mode ?? 'suppress';
	return mode === 'suppress' ? suppress : mode === 'round5' ? round : `${suppress} ${round}`;
}

// Why a cell is withheld: the domain writes its reasons in English (the JSON and CSV keep them);
// a page says the ones it knows in the reader's language and shows any other as it is.
const FEWER_THAN = /^fewer than (\d+) learners$/;
const COMPLEMENTARY = 'withheld so that another withheld cell cannot be worked out from the total';
const DIFFERENCE =
	/^withheld so that the (.+) \(fewer than (\d+) learners\) cannot be worked out by subtraction$/;
const WIDER_NAMES: Record<string, () => string> = {
	'other cohorts': m.panel_reason_wider_cohorts,
	'other providers': m.panel_reason_wider_providers,
	'learners who started after the as-of date': m.panel_reason_wider_later
};

const fewerThan = (threshold: string) =>
	m.panel_reason_fewer_than({ count: Number(threshold), countText: formatCount(Number(threshold)) });

/** A withheld cell's reason in the reader's language ("fewer than 10 learners"). */
export function withheldReason(reason: string): string {
	const fewer = FEWER_THAN.exec(reason);
	if (fewer) return fewerThan(fewer[1]);
	if (reason === COMPLEMENTARY) return m.panel_reason_complementary();
	const difference = DIFFERENCE.exec(reason);
	const wider = difference && WIDER_NAMES[difference[1]];
	if (difference && wider)
		return m.panel_reason_difference({ wider: wider(), fewer: fewerThan(difference[2]) });
	return reason;
}
