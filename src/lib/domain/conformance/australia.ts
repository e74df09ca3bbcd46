// The Australian definition: National Microcredentials Framework (Department of Education,
// November 2022): "a certification of assessed learning or competency, with a minimum
// volume of learning of one hour and typically less than a full qualification under the
// Australian Qualifications Framework". Checked here:
// - at least one hour of learning: workload hours ≥ 1, or ECTS credits worth an hour at
//   25 hours per credit (the low end of 25–30 h, ECTS Users' Guide 2015) — other credit
//   systems are not converted;
// - below a full award: the credential is not a macro-credential (kind ≠ 'macro');
// - assessed.

import type { Credential } from '../types.ts';
import { conformance, isAssessed, type Conformance } from './conformance.ts';

/** Hours in one ECTS credit, lower bound (ECTS Users' Guide 2015: 25–30 hours). */
export const HOURS_PER_ECTS = 25;

function hours(c: Credential): number | null {
	if (c.workloadHours !== null) return c.workloadHours;
	if (c.credits !== null && c.creditSystem?.trim().toUpperCase() === 'ECTS')
		return c.credits * HOURS_PER_ECTS;
	return null;
}

export function australiaConformance(credential: Credential): Conformance {
	const h = hours(credential);
	return conformance([
		['workloadAtLeastOneHour', h !== null && h >= 1],
		['belowFullAward', credential.kind !== 'macro'],
		['assessed', isAssessed(credential)]
	]);
}
