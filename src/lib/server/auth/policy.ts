// Which role may open which route — every route of src/routes has exactly one rule here, keyed by
// SvelteKit's route id, and hooks.server.ts enforces it before any load function or endpoint
// runs. A route without a rule is refused, and the authorisation-matrix test fails, so a new
// route cannot escape review. Ownership (a provider's own page, a learner's own record) is
// checked here too; the query layer's scope is the second line of defence.
import type { Role, SessionUser } from './roles.ts';

export type RouteRule =
	/** Anyone, signed in or not. */
	| { open: true }
	/** These roles; `own` narrows providers/learners to their own [id]. */
	| { roles: readonly Role[]; own?: 'provider' | 'learner' };

const ALL: readonly Role[] = ['admin', 'policymaker', 'provider', 'learner'];
const AGGREGATES: readonly Role[] = ['admin', 'policymaker', 'provider'];

export const ROUTE_POLICY: Record<string, RouteRule> = {
	'/': { open: true },
	'/login': { open: true },
	'/logout': { open: true },
	'/language': { open: true },
	'/setup': { open: true },
	'/account': { roles: ALL },
	'/system': { roles: AGGREGATES },
	'/providers': { roles: ['admin', 'policymaker'] },
	'/providers/[id]': { roles: AGGREGATES, own: 'provider' },
	'/providers/[id]/quality': { roles: AGGREGATES, own: 'provider' },
	'/watch': { roles: ['admin', 'policymaker'] },
	'/policy/what-if': { roles: ['admin', 'policymaker'] },
	'/learners/[id]': { roles: ['admin', 'provider', 'learner'], own: 'learner' },
	// The signed record holds every award of the learner: the learner's own, or an admin's download.
	'/learners/[id]/record': { roles: ['admin', 'learner'], own: 'learner' },
	'/flows': { roles: AGGREGATES },
	'/catalogue': { roles: ALL },
	'/catalogue/[id]': { roles: ALL },
	'/imports': { roles: ['admin'] },
	'/imports/[id]': { roles: ['admin'] },
	'/imports/jobs/[key]': { roles: ['admin'] },
	'/imports/map/[key]': { roles: ['admin'] },
	'/admin/users': { roles: ['admin'] },
	'/admin/audit': { roles: ['admin'] },
	'/api/metrics/overview': { roles: AGGREGATES },
	'/api/metrics/completion': { roles: AGGREGATES },
	'/api/metrics/time-to-credential': { roles: AGGREGATES },
	'/api/metrics/conformance': { roles: AGGREGATES },
	'/api/metrics/stacking': { roles: AGGREGATES },
	'/api/metrics/issuance': { roles: AGGREGATES },
	'/api/imports/jobs/[key]/events': { roles: ['admin'] },
	'/api/learners/[id]/recommendations': { roles: ['admin', 'provider', 'learner'], own: 'learner' },
	'/api/catalogue/[id]': { roles: ALL },
	'/api/flows': { roles: AGGREGATES },
	'/api/watch': { roles: ['admin', 'policymaker'] },
	'/api/whatif': { roles: ['admin', 'policymaker'] }
};

export type Decision =
	| { allow: true }
	/** Not signed in: go and sign in (pages) or 401 (API). */
	| { allow: false; status: 401 }
	/** Signed in, but this role never sees this route. */
	| { allow: false; status: 403 }
	/** Someone else's record: 404, so ids cannot be probed. */
	| { allow: false; status: 404 }
	/** No rule for the route: refuse (a programming error, caught by the matrix test). */
	| { allow: false; status: 500 };

export type LearnerLookup = {
	/** The learner a URL key names (their id, or the pseudonym pages show), or null. */
	learnerIdOf(key: string): Promise<string | null>;
	/** Whether a learner has enrolled in or been awarded a credential of the provider. */
	providerHasLearner(providerId: string, learnerId: string): Promise<boolean>;
};

/** The decision for a route, given the signed-in user (or null). */
export async function decide({
	routeId,
	params,
	user,
	lookup
}: {
	routeId: string | null;
	params: Record<string, string>;
	user: SessionUser | null;
	lookup: LearnerLookup;
}): Promise<Decision> {
	if (routeId === null) return { allow: true }; // no route matched: SvelteKit answers 404
	const rule = ROUTE_POLICY[routeId];
	if (!rule) return { allow: false, status: 500 };
	if ('open' in rule) return { allow: true };
	if (!user) return { allow: false, status: 401 };
	if (!rule.roles.includes(user.role)) return { allow: false, status: 403 };
	if (rule.own === 'provider' && user.role === 'provider' && params.id !== user.providerId)
		return { allow: false, status: 404 };
	if (rule.own === 'learner' && (user.role === 'learner' || user.role === 'provider')) {
		const learnerId = await lookup.learnerIdOf(params.id);
		if (learnerId === null) return { allow: false, status: 404 };
		if (user.role === 'learner' && learnerId !== user.learnerId) return { allow: false, status: 404 };
		if (
			user.role === 'provider' &&
			!(user.providerId && (await lookup.providerHasLearner(user.providerId, learnerId)))
		)
			return { allow: false, status: 404 };
	}
	return { allow: true };
}
