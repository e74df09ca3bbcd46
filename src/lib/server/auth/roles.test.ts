import { describe, expect, it } from 'vitest';
import { accessOf } from './roles.ts';

const user = (role: 'admin' | 'policymaker' | 'provider' | 'learner', extra = {}) => ({
	id: 1,
	email: 'a@b.c',
	role,
	providerId: null,
	learnerId: null,
	...extra
});

describe('accessOf', () => {
	it('lets only admins see unsuppressed figures and learner ids', () => {
		expect(accessOf(user('admin'), 10)).toEqual({
			scope: { kind: 'system' },
			suppression: false,
			seesLearnerIds: true
		});
		expect(accessOf(user('policymaker'), 10)).toEqual({
			scope: { kind: 'system' },
			suppression: { threshold: 10 },
			seesLearnerIds: false
		});
		expect(accessOf(null, 5).suppression).toEqual({ threshold: 5 });
	});
	it('scopes providers and learners to their own data', () => {
		expect(accessOf(user('provider', { providerId: 'p1' }), 10).scope).toEqual({
			kind: 'provider',
			providerId: 'p1'
		});
		expect(accessOf(user('learner', { learnerId: 'l1' }), 10).scope).toEqual({
			kind: 'learner',
			learnerId: 'l1'
		});
	});
});
