import { describe, expect, it } from 'vitest';
import { pathwayCards } from './pathway-cards.ts';

describe('pathwayCards', () => {
	const facts = {
		A: { title: 'Unit A', workloadHours: 20, providerName: 'RTO One', countsToward: ['Q', 'R'] },
		B: { title: 'Unit B', workloadHours: null, providerName: null, countsToward: ['Q'] },
		C: { title: 'Unit C', workloadHours: 40, providerName: null, countsToward: ['Q'] },
		Q: { title: 'Certificate Q', workloadHours: null, providerName: null, countsToward: [] },
		R: { title: 'Certificate R', workloadHours: null, providerName: null, countsToward: [] }
	};

	it('orders held, then the plan in order, then the qualification, each with its facts', () => {
		const cards = pathwayCards({
			qualification: { target: 'Q', title: 'Certificate Q', share: 0.25, achieved: false, counted: ['A'] },
			plan: ['C', 'B'],
			facts
		});
		expect(cards.held).toEqual([
			{
				id: 'A',
				title: 'Unit A',
				status: 'held',
				statusText: 'Held',
				hours: 20,
				provider: 'RTO One',
				countsToward: ['Certificate Q', 'Certificate R']
			}
		]);
		expect(cards.next.map((c) => [c.id, c.statusText])).toEqual([
			['C', 'Next step 1 of 2'],
			['B', 'Next step 2 of 2']
		]);
		expect(cards.qualification).toMatchObject({
			id: 'Q',
			status: 'qualification',
			statusText: '25% complete'
		});
	});

	it('has no next steps once the qualification is complete', () => {
		const cards = pathwayCards({
			qualification: {
				target: 'Q',
				title: 'Certificate Q',
				share: 1,
				achieved: true,
				counted: ['A', 'B', 'C']
			},
			plan: ['X'],
			facts
		});
		expect(cards.next).toEqual([]);
		expect(cards.qualification.statusText).toBe('Complete');
	});
});
