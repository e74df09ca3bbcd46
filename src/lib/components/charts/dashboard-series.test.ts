import { describe, expect, it } from 'vitest';
import { completionEquityRow as row } from '../../../../tests/builders/completion-equity-row.ts';
import {
	issuanceSeries,
	quarterRange,
	rateCells,
	rateEstimates,
	ratioEstimates,
	timeToCredentialSeries
} from './dashboard-series.ts';

const WITHHELD = {
	completed: null,
	known: null,
	inProgress: null,
	rate: null,
	low: null,
	high: null,
	ratio: null,
	ratioLow: null,
	ratioHigh: null,
	fourFifths: null,
	gap: null,
	suppressed: 'fewer than 10 learners'
};

describe('issuanceSeries', () => {
	it('spaces quarters as time does: a quarter with no award is a 0 between its neighbours', () => {
		const { periods, series } = issuanceSeries([
			{ period: '2013-Q3', group: 'all', awards: 40 },
			{ period: '2014-Q2', group: 'all', awards: 25 },
			{ period: '2015-Q1', group: 'all', awards: null }
		]);
		expect(periods).toEqual(['2013-Q3', '2013-Q4', '2014-Q1', '2014-Q2', '2014-Q3', '2014-Q4', '2015-Q1']);
		expect(series[0].points.map((p) => p.y)).toEqual([40, 0, 0, 25, 0, 0, null]);
	});
	it('is empty for no rows', () => {
		expect(issuanceSeries([])).toEqual({ periods: [], series: [] });
	});
	it('makes one line per group over sorted periods: missing cells are 0, withheld ones gaps', () => {
		const { periods, series } = issuanceSeries([
			{ period: '2014-Q1', group: 'EQF 5', awards: 30 },
			{ period: '2013-Q4', group: 'EQF 5', awards: 20 },
			{ period: '2013-Q4', group: 'EQF 4', awards: null },
			{ period: '2014-Q1', group: 'all', awards: 12 }
		]);
		expect(periods).toEqual(['2013-Q4', '2014-Q1']);
		expect(series.map((s) => s.label)).toEqual(['EQF 4', 'EQF 5', 'All awards']);
		expect(series[0].points).toEqual([
			{ x: 0, y: null },
			{ x: 1, y: 0 }
		]);
		expect(series[1].points).toEqual([
			{ x: 0, y: 20 },
			{ x: 1, y: 30 }
		]);
	});
});

describe('timeToCredentialSeries', () => {
	it('is empty for no curve or a withheld one', () => {
		expect(timeToCredentialSeries(null)).toEqual([]);
		expect(timeToCredentialSeries({ points: [] })).toEqual([]);
	});
	it('starts at day 0 and keeps the completion band', () => {
		const s = timeToCredentialSeries({
			points: [
				{ day: 10, completed: 0.1, withdrawn: 0.05, failed: 0, completedLow: 0.08, completedHigh: 0.12 }
			]
		});
		expect(s.map((x) => x.key)).toEqual(['completed', 'withdrawn', 'failed']);
		expect(s[0].points).toEqual([
			{ x: 0, y: 0, low: null, high: null },
			{ x: 10, y: 0.1, low: 0.08, high: 0.12 }
		]);
		expect(s[1].points.at(-1)).toEqual({ x: 10, y: 0.05 });
	});
});

describe('rate and ratio estimates', () => {
	it('name withheld groups and never show their counts', () => {
		const [published, withheld] = rateEstimates([row({}), row({ group: 'M', ...WITHHELD })]);
		expect(published.detail).toBe('40 of 100 with a known outcome');
		expect(withheld).toMatchObject({ value: null, suppressed: 'fewer than 10 learners', detail: undefined });
	});
	it('mark the reference group and flag four-fifths', () => {
		const rows = [
			row({ group: 'F', ratio: 1 }),
			row({ group: 'M', rate: 0.3, ratio: 0.75, ratioLow: 0.6, ratioHigh: 0.9, fourFifths: true })
		];
		const [ref, low] = ratioEstimates(rows, 'F');
		expect(ref.label).toBe('F (reference)');
		expect(low).toMatchObject({ value: 0.75, low: 0.6, high: 0.9 });
		expect(low.detail).toBe('completion 30.0%, below four-fifths of the reference');
		expect(ratioEstimates([], null)).toEqual([]);
	});
});

describe('rateCells', () => {
	it('keeps pairs only, with withheld cells marked', () => {
		const cells = rateCells([
			row({ group: 'F × Y', groups: ['F', 'Y'] }),
			row({ group: 'M × Y', groups: ['M', 'Y'], ...WITHHELD }),
			row({ group: 'F' })
		]);
		expect(cells).toEqual([
			{ row: 'F', col: 'Y', value: 0.4, detail: '40 of 100', suppressed: null },
			{ row: 'M', col: 'Y', value: null, detail: undefined, suppressed: 'fewer than 10 learners' }
		]);
	});
});

describe('quarterRange', () => {
	it('runs across a year end and keeps a single quarter', () => {
		expect(quarterRange(['2013-Q4', '2014-Q2'])).toEqual(['2013-Q4', '2014-Q1', '2014-Q2']);
		expect(quarterRange(['2014-Q2'])).toEqual(['2014-Q2']);
		expect(quarterRange([])).toEqual([]);
	});
});
