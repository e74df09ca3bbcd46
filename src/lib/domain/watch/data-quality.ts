// Provider data quality: for each provider, the share of its credentials carrying each element
// that the EU Annex I (ELM), the Australian framework's critical information and CTDL's minimum
// data ask for, how many are stubs, and what to fix in each record. Registry issues name the
// failures: descriptions that only repeat the name (Credential Engine #585) and stub records (#722).
import type { Credential } from '../types.ts';

export const QUALITY_ELEMENTS = [
	'title',
	'description',
	'learningOutcomes',
	'workload',
	'level',
	'assessment',
	'qualityAssurance',
	'credits',
	'language'
] as const;
export type QualityElement = (typeof QUALITY_ELEMENTS)[number];

export const ELEMENT_LABELS: Record<QualityElement, string> = {
	title: 'title',
	description: 'description that is not the title',
	learningOutcomes: 'learning outcomes',
	workload: 'workload',
	level: 'level',
	assessment: 'assessment',
	qualityAssurance: 'quality assurance',
	credits: 'credits',
	language: 'language'
};

const text = (s: string | null | undefined) => typeof s === 'string' && s.trim() !== '';
const normal = (s: string) =>
	s
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();

/** A description that is blank or only repeats the title (case, spacing and punctuation aside). */
export function descriptionRepeatsTitle(c: Pick<Credential, 'title' | 'description'>): boolean {
	return !text(c.description) || normal(c.description!) === normal(c.title);
}

export type CredentialRecord = Credential & {
	/** Languages the record states; Stackwise's model keeps none yet, so null (not stated). */
	languages?: readonly string[] | null;
};

/** Which elements the record carries. A title equal to the id is no title (an unresolved stub). */
export function elementsOf(c: CredentialRecord): Record<QualityElement, boolean> {
	return {
		title: text(c.title) && c.title !== c.id,
		description: !descriptionRepeatsTitle(c),
		learningOutcomes: (c.learningOutcomes ?? []).some(text),
		workload: c.workloadHours !== null && c.workloadHours > 0,
		level: text(c.level),
		assessment: c.assessed === true || (c.assessed !== false && text(c.assessmentType)),
		qualityAssurance: c.qualityAssured === true,
		credits: c.credits !== null && c.credits > 0 && text(c.creditSystem),
		language: (c.languages ?? []).some(text)
	};
}

/** A stub: a record with at most its title (or not even that) and nothing else to go on. */
export function isStub(c: CredentialRecord): boolean {
	const e = elementsOf(c);
	return QUALITY_ELEMENTS.filter((k) => k !== 'title' && e[k]).length === 0;
}

export type QualityRecord = {
	credential: CredentialRecord;
	/** Requirement groups stored for it (rules a machine can read). */
	rules: number;
	/** Packaging-rule sentences an importer could not turn into rules. */
	unparsed: number;
	/** Awards of it, and how many of them verified. */
	awards: number;
	verified: number;
};

export type QualityFix = { credentialId: string; title: string; missing: QualityElement[]; stub: boolean };

export type QualityCard = {
	credentials: number;
	/** Share of credentials carrying each element (0 when the provider has none). */
	shares: Record<QualityElement, number>;
	stubs: number;
	/** Credentials with machine-readable stacking rules, and with rules left unparsed. */
	rulesParsed: number;
	rulesUnparsed: number;
	awards: number;
	verifiedShare: number | null;
	/** Every record missing something, worst first (most missing), then by id. */
	fixes: QualityFix[];
};

export function qualityCard(records: readonly QualityRecord[]): QualityCard {
	const n = records.length;
	const counts = Object.fromEntries(QUALITY_ELEMENTS.map((k) => [k, 0])) as Record<QualityElement, number>;
	const fixes: QualityFix[] = [];
	let awards = 0;
	let verified = 0;
	for (const r of records) {
		const e = elementsOf(r.credential);
		for (const k of QUALITY_ELEMENTS) if (e[k]) counts[k] += 1;
		awards += r.awards;
		verified += r.verified;
		const missing = QUALITY_ELEMENTS.filter((k) => !e[k]);
		if (missing.length > 0)
			fixes.push({
				credentialId: r.credential.id,
				title: r.credential.title,
				missing,
				stub: isStub(r.credential)
			});
	}
	return {
		credentials: n,
		shares: Object.fromEntries(QUALITY_ELEMENTS.map((k) => [k, n ? counts[k] / n : 0])) as Record<
			QualityElement,
			number
		>,
		stubs: records.filter((r) => isStub(r.credential)).length,
		rulesParsed: records.filter((r) => r.rules > 0).length,
		rulesUnparsed: records.filter((r) => r.unparsed > 0).length,
		awards,
		verifiedShare: awards ? verified / awards : null,
		fixes: fixes.sort(
			(a, b) => b.missing.length - a.missing.length || a.credentialId.localeCompare(b.credentialId)
		)
	};
}

const originOf = (url: string) => {
	try {
		const u = new URL(url);
		return /^https?:$/.test(u.protocol) ? u.origin : null;
	} catch {
		return null;
	}
};

/**
 * The issuer an unresolved badge most likely belongs to: the one provider whose id is a URL on
 * the same origin as the badge's (OB 2.0 hosts a BadgeClass beside its Issuer); null when none or
 * several are.
 */
export function issuerByOrigin(badgeId: string, providerIds: readonly string[]): string | null {
	const origin = originOf(badgeId);
	if (!origin) return null;
	const matches = providerIds.filter((id) => originOf(id) === origin);
	return matches.length === 1 ? matches[0] : null;
}
