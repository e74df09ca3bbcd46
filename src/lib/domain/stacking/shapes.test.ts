import { describe, expect, it } from 'vitest';
import type { Catalogue } from './catalogue.ts';
import { makeCredential as cred, makeGroup as group } from './defaults.ts';
import { classifyTrajectory } from './shapes.ts';

const catalogue: Catalogue = {
	credentials: [
		...['CPCCOM1012', 'CPCCOM1013', 'CPCCWHS2001', 'BSBWHS411', 'HLTAID011', 'TLIB0002'].map((id) =>
			cred({ id })
		),
		cred({ id: 'badge-1', providerId: 'acme' }),
		cred({ id: 'badge-2', providerId: 'acme' }),
		cred({ id: 'CPC30220', kind: 'macro' })
	],
	groups: [
		group({ id: 'core', targetCredentialId: 'CPC30220', rule: 'all', members: ['CPCCOM1012', 'CPCCOM1013'] }),
		group({
			id: 'el',
			targetCredentialId: 'CPC30220',
			rule: 'n_of',
			n: 2,
			members: ['CPCCWHS2001', 'BSBWHS411', 'HLTAID011']
		})
	],
	prerequisites: [],
	recognitions: [{ credentialId: 'badge-2', recognisedAsId: 'HLTAID011' }]
};

describe('classifyTrajectory', () => {
	it('vertical: units of one training package toward one qualification', () => {
		expect(
			classifyTrajectory({ catalogue, trajectory: ['CPCCOM1012', 'CPCCOM1013', 'CPCCWHS2001'] })
		).toEqual({
			shape: 'vertical',
			focus: 'CPC30220',
			counted: ['CPCCOM1012', 'CPCCOM1013', 'CPCCWHS2001'],
			areas: ['CPC']
		});
	});
	it('diagonal: several areas combined toward one qualification (recognition included)', () => {
		const r = classifyTrajectory({ catalogue, trajectory: ['CPCCOM1012', 'BSBWHS411', 'badge-2'] });
		expect(r).toMatchObject({ shape: 'diagonal', focus: 'CPC30220', areas: ['BSB', 'CPC', 'acme'] });
	});
	it('horizontal: stand-alone credentials no qualification gathers', () => {
		expect(
			classifyTrajectory({ catalogue, trajectory: ['badge-1', 'TLIB0002', 'CPCCOM1012'] })
		).toMatchObject({ shape: 'horizontal', focus: null });
	});
	it('horizontal when the stacking part is under half the trajectory', () => {
		const r = classifyTrajectory({
			catalogue,
			trajectory: ['CPCCOM1012', 'CPCCOM1013', 'badge-1', 'TLIB0002', 'x1', 'x2']
		});
		expect(r.shape).toBe('horizontal');
	});
	it('single below two credentials; repeats count once', () => {
		expect(classifyTrajectory({ catalogue, trajectory: ['CPCCOM1012', 'CPCCOM1012'] }).shape).toBe('single');
	});
	it('takes a caller-defined area', () => {
		const r = classifyTrajectory({
			catalogue,
			trajectory: ['CPCCOM1012', 'BSBWHS411'],
			areaOf: () => 'construction'
		});
		expect(r.shape).toBe('vertical');
	});
});
