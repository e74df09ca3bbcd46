// The outcome of one verification step and how the steps combine into an award's
// `verification` (DESIGN.md §2): verified | unverified | failed | unsigned, with the reason kept.
import type { ProofState } from '../../../domain/document-check.ts';
import type { Verification } from '../../../domain/types.ts';

/** What a signature check found. `unverified`: it could not be checked offline (reason says why). */
export type ProofCheck = {
	state: ProofState;
	reason: string;
	/** Who the key belongs to (its controller or DID), when the proof verified. */
	signer?: string;
};

/** What a status (revocation) check found. */
export type StatusCheck =
	| { state: 'none' }
	| { state: 'ok'; reason: string }
	| { state: 'revoked'; reason: string }
	| { state: 'unknown'; reason: string };

export type VerificationOutcome = { verification: Verification; verificationReason: string };

/**
 * Combines the checks. A bad signature, a date outside the validity period, or a revocation fails
 * the record. A good signature whose revocation status cannot be read offline is `unverified`:
 * "verified" means every check the document asks for was made and passed.
 */
export function decide({
	proof,
	validity,
	status = { state: 'none' }
}: {
	proof: ProofCheck;
	validity?: string | null;
	status?: StatusCheck;
}): VerificationOutcome {
	const reasons = [proof.reason];
	if (proof.state === 'failed')
		return { verification: 'failed', verificationReason: join(reasons, validity) };
	if (validity) return { verification: 'failed', verificationReason: join([validity], proof.reason) };
	if (status.state === 'revoked')
		return { verification: 'failed', verificationReason: join([status.reason], proof.reason) };
	if (status.state === 'ok' || status.state === 'unknown') reasons.push(status.reason);
	if (proof.state === 'verified' && status.state === 'unknown')
		return { verification: 'unverified', verificationReason: join(reasons) };
	return { verification: proof.state, verificationReason: join(reasons) };
}

function join(reasons: (string | null | undefined)[], ...more: (string | null | undefined)[]): string {
	return [...reasons, ...more].filter(Boolean).join('; ');
}
