// End to end against R: the bundled OULAD imported, counted in SQL and estimated in the domain
// layer gives the figures R computes from the raw CSVs with its own reading of the mapping
// (tests/fixtures/r/make-fixtures.R: prop.test for Wilson, survfit for Aalen–Johansen).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db/client.ts';
import { bundledDataPath, collectFiles, importFiles } from '../../src/lib/server/import/index.ts';
import { getCompletion, getCompletionCounts } from '../../src/lib/server/queries/completion.ts';
import { getDayCounts, getTimeToCredential } from '../../src/lib/server/queries/time-to-credential.ts';
import { SYSTEM, type Breakdown } from '../../src/lib/server/queries/scope.ts';
import {
	AALEN_JOHANSEN_FILES,
	aalenJohansenCases,
	caseName,
	countsOf,
	wilsonRows
} from '../fixtures/r/fixtures.ts';
import { engines } from './engines.ts';

const oulad = AALEN_JOHANSEN_FILES.filter((f) => !f.includes('synthetic')).flatMap(aalenJohansenCases);
const context = (c: { credential: string | null; asOf: string | null }) => ({
	scope: SYSTEM,
	asOf: c.asOf ?? undefined,
	filters: { credentialId: c.credential ?? undefined }
});

describe.each(engines)('metrics against R on $name', (engine) => {
	let db: Db;
	beforeAll(async () => {
		db = await engine.open();
		const { reports } = await importFiles(db, collectFiles([bundledDataPath()]));
		expect(reports[0].status).toBe('succeeded');
	});
	afterAll(async () => {
		await db?.close();
	});

	it('completion counts and Wilson intervals match prop.test for every credential, cut-off and group', async () => {
		const rows = wilsonRows();
		expect(rows.length).toBeGreaterThan(1000);
		const keys = new Map<string, typeof rows>();
		for (const r of rows) {
			const k = `${r.credential}|${r.asOf}|${r.dimension}`;
			keys.set(k, [...(keys.get(k) ?? []), r]);
		}
		let compared = 0;
		for (const [, expected] of keys) {
			const { credential, asOf, dimension } = expected[0];
			const by = dimension ? [dimension as Breakdown] : [];
			const result = await getCompletion(db, { ...context({ credential, asOf }), by, suppression: false });
			const byGroup = new Map(result.rows.map((r) => [r.group, r]));
			for (const e of expected) {
				const got = byGroup.get(e.group);
				const where = `${credential ?? 'all'} as of ${asOf ?? 'all data'} ${dimension ?? ''}=${e.group}`;
				expect(got, where).toBeDefined();
				expect([got!.completed, got!.known, got!.inProgress], where).toEqual([
					e.completed,
					e.known,
					e.inProgress
				]);
				if (e.rate === undefined) expect(got!.rate, where).toBeNull();
				else {
					expect(Math.abs(got!.rate! - e.rate), where).toBeLessThan(1e-9);
					expect(Math.abs(got!.low! - e.low!), where).toBeLessThan(1e-9);
					expect(Math.abs(got!.high! - e.high!), where).toBeLessThan(1e-9);
				}
				compared++;
			}
		}
		expect(compared).toBe(rows.length);
	});

	it('per-day counts from SQL are exactly the counts R derives from the raw files', async () => {
		for (const c of oulad) {
			const by = c.dimension ? [c.dimension as Breakdown] : [];
			const groups = await getDayCounts(db, { ...context(c), by });
			const got = c.dimension ? groups.find((g) => g.groups[0] === c.group) : groups[0];
			const expected = countsOf(c);
			expect(got?.rows ?? [], caseName(c)).toEqual(expected);
		}
	});

	it('Aalen–Johansen curves, intervals and medians match survfit to 1e-6', async () => {
		let checked = 0;
		for (const c of oulad) {
			if (!c.at) continue;
			const by = c.dimension ? [c.dimension as Breakdown] : [];
			const result = await getTimeToCredential(db, { ...context(c), by, at: c.at.day, suppression: false });
			const got = c.dimension ? result.groups.find((g) => g.group === c.group)! : result.groups[0];
			const name = caseName(c);
			expect(got.n, name).toBe(c.n);
			expect(got.inProgress, name).toBe(c.inProgress);
			got.points.forEach((p, i) => {
				expect(Math.abs(p.completed - c.at!.pstate.completed[i]!), name).toBeLessThan(1e-6);
				expect(Math.abs(p.withdrawn - c.at!.pstate.withdrawn[i]!), name).toBeLessThan(1e-6);
				expect(Math.abs(p.failed - c.at!.pstate.failed[i]!), name).toBeLessThan(1e-6);
				const [low, high] = [c.at!.lower.completed[i], c.at!.upper.completed[i]];
				if (low === null) expect(p.completedLow, name).toBeNull();
				else expect(Math.abs(p.completedLow! - low), name).toBeLessThan(1e-6);
				if (high === null) expect(p.completedHigh, name).toBeNull();
				else expect(Math.abs(p.completedHigh! - high), name).toBeLessThan(1e-6);
			});
			if (c.median?.days === null || !c.median) expect(got.median, name).toBeNull();
			else expect(got.median, name).toEqual({ days: c.median.days, low: c.median.low, high: c.median.high });
			checked++;
		}
		expect(checked).toBeGreaterThanOrEqual(15);
	});

	it('withholds small groups and says why, unless the caller is an admin', async () => {
		// BBB by age band as of 2014-12-31: the 55<= group has fewer than 10 learners.
		const suppressed = await getCompletion(db, {
			...context({ credential: 'BBB', asOf: '2014-12-31' }),
			by: ['age_band'],
			suppression: { threshold: 10 }
		});
		const small = suppressed.rows.find((r) => r.group === '55<=')!;
		expect(small.suppressed).toMatch(/fewer than 10 learners/);
		expect([small.completed, small.known, small.rate]).toEqual([null, null, null]);
		// Its count could be recovered from the total minus the others: a second cell is withheld too.
		expect(suppressed.rows.filter((r) => r.suppressed).length).toBeGreaterThanOrEqual(2);
		const admin = await getCompletion(db, {
			...context({ credential: 'BBB', asOf: '2014-12-31' }),
			by: ['age_band'],
			suppression: false
		});
		expect(admin.rows.every((r) => r.suppressed === null)).toBe(true);
		const cells = await getCompletionCounts(db, {
			...context({ credential: 'BBB', asOf: '2014-12-31' }),
			by: ['age_band']
		});
		expect(cells.find((c) => c.groups[0] === '55<=')!.learners).toBeLessThan(10);
	});
});
