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

	it('finds by stem and by close spelling on both engines, ranks, and narrows by facet', async () => {
		// "carpenter" is not a stem of "Carpentry": trigram similarity finds it, the qualification first.
		const carpenter = await searchCatalogue(db, { q: 'carpenter' });
		expect(carpenter.results[0]).toMatchObject({ id: 'CPC30220', title: 'Certificate III in Carpentry' });
		expect(carpenter.results.every((r) => /carpentry/i.test(r.title))).toBe(true);
		// Both words found (stemmed: "licence" ~ "Licence"), the units that have both first; the crane
		// qualification is among the results.
		const crane = await searchCatalogue(db, { q: 'licence crane' });
		expect(crane.results.slice(0, 5).every((r) => /^Licence to operate .*crane/i.test(r.title))).toBe(true);
		expect(crane.results.map((r) => r.id)).toContain('CPC32920');
		// A misspelt word still finds them.
		const typo = await searchCatalogue(db, { q: 'licnce crane' });
		expect(typo.results.slice(0, 3).map((r) => r.id)).toEqual(
			expect.arrayContaining(['CPCCLTC4001', 'CPC32920'])
		);
		// The kind facet counts the kinds among the matches whatever kind is chosen.
		const quals = await searchCatalogue(db, { q: 'crane', kind: 'qualification' });
		expect(quals.results.map((r) => r.id)).toContain('CPC32920');
		expect(quals.results.every((r) => r.stackable)).toBe(true);
		expect(quals.facets.kind.find((k) => k.value === 'qualification')!.credentials).toBe(quals.total);
		expect(quals.facets.kind.find((k) => k.value === 'unit')!.credentials).toBeGreaterThan(5);
		// Level and provider facets narrow to exactly what they count.
		const all = await searchCatalogue(db, { kind: 'qualification' });
		const level3 = all.facets.level.find((l) => l.value === '3')!;
		const atLevel3 = await searchCatalogue(db, { kind: 'qualification', level: '3' });
		expect(atLevel3.total).toBe(level3.credentials);
		expect(atLevel3.results.every((r) => r.level === '3')).toBe(true);
		const provider = all.facets.provider.find((p) => p.value !== 'none')!;
		expect(all.providerNames[provider.value]).toBeTruthy();
		expect((await searchCatalogue(db, { kind: 'qualification', provider: provider.value })).total).toBe(
			provider.credentials
		);
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
