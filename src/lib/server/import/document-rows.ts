// Rows every credential-document importer (Open Badges, CLR, ELM) makes the same way: the holder as
// a pseudonymous learner about whom nothing else is stated, and an award carrying the outcome of
// verifying the document it came from.
import { NOT_STATED, type Award, type Learner } from '../../domain/types.ts';
import { learnerIdFor } from './ids.ts';
import type { VerificationOutcome } from './verify/index.ts';

/**
 * A document's holder: `<prefix>-<sha256 of identity>` as the id, every group not stated (but the
 * gender, when the document says it); `identityHash` is what pseudonym matching keys on.
 */
export function documentLearner({
	prefix,
	identity,
	identityHash,
	gender = NOT_STATED
}: {
	prefix: string;
	identity: string;
	identityHash: string | null;
	gender?: string;
}): Learner {
	return {
		id: learnerIdFor(prefix, identity),
		gender,
		ageBand: NOT_STATED,
		disability: NOT_STATED,
		deprivationBand: NOT_STATED,
		region: NOT_STATED,
		priorEducation: NOT_STATED,
		analyticsConsent: true,
		identityHash,
		origin: 'real'
	};
}

/** An award as the document states it, with the verdict on the document. */
export function verifiedAward(
	award: Omit<Award, 'verification' | 'verificationReason'> & { source?: unknown },
	outcome: VerificationOutcome
): Award & { source?: unknown } {
	return { ...award, verification: outcome.verification, verificationReason: outcome.verificationReason };
}
