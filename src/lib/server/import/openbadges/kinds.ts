// Open Badges 3.0 `achievementType` → Stackwise credential kind (DESIGN.md §2).
//
// The OB 3.0 AchievementType vocabulary mixes full awards, short credentials, course units and
// participation records. The mapping follows the EU Council Recommendation's distinction: a
// qualification or degree-level award is `macro`; a small assessed learning outcome record is
// `micro`; a course, assignment or assessment that counts toward something larger is a `unit`;
// attendance/membership records are `participation`. Values outside the vocabulary (including
// `ext:` extensions) default to `micro` — a badge — and are noted in `unparsed`.
import type { CredentialKind } from '../../../domain/types.ts';

const KIND: Record<string, CredentialKind> = {
	// macro: qualifications and degree-level awards
	ApprenticeshipCertificate: 'macro',
	AssociateDegree: 'macro',
	BachelorDegree: 'macro',
	Certificate: 'macro',
	Degree: 'macro',
	Diploma: 'macro',
	DoctoralDegree: 'macro',
	GeneralEducationDevelopment: 'macro',
	JourneymanCertificate: 'macro',
	LearningProgram: 'macro',
	License: 'macro',
	MasterCertificate: 'macro',
	MasterDegree: 'macro',
	ProfessionalDoctorate: 'macro',
	ResearchDoctorate: 'macro',
	SecondarySchoolDiploma: 'macro',
	// micro: badges and short standalone credentials
	Achievement: 'micro',
	Award: 'micro',
	Badge: 'micro',
	CertificateOfCompletion: 'micro',
	Certification: 'micro',
	Competency: 'micro',
	MicroCredential: 'micro',
	QualityAssuranceCredential: 'micro',
	// unit: parts that count toward something larger
	Assessment: 'unit',
	Assignment: 'unit',
	Course: 'unit',
	Fieldwork: 'unit',
	// participation
	CoCurricular: 'participation',
	CommunityService: 'participation',
	Membership: 'participation'
};

export function kindForAchievementType(achievementType: unknown): { kind: CredentialKind; note?: string } {
	if (achievementType === undefined || achievementType === null) return { kind: 'micro' };
	const value = typeof achievementType === 'string' ? achievementType.trim() : '';
	const kind = KIND[value];
	if (kind) return { kind };
	return {
		kind: 'micro',
		note: `achievementType "${String(achievementType)}" is not in the OB 3.0 vocabulary; kind taken as micro`
	};
}
