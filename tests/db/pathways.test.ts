// Pathways through the real loader, into PGlite and PostgreSQL: the Badgr export and the
// bulk-upload CSV of one pathway are recognised by content, plan the same from nothing, and
// converge (importing the other form changes no requirement); `catalogue show` reads the
// nested groups nested and names every member.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db/client.ts';
import { collectFiles, importFiles } from '../../src/lib/server/import/index.ts';
import { getPlan } from '../../src/lib/server/queries/pathway.ts';
import { main } from '../../src/lib/server/cli/main.ts';
import { engines } from './engines.ts';

const fixtures = join(import.meta.dirname, '../fixtures/pathways');
const BADGR = join(fixtures, 'data-literacy.badgr.json');
const CSV = join(fixtures, 'data-literacy.ce.csv');
const BADGE = 'https://badges.example.org/public/badges/';
const TARGETS = ['data-literacy', 'working-with-data', 'communicating-data'].map((t) => BADGE + t);

async function plans(db: Db) {
	const out: Record<string, number> = {};
	for (const target of TARGETS) {
		const result = await getPlan(db, { held: [], target, objective: 'count' });
		if (!result.ok) throw new Error(result.error);
		expect(result.plan.exact).toBe(true);
		out[target] = result.plan.total.count;
	}
	return out;
}

describe.each(engines)('pathways on $name', (engine) => {
	let fromBadgr: Db;
	let fromCsv: Db;
	beforeAll(async () => {
		[fromBadgr, fromCsv] = [await engine.open(), await engine.open()];
	});
	afterAll(async () => {
		await fromBadgr?.close();
		await fromCsv?.close();
	});

	it('recognises each form by content and plans the same from nothing', async () => {
		const a = await importFiles(fromBadgr, collectFiles([BADGR]));
		const b = await importFiles(fromCsv, collectFiles([CSV]));
		expect([a.reports[0].format, b.reports[0].format]).toEqual(['badgr', 'pathway-csv']);
		for (const r of [...a.reports, ...b.reports]) {
			expect(r.status).toBe('succeeded');
			expect(r.files[0]).toMatchObject({ read: 1, stored: 1, rejected: 0 });
		}
		const [planA, planB] = [await plans(fromBadgr), await plans(fromCsv)];
		expect(planA).toEqual(planB);
		// The two skill badges; Spreadsheets (1) and Statistics (2) or Visualisation (2); one of
		// each pair for writing and presenting.
		expect(planA).toEqual({ [TARGETS[0]]: 2, [TARGETS[1]]: 3, [TARGETS[2]]: 2 });
	});

	it('changes no requirement when the other form of the same pathway is imported', async () => {
		const again = await importFiles(fromBadgr, collectFiles([CSV]));
		expect(again.reports[0].status).toBe('succeeded');
		const changed = again.reports[0].changed;
		expect(changed.requirement_groups).toEqual({ inserted: 0, updated: 0 });
		expect(changed.requirement_members ?? { inserted: 0, updated: 0 }).toEqual({ inserted: 0, updated: 0 });
		// The CSV names the badges Badgr knew only by URL.
		expect(changed.credentials?.updated).toBeGreaterThan(0);
	});

	it('shows the nested groups nested, every member by name', async () => {
		let out = '';
		const stdout = { write: (s: string) => ((out += s), true) } as unknown as NodeJS.WriteStream;
		const code = await main(['catalogue', 'show', TARGETS[1]], {
			openDb: async () => fromBadgr,
			stdout,
			stderr: stdout
		});
		expect(code).toBe(0);
		expect(out).toBe(
			[
				`${TARGETS[1]}: Working with Data (micro)`,
				'  Requirement: 2 of these groups',
				'    Spreadsheets: 1 of these 2',
				'      - Formulas',
				'      - Pivot Tables',
				'    Statistics: all of these 2',
				'      - Averages',
				'      - Sampling',
				'    Visualisation: 2 of these 3',
				'      - Charts',
				'      - Dashboards',
				'      - Maps',
				''
			].join('\n')
		);
	});
});
