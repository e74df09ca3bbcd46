// Validity period of a credential against an injectable `now`: expired (validUntil /
// expirationDate / OB2 `expires` in the past), not yet valid (validFrom / issuanceDate in the
// future), or an end before its start. Returns the reason it fails, or null.
import { instant } from '../dates.ts';

export function validityProblem({
	validFrom,
	validUntil,
	now
}: {
	validFrom?: unknown;
	validUntil?: unknown;
	now: Date;
}): string | null {
	const from = instant(validFrom);
	const until = instant(validUntil);
	if (validUntil !== undefined && validUntil !== null && until === undefined)
		return `expiry date "${String(validUntil)}" is not a date`;
	if (from !== undefined && until !== undefined && until < from)
		return `expires (${validUntil}) before it is valid (${validFrom})`;
	if (until !== undefined && until <= now.getTime()) return `expired on ${validUntil}`;
	if (from !== undefined && from > now.getTime())
		return `not valid until ${validFrom} (issued in the future)`;
	return null;
}
