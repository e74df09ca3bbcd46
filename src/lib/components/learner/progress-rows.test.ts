import { describe, expect, it } from 'vitest';
import type { Plan, QualificationProgress } from '$lib/domain/stacking/index.ts';
import { learnerProgress } from '$lib/domain/stacking/index.ts';
import { makeCredential, makeGroup } from '$lib/domain/stacking/defaults.ts';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime.js';
import { overwriteDigits } from '$lib/i18n/format.ts';
import type { Digits } from '$lib/i18n/choose.ts';
import { learnerSummary, percentOf, progressRows } from './progress-rows.ts';

const qualification = (over: Partial<QualificationProgress>): QualificationProgress => ({
	target: 'Q1',
	title: 'Certificate III in Testing',
	achieved: false,
	achievedByStacking: false,
	groups: [],
	counted: ['U1', 'U2', 'U3'],
	stillNeeded: 2,
	neededFromScratch: 5,
	share: 0.6,
	creditsStillNeeded: 0,
	...over
});

const plan = (over: Partial<Plan> = {}): Plan => ({
	target: 'Q1',
	objective: 'count',
	credentials: ['U4', 'U5'],
	total: { count: 2, hours: 80, days: null },
	exact: true,
	...over
});

describe('progressRows', () => {
	it('is empty for no qualifications', () => {
		expect(progressRows([])).toEqual([]);
	});

	it('carries the progress numbers unchanged and says them in words', () => {
		const [row] = progressRows([qualification({})]);
		expect(row).toMatchObject({
			target: 'Q1',
			share: 0.6,
			percent: 60,
			stillNeeded: 2,
			neededFromScratch: 5,
			inHand: 3,
			counted: ['U1', 'U2', 'U3']
		});
		expect(row.text).toBe('60%: 3 of 5 in hand, 2 more credentials needed');
	});

	it('rounds the percentage as the CLI prints it, keeping the exact share', () => {
		const [row] = progressRows([qualification({ share: 2 / 3, stillNeeded: 1, neededFromScratch: 3 })]);
		expect(row.share).toBe(2 / 3);
		expect(row.percent).toBe(67);
		expect(row.text).toBe('67%: 2 of 3 in hand, 1 more credential needed');
		expect(percentOf(0.005)).toBe(1);
		expect(percentOf(0)).toBe(0);
	});

	it('marks complete qualifications and those achieved by stacking', () => {
		const rows = progressRows([
			qualification({ achieved: true, share: 1, stillNeeded: 0 }),
			qualification({ target: 'Q2', achieved: true, achievedByStacking: true, share: 1, stillNeeded: 0 })
		]);
		expect(rows.map((r) => r.text)).toEqual(['100%: complete', '100%: complete (all its parts are held)']);
		expect(rows[0].percent).toBe(100);
	});

	it('says when the catalogue cannot complete a qualification, with no made-up counts', () => {
		const [row] = progressRows([qualification({ stillNeeded: null, share: 0 })]);
		expect(row.inHand).toBeNull();
		expect(row.text).toBe('0%: the catalogue offers no way to complete it');
	});

	it('adds the credits a min_credits group still asks for', () => {
		const [row] = progressRows([qualification({ creditsStillNeeded: 1 })]);
		expect(row.text).toBe('60%: 3 of 5 in hand, 2 more credentials needed, and 1 credit');
	});

	it('matches the domain progress for a small catalogue', () => {
		const progress = learnerProgress({
			catalogue: {
				credentials: [
					makeCredential({ id: 'Q', kind: 'macro' }),
					...['A', 'B', 'C'].map((id) => makeCredential({ id }))
				],
				groups: [makeGroup({ id: 'core', targetCredentialId: 'Q', rule: 'all', members: ['A', 'B', 'C'] })],
				prerequisites: [],
				recognitions: []
			},
			held: ['A'],
			onlyReachable: true
		});
		const rows = progressRows(progress.qualifications);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({
			target: 'Q',
			stillNeeded: 2,
			neededFromScratch: 3,
			inHand: 1,
			percent: 33
		});
		expect(rows[0].share).toBe(progress.qualifications[0].share);
	});
});

describe('learnerSummary', () => {
	const rows = progressRows([qualification({})]);

	it('speaks to the learner on their own page, using the plan for the shortest way', () => {
		expect(
			learnerSummary({ ownPage: true, awarded: 5, rows, plans: new Map([['Q1', plan()]]), noun: 'unit' })
		).toBe(
			'You hold 5 credentials; you are 60% of the way to Certificate III in Testing; the shortest way to finish is 2 more units.'
		);
	});

	it('speaks about the learner to anyone else, and names the objective figure', () => {
		const hours = plan({
			objective: 'hours',
			credentials: ['U4', 'U5', 'U6'],
			total: { count: 3, hours: 60, days: null }
		});
		expect(learnerSummary({ ownPage: false, awarded: 1, rows, plans: new Map([['Q1', hours]]) })).toBe(
			'This learner holds 1 credential; they are 60% of the way to Certificate III in Testing; the shortest way to finish is 3 more credentials (60 hours of study).'
		);
	});

	it('falls back to the progress count when there is no plan', () => {
		expect(learnerSummary({ ownPage: true, awarded: 3, rows, plans: new Map() })).toMatch(
			/finish is 2 more credentials\.$/
		);
	});

	it('covers a learner with nothing, and one whose holdings count toward nothing', () => {
		expect(learnerSummary({ ownPage: true, awarded: 0, rows: [], plans: new Map() })).toBe(
			'You hold no credentials yet.'
		);
		expect(learnerSummary({ ownPage: false, awarded: 2, rows: [], plans: new Map() })).toBe(
			'This learner holds 2 credentials; none of them counts toward a qualification in the catalogue.'
		);
		expect(learnerSummary({ ownPage: true, awarded: 1, rows: [], plans: new Map() })).toBe(
			'You hold 1 credential; it does not count toward a qualification in the catalogue.'
		);
	});

	it('names completed qualifications', () => {
		const done = progressRows([qualification({ achieved: true, share: 1, stillNeeded: 0 })]);
		expect(learnerSummary({ ownPage: true, awarded: 4, rows: done, plans: new Map() })).toBe(
			'You hold 4 credentials; you have completed Certificate III in Testing.'
		);
	});
});

describe('in the reader’s language', () => {
	// Rows and summary are built at render, in the page's language (as the browser sets it here).
	const inLocale = <T>({ locale, digits }: { locale: 'fr' | 'ar'; digits: Digits }, answer: () => T): T => {
		const before = getLocale;
		overwriteGetLocale(() => locale);
		overwriteDigits(() => digits);
		try {
			return answer();
		} finally {
			overwriteGetLocale(before);
			overwriteDigits(() => 'native');
		}
	};
	const summary = () =>
		learnerSummary({
			ownPage: true,
			awarded: 5,
			rows: progressRows([qualification({})]),
			plans: new Map([['Q1', plan()]]),
			noun: 'unit'
		});

	it('French', () => {
		expect(inLocale({ locale: 'fr', digits: 'native' }, summary)).toBe(
			'Vous détenez 5 certifications ; vous êtes à 60\u00a0% du chemin vers Certificate III in Testing ; le chemin le plus court pour terminer est 2 unités de plus.'
		);
	});

	it('Arabic, with its dual and its own digits', () => {
		expect(inLocale({ locale: 'ar', digits: 'native' }, summary)).toBe(
			'تحمل ٥ شهادات؛ وقطعت ٦٠٪\u061c من الطريق نحو Certificate III in Testing؛ وأقصر طريق للإتمام وحدتان إضافيتان.'
		);
		const [row] = inLocale({ locale: 'ar', digits: 'latin' }, () => progressRows([qualification({})]));
		expect(row.percentText).toBe('60\u200e%\u200e');
	});
});
