import { describe, expect, it } from 'vitest';
import { buildStackingGraph } from '../stacking/build.ts';
import { indexCatalogue } from '../stacking/catalogue.ts';
import { planCompletion } from '../stacking/plan.ts';
import { generateCatalogue } from './catalogue.ts';

describe('generateCatalogue', () => {
	const catalogue = generateCatalogue({ seed: 3, credentials: 600 });
	it('is deterministic and of the asked size', () => {
		expect(generateCatalogue({ seed: 3, credentials: 600 })).toEqual(catalogue);
		expect(catalogue.credentials).toHaveLength(600);
	});
	it('builds without cycles and every qualification can be planned exactly', () => {
		expect(() => buildStackingGraph({ catalogue })).not.toThrow();
		const index = indexCatalogue(catalogue);
		for (const target of index.targets)
			expect(planCompletion({ catalogue: index, target, objective: 'hours' }).exact).toBe(true);
	});
});
