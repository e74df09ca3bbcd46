// Small builders for stacking tests and generated catalogues: a credential with defaults, a group.
import type { Credential, RequirementGroup } from '../types.ts';

export function makeCredential(c: Pick<Credential, 'id'> & Partial<Credential>): Credential {
	return {
		providerId: null,
		title: c.id,
		kind: 'unit',
		levelFramework: null,
		level: null,
		workloadHours: null,
		credits: null,
		creditSystem: null,
		assessed: true,
		assessmentType: null,
		participationMode: null,
		qualityAssured: null,
		description: null,
		learningOutcomes: null,
		validFrom: null,
		validTo: null,
		unparsed: null,
		origin: 'generated',
		...c
	};
}

export function makeGroup(
	g: Pick<RequirementGroup, 'id' | 'targetCredentialId' | 'rule' | 'members'> & Partial<RequirementGroup>
): RequirementGroup {
	return { parentGroupId: null, n: null, minCredits: null, label: g.id, position: 0, ...g };
}
