import { describe, expect, it } from 'vitest';
import { buildStackingGraph, groupKey, StackingCycleError, type CredentialNode } from './build.ts';
import type { Catalogue } from './catalogue.ts';
import { makeCredential as cred, makeGroup as group } from './defaults.ts';

const base = (): Catalogue => ({
	credentials: [
		cred({ id: 'U1' }),
		cred({ id: 'U2' }),
		cred({ id: 'U3', workloadHours: 20 }),
		cred({ id: 'Q', kind: 'macro', level: '4' }),
		cred({ id: 'X', providerId: 'other' })
	],
	groups: [
		group({ id: 'Q/core', targetCredentialId: 'Q', rule: 'all', members: ['U1'] }),
		group({ id: 'Q/el', targetCredentialId: 'Q', rule: 'n_of', n: 1, members: ['U2', 'U3'], position: 1 })
	],
	prerequisites: [{ credentialId: 'U3', requiredId: 'U1' }],
	recognitions: [
		{ credentialId: 'X', recognisedAsId: 'U2' },
		{ credentialId: 'U2', recognisedAsId: 'X' }
	]
});

describe('buildStackingGraph', () => {
	it('has credential and group nodes with their attributes and typed edges', () => {
		const { graph } = buildStackingGraph({ catalogue: base() });
		expect(graph.getNodeAttributes('U3')).toMatchObject({
			type: 'credential',
			kind: 'unit',
			workloadHours: 20
		});
		expect(graph.getNodeAttributes('Q')).toMatchObject({ type: 'credential', kind: 'macro', level: '4' });
		expect(graph.getNodeAttributes(groupKey('Q/el'))).toMatchObject({
			type: 'group',
			rule: 'n_of',
			n: 1,
			target: 'Q'
		});
		const types = graph.mapEdges((_, a) => a.type).sort();
		expect(types).toEqual([
			'group',
			'group',
			'member',
			'member',
			'member',
			'prerequisite',
			'recognition',
			'recognition'
		]);
	});
	it('puts members below their targets and prerequisites below what needs them', () => {
		const { graph, generations } = buildStackingGraph({ catalogue: base() });
		expect((graph.getNodeAttributes('U1') as CredentialNode).generation).toBe(0);
		expect((graph.getNodeAttributes('U3') as CredentialNode).generation).toBe(1);
		expect((graph.getNodeAttributes('Q') as CredentialNode).generation).toBe(2);
		expect(generations.flat().sort()).toEqual(['Q', 'U1', 'U2', 'U3', 'X']);
	});
	it('accepts mutual recognition (credit transfer both ways is not a cycle)', () => {
		expect(() => buildStackingGraph({ catalogue: base() })).not.toThrow();
	});
	it('rejects a prerequisite cycle and names its path', () => {
		const c = base();
		c.prerequisites.push({ credentialId: 'U1', requiredId: 'U3' });
		expect(() => buildStackingGraph({ catalogue: c })).toThrow(StackingCycleError);
		try {
			buildStackingGraph({ catalogue: c });
		} catch (e) {
			const path = (e as StackingCycleError).path;
			expect(path[0]).toBe(path[path.length - 1]);
			expect(new Set(path)).toEqual(new Set(['U1', 'U3']));
			expect((e as Error).message).toMatch(/^stacking: cycle .*U[13] → U[13] → U[13]$/);
		}
	});
	it('rejects a stacking cycle through groups (Q counts toward itself via P)', () => {
		const c = base();
		c.credentials.push(cred({ id: 'P', kind: 'macro' }));
		c.groups.push(group({ id: 'P/all', targetCredentialId: 'P', rule: 'all', members: ['Q'] }));
		c.groups.push(group({ id: 'Q/p', targetCredentialId: 'Q', rule: 'all', members: ['P'], position: 2 }));
		expect(() => buildStackingGraph({ catalogue: c })).toThrow(
			/cycle .*group:P\/all.*P.*group:Q\/p|cycle .*group:Q\/p.*Q.*group:P\/all/
		);
	});
	it('refuses groups naming credentials that are not in the catalogue', () => {
		const c = base();
		c.groups[0].members.push('NOPE');
		expect(() => buildStackingGraph({ catalogue: c })).toThrow(
			/stacking: group Q\/core names unknown credential NOPE/
		);
	});
});
