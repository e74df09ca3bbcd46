import { describe, expect, it } from 'vitest';
import { bare, full } from '../../../../tests/fixtures/credentials.ts';
import { euConformance } from './eu.ts';

describe('euConformance', () => {
	it('passes a complete micro-credential', () => {
		expect(euConformance(full)).toEqual({ meets: true, missing: [] });
	});
	it('names every missing element; unknown counts as missing', () => {
		expect(euConformance(bare).missing).toEqual([
			'assessed',
			'learningOutcomes',
			'workload',
			'qualityAssured'
		]);
	});
	it('takes workload in hours or in credits of a named system', () => {
		expect(euConformance({ ...full, workloadHours: null }).meets).toBe(true);
		expect(euConformance({ ...full, workloadHours: null, creditSystem: null }).missing).toEqual(['workload']);
	});
	it('does not count blank learning outcomes', () => {
		expect(euConformance({ ...full, learningOutcomes: ['  '] }).missing).toEqual(['learningOutcomes']);
	});
});
