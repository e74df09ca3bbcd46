import { describe, expect, it } from 'vitest';
import { disclosurePolicy } from '../../domain/suppression/policy.ts';
import { accessOf } from './roles.ts';

const policy = (threshold: number) => disclosurePolicy({ threshold, mode: 'both' });

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
		expect(accessOf(user('admin'), policy(10))).toEqual({
			scope: { kind: 'system' },
			suppression: false,
			seesLearnerIds: true
		});
		expect(accessOf(user('policymaker'), policy(10))).toEqual({
			scope: { kind: 'system' },
			suppression: policy(10),
			seesLearnerIds: false
		});
		expect(accessOf(null, policy(5)).suppression).toEqual(policy(5));
	});
	it('scopes providers and learners to their own data', () => {
		expect(accessOf(user('provider', { providerId: 'p1' }), policy(10)).scope).toEqual({
			kind: 'provider',
			providerId: 'p1'
		});
		expect(accessOf(user('learner', { learnerId: 'l1' }), policy(10)).scope).toEqual({
			kind: 'learner',
			learnerId: 'l1'
		});
	});
});
