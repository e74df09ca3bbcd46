// Open Badges 3.0 AchievementCredential → rows.
//   issuer → provider; achievement → credential (id = achievement id, kind from achievementType,
//   creditsAvailable → credits, alignment → credential_skills, resultDescription → assessed and
//   assessment type); credentialSubject → learner; activityStartDate/activityEndDate and result
//   status → an enrolment; awardedDate/validFrom → the award's issued_on, validUntil → expires_on.
// A subject whose result says it did not complete (InProgress, Withdrew, Failed …) gets an
// enrolment with that status and no award: an award is a record of achievement.
import type {
	Credential,
	CredentialSkill,
	Enrolment,
	EnrolmentStatus,
	Provider
} from '../../../domain/types.ts';
import { calendarDate, dateFromUnixSeconds } from '../dates.ts';
import { countryCode } from '../country.ts';
import { derivedId, sha256Hex } from '../ids.ts';
import { verifiedAward } from '../document-rows.ts';
import { asArray, isObject, num, str, text, type JsonObject } from '../json/index.ts';
import type { ImportIssue, ImportRow } from '../records.ts';
import type { VerificationOutcome } from '../verify/index.ts';
import { kindForAchievementType } from './kinds.ts';
import { fromSubject, learnerRow } from './learner.ts';

export type MapContext = { file: string; path: string };
export type Mapped = { rows: ImportRow[]; issues?: undefined } | { rows?: undefined; issues: ImportIssue[] };

/** A provider row from an OB 3.0 Profile (or a bare issuer id). */
export function providerFromProfile(profile: unknown): Provider | null {
	const id = str(profile) ?? (isObject(profile) ? str(profile.id) : undefined);
	if (!id) return null;
	const p = isObject(profile) ? profile : {};
	const address = isObject(p.address) ? p.address : {};
	return {
		id,
		name: text(p.name) ?? id,
		kind: null,
		country: countryCode(address.addressCountryCode) ?? countryCode(address.addressCountry),
		qaApproach: null,
		accredited: null,
		origin: 'real'
	};
}

/** A credential row (and its skills) from an OB 3.0 Achievement. */
export function credentialFromAchievement(
	achievement: JsonObject,
	fallbackProviderId: string | null
): { credential: Credential; skills: CredentialSkill[]; creator: Provider | null } {
	const unparsed: string[] = [];
	const { kind, note } = kindForAchievementType(achievement.achievementType);
	if (note) unparsed.push(note);
	const creator = isObject(achievement.creator) ? providerFromProfile(achievement.creator) : null;
	const resultTypes = [
		...new Set(
			asArray(achievement.resultDescription).flatMap((rd) =>
				isObject(rd) && str(rd.resultType) ? [str(rd.resultType)!] : []
			)
		)
	];
	const id = str(achievement.id)!;
	const credential: Credential = {
		id,
		providerId: creator?.id ?? str(achievement.creator) ?? fallbackProviderId,
		title: text(achievement.name) ?? id,
		kind,
		levelFramework: null,
		level: null,
		workloadHours: null,
		credits: num(achievement.creditsAvailable) ?? null,
		creditSystem: null,
		assessed: resultTypes.length > 0 ? true : null,
		assessmentType: resultTypes.length > 0 ? resultTypes.join(', ') : null,
		participationMode: null,
		qualityAssured: null,
		description: text(achievement.description) ?? null,
		learningOutcomes: null,
		validFrom: null,
		validTo: null,
		unparsed: unparsed.length > 0 ? unparsed : null,
		origin: 'real'
	};
	const skills = new Map<string, CredentialSkill>();
	for (const alignment of asArray(achievement.alignment)) {
		if (!isObject(alignment)) continue;
		const uri = str(alignment.targetUrl);
		if (uri && !skills.has(uri))
			skills.set(uri, { credentialId: id, skillUri: uri, label: text(alignment.targetName) ?? null });
	}
	return { credential, skills: [...skills.values()], creator };
}

const STATUS: Record<string, EnrolmentStatus> = {
	Completed: 'completed',
	Failed: 'failed',
	Withdrew: 'withdrawn',
	InProgress: 'in_progress',
	Enrolled: 'in_progress',
	OnHold: 'in_progress',
	Provisional: 'in_progress'
};

/** The enrolment status the subject's results state, most decisive first; undefined if none. */
function resultStatus(subject: JsonObject): EnrolmentStatus | undefined {
	const found = asArray(subject.result).flatMap((r) =>
		isObject(r) && str(r.status) && STATUS[str(r.status)!] ? [STATUS[str(r.status)!]] : []
	);
	for (const s of ['withdrawn', 'failed', 'completed', 'in_progress'] as const)
		if (found.includes(s)) return s;
	return undefined;
}

function resultValue(subject: JsonObject): string | null {
	for (const r of asArray(subject.result))
		if (isObject(r)) {
			const v = str(r.value) ?? str(r.achievedLevel);
			if (v) return v;
		}
	return null;
}

/** The award id: the credential's own id, else a hash of the document. */
export function awardIdOf(credential: JsonObject): string {
	return `ob3:${str(credential.id) ?? 'sha256:' + sha256Hex(JSON.stringify(credential))}`;
}

/** The award's dates: awarded (else valid from, issued, the JWT's nbf/iat) and expiry. */
function awardDates(
	credential: JsonObject,
	jwtClaims: JsonObject | undefined
): { issuedOn: string | undefined; expiresOn: string | null } {
	return {
		issuedOn:
			calendarDate(credential.awardedDate) ??
			calendarDate(credential.validFrom) ??
			calendarDate(credential.issuanceDate) ??
			dateFromUnixSeconds(jwtClaims?.nbf) ??
			dateFromUnixSeconds(jwtClaims?.iat),
		expiresOn:
			calendarDate(credential.validUntil) ??
			calendarDate(credential.expirationDate) ??
			dateFromUnixSeconds(jwtClaims?.exp) ??
			null
	};
}

/**
 * The subject's achievement. Valid OB 3.0 documents exist without one (1EdTech's own samples): the
 * credential's name is all there is, so the catalogue entry is keyed on issuer + name; null without
 * a name either.
 */
function achievementOf(
	subject: JsonObject,
	credential: JsonObject,
	issuer: Provider | null
): JsonObject | null {
	if (isObject(subject.achievement)) return subject.achievement;
	const name = text(credential.name);
	if (!name) return null;
	return { id: derivedId('ob3-name', issuer?.id, name), name, description: credential.description };
}

/** The enrolment the subject's activity dates state, with the status its results give. */
function enrolmentOf(
	subject: JsonObject,
	{
		awardId,
		learnerId,
		credentialId,
		status,
		issuedOn
	}: {
		awardId: string;
		learnerId: string;
		credentialId: string;
		status: EnrolmentStatus | undefined;
		issuedOn: string;
	}
): Enrolment | null {
	const startedOn = calendarDate(subject.activityStartDate);
	if (!startedOn) return null;
	const effective = status ?? 'completed';
	return {
		id: `${awardId}#enrolment`,
		learnerId,
		credentialId,
		cohort: str(subject.term) ?? null,
		startedOn,
		endedOn: calendarDate(subject.activityEndDate) ?? (effective === 'in_progress' ? null : issuedOn),
		status: effective,
		result: resultValue(subject)
	};
}

export function mapAchievementCredential({
	credential,
	outcome,
	source,
	jwtClaims,
	ctx
}: {
	credential: JsonObject;
	outcome: VerificationOutcome;
	source: unknown;
	jwtClaims?: JsonObject;
	ctx: MapContext;
}): Mapped {
	const issue = (path: string, message: string): Mapped => ({
		issues: [{ file: ctx.file, path: ctx.path + path.slice(1), message }]
	});
	const subject = isObject(credential.credentialSubject) ? credential.credentialSubject : {};
	const recipient = fromSubject(subject);
	if (!recipient)
		return issue(
			'$.credentialSubject',
			'has neither an id nor an identifier: the learner cannot be told apart'
		);

	const { issuedOn, expiresOn } = awardDates(credential, jwtClaims);
	if (!issuedOn)
		return issue('$.validFrom', 'no awardedDate, validFrom or issuanceDate: the award has no date');

	const rows: ImportRow[] = [];
	const issuer = providerFromProfile(credential.issuer);
	if (issuer) rows.push({ table: 'providers', row: issuer });

	const achievement = achievementOf(subject, credential, issuer);
	if (!achievement)
		return issue(
			'$.credentialSubject.achievement',
			'is missing and the credential has no name to stand for it'
		);
	const { credential: row, skills, creator } = credentialFromAchievement(achievement, issuer?.id ?? null);
	if (!isObject(subject.achievement))
		row.unparsed = [
			...(row.unparsed ?? []),
			'the credential carries no achievement; catalogue entry made from its name'
		];
	if (creator && creator.id !== issuer?.id) rows.push({ table: 'providers', row: creator });
	rows.push({ table: 'credentials', row });
	for (const skill of skills) rows.push({ table: 'credential_skills', row: skill });

	const learner = learnerRow(recipient);
	rows.push({ table: 'learners', row: learner });

	const awardId = awardIdOf(credential);
	const status = resultStatus(subject);
	const enrolment = enrolmentOf(subject, {
		awardId,
		learnerId: learner.id,
		credentialId: row.id,
		status,
		issuedOn
	});
	if (enrolment) rows.push({ table: 'enrolments', row: enrolment });
	const enrolmentId = enrolment?.id ?? null;
	if (status === undefined || status === 'completed') {
		const award = verifiedAward(
			{ id: awardId, learnerId: learner.id, credentialId: row.id, enrolmentId, issuedOn, expiresOn, source },
			outcome
		);
		rows.push({ table: 'awards', row: award });
	}
	return { rows };
}

/** Endorsements carry no achievement: the endorsing issuer is all that maps. */
export function mapEndorsement(credential: JsonObject): Mapped {
	const issuer = providerFromProfile(credential.issuer);
	return { rows: issuer ? [{ table: 'providers', row: issuer }] : [] };
}
