import { describe, expect, it } from 'vitest';
import { overlapClusters, overlapPairs, type OverlapItem } from './overlap.ts';

const item = (
	id: string,
	providerId: string | null,
	title: string,
	skills: string[] = [],
	units: string[] = []
) => ({ id, providerId, title, skills, units }) satisfies OverlapItem;

describe('overlap', () => {
	it('two credentials of different providers with identical skills form a cluster', () => {
		const items = [
			item('a', 'p1', 'Data analysis with spreadsheets', ['s1', 's2', 's3']),
			item('b', 'p2', 'Excel for business', ['s1', 's2', 's3']),
			item('c', 'p3', 'Welding basics', ['s9'])
		];
		const pairs = overlapPairs(items);
		expect(pairs).toEqual([
			{ a: 'a', b: 'b', skills: 1, units: null, title: expect.any(Number), basis: ['skills'] }
		]);
		expect(overlapClusters(items, pairs)).toEqual([
			{ members: ['a', 'b'], providers: ['p1', 'p2'], basis: ['skills'] }
		]);
	});

	it('does not pair a provider with itself, and needs the threshold', () => {
		const items = [
			item('a', 'p1', 'One', ['s1', 's2']),
			item('b', 'p1', 'Two', ['s1', 's2']),
			// 1 shared of 3: Jaccard 1/3 < 0.8
			item('c', 'p2', 'Three', ['s1', 's9'])
		];
		expect(overlapPairs(items)).toEqual([]);
	});

	it('pairs qualifications by the units they share and near-duplicate titles; clusters join through pairs', () => {
		const items = [
			item('q1', 'p1', 'Certificate III in Plumbing', [], ['u1', 'u2', 'u3', 'u4', 'u5']),
			item('q2', 'p2', 'Plumbing skills', [], ['u1', 'u2', 'u3', 'u4', 'u5']),
			item('q3', 'p3', 'Certificate III in Plumbing.', [], ['u9'])
		];
		const pairs = overlapPairs(items);
		expect(pairs.map((p) => [p.a, p.b, p.basis])).toEqual([
			['q1', 'q2', ['units']],
			['q1', 'q3', ['title']]
		]);
		expect(overlapClusters(items, pairs)).toEqual([
			{ members: ['q1', 'q2', 'q3'], providers: ['p1', 'p2', 'p3'], basis: ['units', 'title'] }
		]);
	});

	it('finds the same pairs as comparing every pair directly', () => {
		const titles = ['Intro to data', 'Intro to data!', 'Data intro', 'Welding', 'Welding I', 'Cooking'];
		const items = titles.map((t, i) => item(`c${i}`, `p${i % 3}`, t, [`s${i % 2}`], i < 3 ? ['u1'] : []));
		const pairs = overlapPairs(items, { skills: 0.5, units: 0.5, title: 0.5 });
		// Every pair of different providers sharing its skill (s0 or s1) overlaps on skills.
		const expected = items.flatMap((x, i) =>
			items
				.slice(i + 1)
				.filter((y) => x.providerId !== y.providerId && x.skills[0] === y.skills[0])
				.map((y) => [x.id, y.id])
		);
		for (const [a, b] of expected)
			expect(pairs.find((p) => p.a === a && p.b === b)?.basis).toContain('skills');
	});

	it('refuses a threshold outside (0, 1]', () => {
		expect(() => overlapPairs([], { skills: 0, units: 0.8, title: 0.8 })).toThrow(
			/overlapPairs: the skills threshold/
		);
	});
});
