// The EU definition of a micro-credential: Council Recommendation of 16 June 2022 on a
// European approach to micro-credentials for lifelong learning and employability
// (2022/C 243/02): its definition of a micro-credential and Annex I, "European standard
// elements to describe a micro-credential". Checked here: learning that is
// - assessed ("assessed against transparent and clearly defined criteria"; Annex I: type
//   of assessment),
// - described by learning outcomes (Annex I: learning outcomes),
// - of a stated notional workload (Annex I: "in ECTS, wherever possible") — hours, or
//   credits in a named credit system, since the Recommendation prefers but does not require
//   ECTS,
// - quality assured ("underpinned by quality assurance"; Annex I: type of quality
//   assurance used).
// Unknown (null) counts as missing: the record does not show the element.

import type { Credential } from '../types.ts';
import { conformance, hasLearningOutcomes, isAssessed, type Conformance } from './conformance.ts';

const hasWorkload = (c: Credential) =>
	(c.workloadHours !== null && c.workloadHours > 0) ||
	(c.credits !== null && c.credits > 0 && typeof c.creditSystem === 'string' && c.creditSystem.trim() !== '');

export function euConformance(credential: Credential): Conformance {
	return conformance([
		['assessed', isAssessed(credential)],
		['learningOutcomes', hasLearningOutcomes(credential)],
		['workload', hasWorkload(credential)],
		['qualityAssured', credential.qualityAssured === true]
	]);
}
