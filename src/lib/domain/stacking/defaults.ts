// A credential or requirement group with every optional field at its default: the generated demo
// catalogue is built with these, the importers fill what a source leaves unsaid with them, and so are
// the tests' small catalogues.
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
