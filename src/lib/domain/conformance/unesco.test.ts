import { describe, expect, it } from 'vitest';
import { bare, full } from '../../../../tests/fixtures/credentials.ts';
import { unescoConformance } from './unesco.ts';

describe('unescoConformance', () => {
	it('passes a complete micro-credential', () => {
		expect(unescoConformance(full)).toEqual({ meets: true, missing: [] });
	});
	it('names every missing element; unknown counts as missing', () => {
		expect(unescoConformance(bare).missing).toEqual([
			'assessed',
			'learningOutcomes',
			'provider',
			'qualityAssured'
		]);
	});
	it('lets a description stand in for learning outcomes', () => {
		expect(unescoConformance({ ...full, learningOutcomes: null }).meets).toBe(true);
		expect(unescoConformance({ ...full, learningOutcomes: [], description: '' }).missing).toEqual([
			'learningOutcomes'
		]);
	});
});
