// The catalogue pages' queries on the training.gov.au releases and a few generated demo learners:
// search by code or title with the kind filter and paging, and one qualification's page — its
// rules exactly as `catalogue show` has them, facts for every part, and the (generated) providers
// that deliver them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db/client.ts';
import { demoLearnersJob } from '../../src/lib/server/import/generated.ts';
import { bundledDataPath, collectFiles, importFiles } from '../../src/lib/server/import/index.ts';
import { runImportJob } from '../../src/lib/server/import/loader.ts';
import { getCatalogue } from '../../src/lib/server/queries/catalogue.ts';
import { getCataloguePage, searchCatalogue } from '../../src/lib/server/queries/catalogue-page.ts';
import { getCredentialDetail } from '../../src/lib/server/queries/credential-detail.ts';
import { engines } from './engines.ts';

describe.each(engines)('catalogue pages on $name', (engine) => {
	let db: Db;
	beforeAll(async () => {
		db = await engine.open();
		const { reports } = await importFiles(db, collectFiles([bundledDataPath('tga')]));
		expect(reports.every((r) => r.status === 'succeeded')).toBe(true);
		const report = await runImportJob(db, demoLearnersJob(await getCatalogue(db), { count: 60 }));
		expect(report.status).toBe('succeeded');
	});
	afterAll(async () => {
		await db?.close();
	});

	it('searches by title or code, qualifications first, with the kind filter and paging', async () => {
		const plant = await searchCatalogue(db, { q: 'mobile plant' });
		expect(plant.results[0]).toMatchObject({ id: 'AUR31220', stackable: true, origin: 'real' });
		const byCode = await searchCatalogue(db, { q: 'aur31220' });
		expect(byCode.results[0].id).toBe('AUR31220');

		const qualifications = await searchCatalogue(db, { kind: 'qualification' });
		expect(qualifications.total).toBe(25);
		expect(qualifications.results.every((c) => c.stackable)).toBe(true);
		const units = await searchCatalogue(db, { kind: 'unit', pageSize: 10 });
		expect(units.results).toHaveLength(10);
		expect(units.results.every((c) => c.kind === 'unit')).toBe(true);
		const second = await searchCatalogue(db, { kind: 'unit', pageSize: 10, page: 2 });
		expect(second.total).toBe(units.total);
		expect(second.results[0].id > units.results[9].id).toBe(true);

		expect(await searchCatalogue(db, { q: 'no such credential anywhere' })).toMatchObject({
			total: 0,
			results: []
		});
	});

	it('gives a qualification page the CLI rules, facts for every part and who delivers them', async () => {
		const page = (await getCataloguePage(db, 'AUR31220'))!;
		expect(page.detail).toEqual(await getCredentialDetail(db, 'AUR31220'));
		const parts = new Set(page.detail.requirements.flatMap((g) => g.members));
		for (const id of parts) expect(page.credentials[id]?.id).toBe(id);
		expect(page.credentials.AUR31220).toMatchObject({ stackable: true, level: '3', levelFramework: 'AQF' });
		// The demo RTOs are generated and say so; they deliver parts, not more parts than exist.
		expect(page.providers.length).toBeGreaterThan(0);
		for (const p of page.providers) {
			expect(p.origin).toBe('generated');
			expect(p.parts).toBeGreaterThan(0);
			expect(p.parts).toBeLessThanOrEqual(parts.size + 1);
		}
		for (const p of page.prerequisites) {
			expect(page.credentials[p.credentialId] ?? p.credentialId).toBeTruthy();
			expect(parts.has(p.requiredId) || p.requiredId in page.credentials).toBe(true);
		}
	});

	it('gives a unit page what it counts toward, and nothing for an unknown id', async () => {
		const unit = (await getCredentialDetail(db, 'AUR31220'))!.requirements[0].members[0];
		const page = (await getCataloguePage(db, unit))!;
		expect(page.detail.countsToward).toContain('AUR31220');
		expect(page.credentials.AUR31220.title).toBe('Certificate III in Mobile Plant Technology');
		expect(await getCataloguePage(db, 'NO-SUCH-ID')).toBeUndefined();
	});
});
