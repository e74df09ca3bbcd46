import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readTgaCatalogue } from '../../server/import/tga/vendored.ts';
import { indexCatalogue } from '../stacking/catalogue.ts';
import { learnerProgress } from '../stacking/progress.ts';
import { generateDemoLearners } from './learners.ts';

// Test data only: the generator itself takes a catalogue, never files.
const { catalogue: tga } = readTgaCatalogue({
	dir: fileURLToPath(new URL('../../../../data/tga/xml/', import.meta.url))
});
const credentials = new Map(tga.credentials.map((c) => [c.id, c]));
const catalogue = indexCatalogue(tga);

describe('generateDemoLearners', () => {
	it('is deterministic for a seed and differs between seeds', () => {
		const a = generateDemoLearners({ seed: 7, count: 60, catalogue });
		const b = generateDemoLearners({ seed: 7, count: 60, catalogue });
		const c = generateDemoLearners({ seed: 8, count: 60, catalogue });
		expect(b).toEqual(a);
		expect(c.learners).not.toEqual(a.learners);
	});

	const data = generateDemoLearners({ seed: 2026, count: 1500, catalogue });
	const known = (es: typeof data.enrolments) => es.filter((e) => e.status !== 'in_progress');
	const share = (es: typeof data.enrolments, status: string) =>
		known(es).filter((e) => e.status === status).length / known(es).length;
	const qualification = (credentialId: string) => credentials.get(credentialId)?.kind === 'macro';

	it('labels everything as generated', () => {
		expect(
			data.providers.every(
				(p) => p.origin === 'generated' && p.id.startsWith('demo-') && /generated/.test(p.name)
			)
		).toBe(true);
		expect(data.learners.every((l) => l.origin === 'generated' && l.id.startsWith('demo-'))).toBe(true);
		expect(
			data.enrolments.every(
				(e) => e.id.startsWith('demo-') && data.deliveredBy[e.id]?.startsWith('demo-rto-')
			)
		).toBe(true);
		expect(
			data.awards.every(
				(a) =>
					a.id.startsWith('demo-') &&
					a.verification === 'unsigned' &&
					a.verificationReason === 'generated demo record'
			)
		).toBe(true);
	});
	it('gives qualification attempts OULAD-like outcomes: ~47% completed, ~31% withdrawn, ~22% failed', () => {
		const attempts = data.enrolments.filter((e) => qualification(e.credentialId));
		expect(attempts).toHaveLength(1500);
		expect(share(attempts, 'completed')).toBeGreaterThan(0.42);
		expect(share(attempts, 'completed')).toBeLessThan(0.52);
		expect(share(attempts, 'withdrawn')).toBeGreaterThan(0.26);
		expect(share(attempts, 'withdrawn')).toBeLessThan(0.36);
		expect(share(attempts, 'failed')).toBeGreaterThan(0.17);
		expect(share(attempts, 'failed')).toBeLessThan(0.27);
		expect(attempts.some((e) => e.status === 'in_progress')).toBe(true);
	});
	it('has modest gaps by disability and deprivation, in the OULAD direction', () => {
		const attempts = data.enrolments.filter((e) => qualification(e.credentialId));
		const learner = new Map(data.learners.map((l) => [l.id, l]));
		const rate = (pred: (id: string) => boolean) =>
			share(
				attempts.filter((e) => pred(e.learnerId)),
				'completed'
			);
		const gapDisability =
			rate((id) => learner.get(id)!.disability === 'N') - rate((id) => learner.get(id)!.disability === 'Y');
		expect(gapDisability).toBeGreaterThan(0);
		expect(gapDisability).toBeLessThan(0.2);
		const low = rate((id) => ['0-10%', '10-20%', '20-30%'].includes(learner.get(id)!.deprivationBand));
		const high = rate((id) => ['70-80%', '80-90%', '90-100%'].includes(learner.get(id)!.deprivationBand));
		expect(high - low).toBeGreaterThan(0);
		expect(high - low).toBeLessThan(0.2);
	});
	it('uses OULAD-style group values', () => {
		const values = (k: 'gender' | 'ageBand' | 'deprivationBand' | 'disability') =>
			new Set(data.learners.map((l) => l[k]));
		expect(values('gender')).toEqual(new Set(['F', 'M']));
		expect(values('ageBand')).toEqual(new Set(['0-35', '35-55', '55<=']));
		expect(values('disability')).toEqual(new Set(['Y', 'N']));
		expect(values('deprivationBand')).toContain('not stated');
		expect(values('deprivationBand')).toContain('90-100%');
	});
	it('keeps dates consistent with the cut-off and awards with completions', () => {
		for (const e of data.enrolments) {
			expect(e.startedOn <= '2025-06-30').toBe(true);
			if (e.endedOn) expect(e.endedOn >= e.startedOn && e.endedOn <= '2025-06-30').toBe(true);
			expect(e.endedOn === null).toBe(e.status === 'in_progress');
		}
		const completed = new Set(data.enrolments.filter((e) => e.status === 'completed').map((e) => e.id));
		expect(data.awards.every((a) => a.enrolmentId && completed.has(a.enrolmentId))).toBe(true);
		expect(data.awards).toHaveLength(completed.size);
	});
	it('has learners who completed a whole qualification, and learners part-way', () => {
		const byLearner = new Map<string, string[]>();
		for (const a of data.awards)
			byLearner.set(a.learnerId, [...(byLearner.get(a.learnerId) ?? []), a.credentialId]);
		const [whole, partial] = [...byLearner.values()].reduce(
			([w, p], held) => (held.some(qualification) ? [w + 1, p] : [w, p + 1]),
			[0, 0]
		);
		expect(whole).toBeGreaterThan(100);
		expect(partial).toBeGreaterThan(100);
		// A qualification award is backed by units that satisfy its rules.
		const someone = [...byLearner.entries()].find(([, held]) => held.some(qualification))!;
		const target = someone[1].find(qualification)!;
		const units = someone[1].filter((c) => !qualification(c));
		const progress = learnerProgress({ catalogue, held: units, targets: [target] });
		expect(progress.qualifications[0].achieved).toBe(true);
	});
});
