// The UNESCO definition (UNESCO (2022), Towards a common definition of micro-credentials):
// a micro-credential (1) is a record of focused learning achievement verifying what the
// learner knows, understands or can do; (2) includes assessment based on clearly defined
// standards and is awarded by a trusted provider; (3) has standalone value and may also
// contribute to other micro- or macro-credentials; (4) meets the standards required by
// relevant quality assurance.
// Mapped to the fields a credential record has:
// - "verifying what the learner knows, understands or can do" → learning outcomes, or
//   failing those a description of what was learnt (missing: 'learningOutcomes');
// - "includes assessment" → assessed;
// - "awarded by a trusted provider" → a provider is named (missing: 'provider'); whether
//   it is trusted is not in the record;
// - "meets the standards required by relevant quality assurance" → quality assured.
// Standalone value and stackability are not checked: every credential in the catalogue is
// issued on its own, and stacking is optional ("may").

import type { Credential } from '../types.ts';
import {
	conformance,
	hasDescription,
	hasLearningOutcomes,
	hasProvider,
	isAssessed,
	type Conformance
} from './conformance.ts';

export function unescoConformance(credential: Credential): Conformance {
	return conformance([
		['assessed', isAssessed(credential)],
		['learningOutcomes', hasLearningOutcomes(credential) || hasDescription(credential)],
		['provider', hasProvider(credential)],
		['qualityAssured', credential.qualityAssured === true]
	]);
}
