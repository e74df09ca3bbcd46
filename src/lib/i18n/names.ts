// Names shown for values the data holds as codes, in the reader's language.
import { m } from '$lib/paraglide/messages.js';

const ROLE_NAMES: Record<string, () => string> = {
	admin: m.role_admin,
	policymaker: m.role_policymaker,
	provider: m.role_provider,
	learner: m.role_learner
};

/** A role's name; an unknown code is shown as it is. */
export function roleName(role: string): string {
	return ROLE_NAMES[role]?.() ?? role;
}
