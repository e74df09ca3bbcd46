import { describe, expect, it } from 'vitest';
import type { Award, Enrolment, Learner } from '../types.ts';
import { countFlows } from './flows.ts';
import { makeCredential as cred, makeGroup as group } from './defaults.ts';

const e = (
	id: string,
	learnerId: string,
	credentialId: string,
	startedOn: string,
	status: Enrolment['status'] = 'completed',
	cohort = '2024A'
): Enrolment => ({
	id,
	learnerId,
	credentialId,
	cohort,
	startedOn,
	endedOn: status === 'completed' ? startedOn : null,
	status,
	result: null
});
const learner = (id: string, gender: string): Learner => ({
	id,
	gender,
	ageBand: '0-35',
	disability: 'N',
	deprivationBand: '50-60%',
	region: 'Wales',
	priorEducation: 'A Level or Equivalent',
	analyticsConsent: true,
	identityHash: null,
	origin: 'generated'
});
const award = (learnerId: string, credentialId: string, issuedOn: string): Award => ({
	id: `${learnerId}-${credentialId}`,
	learnerId,
	credentialId,
	enrolmentId: null,
	issuedOn,
	expiresOn: null,
	verification: 'unsigned',
	verificationReason: null
});

const enrolments = [
	e('1', 'L1', 'A', '2024-01-01'),
	e('2', 'L1', 'B', '2024-03-01'),
	e('3', 'L2', 'A', '2024-01-05'),
	e('4', 'L2', 'B', '2024-02-01', 'withdrawn'),
	e('5', 'L3', 'B', '2024-01-01', 'completed', '2024B'),
	e('6', 'L3', 'A', '2024-02-01', 'completed', '2024B')
];
const catalogue = {
	credentials: [cred({ id: 'A' }), cred({ id: 'B' }), cred({ id: 'Q', kind: 'macro' as const })],
	groups: [group({ id: 'g', targetCredentialId: 'Q', rule: 'all', members: ['A', 'B'] })],
	prerequisites: [],
	recognitions: []
};

describe('countFlows', () => {
	it('counts A → B per cohort, learners once', () => {
		const flows = countFlows({ enrolments: [...enrolments, e('7', 'L1', 'B', '2024-04-01')] });
		expect(flows).toEqual([
			{ kind: 'next', from: 'A', to: 'B', cohort: '2024A', group: null, count: 2 },
			{ kind: 'next', from: 'B', to: 'A', cohort: '2024B', group: null, count: 1 }
		]);
	});
	it('counts A → qualification when the learner later achieved it', () => {
		const flows = countFlows({ enrolments, catalogue, awards: [award('L1', 'Q', '2024-06-01')] });
		expect(flows.filter((f) => f.kind === 'toward')).toEqual([
			{ kind: 'toward', from: 'A', to: 'Q', cohort: '2024A', group: null, count: 1 },
			{ kind: 'toward', from: 'B', to: 'Q', cohort: '2024A', group: null, count: 1 }
		]);
	});
	it('splits by a learner group, unknown learners as "not stated"', () => {
		const flows = countFlows({
			enrolments,
			learners: [learner('L1', 'F'), learner('L2', 'M')],
			dimension: 'gender'
		});
		expect(flows.map((f) => [f.from, f.to, f.group, f.count])).toEqual([
			['A', 'B', 'F', 1],
			['A', 'B', 'M', 1],
			['B', 'A', 'not stated', 1]
		]);
	});
	it('can start transitions only from completed enrolments', () => {
		const flows = countFlows({ enrolments, statuses: ['completed'] });
		expect(flows.reduce((s, f) => s + f.count, 0)).toBe(3);
	});
});
