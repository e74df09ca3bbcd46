// What every definition check returns, and the field tests they share.

import type { Credential } from '../types.ts';

/** Whether a credential meets a definition, and which of its elements are missing. */
export type Conformance = { meets: boolean; missing: string[] };

export function conformance(
	checks: ReadonlyArray<readonly [element: string, present: boolean]>
): Conformance {
	const missing = checks.filter(([, present]) => !present).map(([element]) => element);
	return { meets: missing.length === 0, missing };
}

const text = (s: string | null | undefined) => typeof s === 'string' && s.trim() !== '';

/** At least one learning outcome that is not blank. */
export const hasLearningOutcomes = (c: Credential) => (c.learningOutcomes ?? []).some(text);

export const hasDescription = (c: Credential) => text(c.description);

export const hasProvider = (c: Credential) => text(c.providerId);

/** Only an explicit yes counts: unknown (null) is not evidence of assessment. */
export const isAssessed = (c: Credential) => c.assessed === true;
