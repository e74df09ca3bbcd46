import { describe, expect, it } from 'vitest';
import { goalChoices } from './goal-options.ts';

describe('goalChoices', () => {
	const goals = [
		{ id: 'A', title: 'Automotive' },
		{ id: 'B', title: 'Bricklaying' },
		{ id: 'C', title: 'Carpentry' },
		{ id: 'S', title: 'Surface Extraction' }
	];
	const choices = goalChoices(goals, [
		{ target: 'A', achieved: true, stillNeeded: 0 },
		{ target: 'S', achieved: false, stillNeeded: 12 },
		{ target: 'C', achieved: false, stillNeeded: 3 }
	]);

	it('orders by distance, then the out-of-reach by title, and the completed last', () => {
		expect(choices.map((c) => c.id)).toEqual(['C', 'S', 'B', 'A']);
	});

	it('marks the completed qualification and says how far the others are', () => {
		expect(choices.find((c) => c.id === 'A')).toMatchObject({
			completed: true,
			label: 'Automotive (A) — completed'
		});
		expect(choices[0].label).toBe('Carpentry (C) — 3 more credentials needed');
		expect(choices.find((c) => c.id === 'B')!.label).toBe('Bricklaying (B)');
	});
});
