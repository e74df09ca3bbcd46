// Public surface of proof and status checking for credentials.
export { decide, type ProofCheck, type StatusCheck, type VerificationOutcome } from './check.ts';
export { decodeCompactJws, isCompactJws, refusedSignature, verifyCompactJws } from './jws.ts';
export { validityProblem } from './validity.ts';
export { checkStatus } from './status.ts';
export { verifyEmbeddedProof } from './data-integrity.ts';
