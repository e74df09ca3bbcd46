// Who may see what. Roles and the scope each one's queries run in; the pure rules live
// here so hooks, the query layer and tests share one statement of them.
import type { DisclosurePolicy, Suppression } from '../../domain/suppression/index.ts';
import type { Scope } from '../../domain/scope.ts';

export const ROLES = ['admin', 'policymaker', 'provider', 'learner'] as const;
export type Role = (typeof ROLES)[number];

export type SessionUser = {
	id: number;
	email: string;
	role: Role;
	providerId: string | null;
	learnerId: string | null;
	/** The language and digits saved with the account (src/lib/i18n/choose.ts reads them). */
	language?: string | null;
	digits?: string | null;
};

export type Access = {
	/** Whose data the caller's own queries cover. */
	scope: Scope;
	/** The disclosure policy (small cells withheld, counts rounded) for everyone but an admin. */
	suppression: Suppression;
	/** Admins see learner ids; everyone else sees pseudonyms. */
	seesLearnerIds: boolean;
};

export function accessOf(user: SessionUser | null, policy: DisclosurePolicy): Access {
	const suppressed: Suppression = policy;
	if (!user) return { scope: { kind: 'system' }, suppression: suppressed, seesLearnerIds: false };
	switch (user.role) {
		case 'admin':
			return { scope: { kind: 'system' }, suppression: false, seesLearnerIds: true };
		case 'policymaker':
			return { scope: { kind: 'system' }, suppression: suppressed, seesLearnerIds: false };
		case 'provider':
			return {
				scope: { kind: 'provider', providerId: user.providerId ?? '' },
				suppression: suppressed,
				seesLearnerIds: false
			};
		case 'learner':
			return {
				scope: { kind: 'learner', learnerId: user.learnerId ?? '' },
				suppression: suppressed,
				seesLearnerIds: false
			};
	}
}
