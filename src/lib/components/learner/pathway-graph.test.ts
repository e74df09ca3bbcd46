import { describe, expect, it } from 'vitest';
import { pathwayGraph } from './pathway-graph.ts';

describe('pathwayGraph', () => {
	it('is empty for a learner with no reachable qualification', () => {
		expect(pathwayGraph({ qualifications: [], plans: new Map(), titles: {} })).toEqual({
			nodes: [],
			edges: []
		});
	});

	it('links held credentials and planned next steps to the nearest qualifications, a shared credential once', () => {
		const { nodes, edges } = pathwayGraph({
			qualifications: [
				{ target: 'Q1', title: 'Cert III', share: 0.5, achieved: false, counted: ['A', 'B'] },
				{ target: 'Q2', title: 'Cert IV', share: 0.8, achieved: false, counted: ['B'] },
				{ target: 'Q3', title: 'Diploma', share: 0.1, achieved: false, counted: ['C'] }
			],
			plans: new Map([
				['Q1', ['D']],
				['Q2', ['D', 'E']]
			]),
			titles: { A: 'Unit A', D: 'Unit D' },
			limit: 2
		});
		expect(nodes.map((n) => [n.id, n.kind])).toEqual([
			['B', 'held'],
			['D', 'next step'],
			['E', 'next step'],
			['A', 'held'],
			['Q2', 'qualification'],
			['Q1', 'qualification']
		]);
		expect(nodes.find((n) => n.id === 'A')).toMatchObject({
			label: 'Unit A',
			highlight: true,
			href: '/catalogue/A'
		});
		expect(nodes.find((n) => n.id === 'Q2')?.description).toBe('Cert IV: 80% complete');
		expect(edges).toContainEqual({ source: 'B', target: 'Q1', kind: 'member' });
		expect(edges).toContainEqual({ source: 'B', target: 'Q2', kind: 'member' });
		expect(edges.filter((e) => e.source === 'D')).toHaveLength(2);
		// Q3 (furthest) is left out with its credential.
		expect(nodes.some((n) => n.id === 'Q3' || n.id === 'C')).toBe(false);
	});

	it('shows an achieved qualification after the unfinished ones and plans nothing for it', () => {
		const { nodes } = pathwayGraph({
			qualifications: [
				{ target: 'Q1', title: 'Done', share: 1, achieved: true, counted: ['A'] },
				{ target: 'Q2', title: 'Open', share: 0.2, achieved: false, counted: ['A'] }
			],
			plans: new Map([['Q1', ['X']]]),
			titles: {}
		});
		expect(nodes.some((n) => n.id === 'X')).toBe(false);
		expect(nodes.filter((n) => n.kind === 'qualification').map((n) => n.id)).toEqual(['Q2', 'Q1']);
	});
});
