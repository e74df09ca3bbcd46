import { describe, expect, it } from 'vitest';
import { credentialGraph, type CredentialFacts } from './credential-graph.ts';
import { layoutGraph } from './layout.ts';

const facts = (id: string, f: Partial<CredentialFacts> = {}): CredentialFacts => ({
	id,
	title: `Title of ${id}`,
	kind: 'unit',
	level: null,
	stackable: false,
	origin: 'real',
	...f
});

describe('credentialGraph', () => {
	const credentials = Object.fromEntries(
		[
			facts('Q', { kind: 'macro', level: '3', stackable: true }),
			facts('Q2', { kind: 'macro', level: '4', stackable: true }),
			facts('u1'),
			facts('u2'),
			facts('e1'),
			facts('e2', { origin: 'generated' })
		].map((c) => [c.id, c])
	);

	it('draws a qualification through its groups, with nested groups and member prerequisites', () => {
		const { nodes, edges } = credentialGraph({
			subject: {
				id: 'Q',
				requirements: [
					{
						id: 'Q/core',
						parent: null,
						rule: 'all',
						n: null,
						minCredits: null,
						label: 'Core units',
						members: ['u1', 'u2']
					},
					{ id: 'Q/one', parent: null, rule: 'n_of', n: 1, minCredits: null, label: null, members: [] },
					{
						id: 'Q/one/a',
						parent: 'Q/one',
						rule: 'n_of',
						n: 1,
						minCredits: null,
						label: 'Group A',
						members: ['e1', 'e2']
					}
				],
				prerequisites: [],
				recognisedAs: [],
				countsToward: ['Q2']
			},
			credentials,
			prerequisites: [
				{ credentialId: 'u2', requiredId: 'u1' },
				// Not drawn: left out rather than pulling in the whole catalogue.
				{ credentialId: 'u2', requiredId: 'elsewhere' }
			]
		});
		expect(nodes[0]).toMatchObject({
			id: 'Q',
			kind: 'qualification',
			highlight: true,
			href: '/catalogue/Q',
			level: '3'
		});
		expect(nodes.find((n) => n.id === 'group:Q/core')).toMatchObject({
			kind: 'group',
			label: 'all 2 · Core units'
		});
		expect(nodes.find((n) => n.id === 'group:Q/core')?.href).toBeUndefined();
		expect(nodes.find((n) => n.id === 'group:Q/one')?.label).toBe('1 of 1 · Q/one');
		expect(nodes.find((n) => n.id === 'e2')?.description).toContain('generated data');
		expect(edges).toEqual(
			expect.arrayContaining([
				{ source: 'group:Q/core', target: 'Q', kind: 'member' },
				{ source: 'u1', target: 'group:Q/core', kind: 'member' },
				{ source: 'group:Q/one/a', target: 'group:Q/one', kind: 'member' },
				{ source: 'e1', target: 'group:Q/one/a', kind: 'member' },
				{ source: 'Q', target: 'Q2', kind: 'member' },
				{ source: 'u1', target: 'u2', kind: 'prerequisite' }
			])
		);
		expect(edges.some((e) => e.source === 'elsewhere')).toBe(false);
		// It lays out without cycles: every edge kept.
		const layout = layoutGraph(nodes, edges);
		expect(layout.cycleEdges).toEqual([]);
		expect(layout.edges).toHaveLength(edges.length);
	});

	it('draws a unit with what it counts toward, requires and is recognised as', () => {
		const { nodes, edges } = credentialGraph({
			subject: {
				id: 'u2',
				requirements: [],
				prerequisites: ['u1'],
				recognisedAs: ['e1'],
				countsToward: ['Q', 'Q2']
			},
			credentials,
			prerequisites: []
		});
		expect(nodes.map((n) => [n.id, n.kind])).toEqual([
			['u2', 'unit'],
			['Q', 'qualification'],
			['Q2', 'qualification'],
			['e1', 'unit'],
			['u1', 'unit']
		]);
		expect(edges).toEqual([
			{ source: 'u2', target: 'Q', kind: 'member' },
			{ source: 'u2', target: 'Q2', kind: 'member' },
			{ source: 'u2', target: 'e1', kind: 'recognition' },
			{ source: 'u1', target: 'u2', kind: 'prerequisite' }
		]);
	});

	it('draws an unknown id by its id alone', () => {
		const { nodes, edges } = credentialGraph({
			subject: { id: 'lonely', requirements: [], prerequisites: [], recognisedAs: [], countsToward: [] },
			credentials: {},
			prerequisites: []
		});
		expect(nodes).toMatchObject([{ id: 'lonely', label: 'lonely', kind: 'unit' }]);
		expect(edges).toEqual([]);
	});
});
