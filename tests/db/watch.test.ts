// The credentialism watch and the data-quality cards on the bundled data (OULAD and the
// training.gov.au qualifications), each figure against a count written here directly in SQL:
//   1. credentials never awarded (real data) — 1,062 of 1,069 when this was written;
//   2. TGA units counted toward two or more qualifications — 164 of 1,036;
//   3. qualifications nobody completes — the 25 TGA qualifications;
//   4. the participation share of OULAD awards per quarter — awards of credentials stating no assessment;
//   5. the Open University's card — records with a description that is not the title, stubs, awards verified.
// And imports that report what they know: an Open Badges 2.0 hosted assertion without its
// BadgeClass is stored as an award of an unresolved badge, kept out of verified-only figures and
// counted against its issuer's card.
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db/client.ts';
import { bundledDataPath, collectFiles, importFiles } from '../../src/lib/server/import/index.ts';
import { bufferSource } from '../../src/lib/server/import/source.ts';
import { getIssuance } from '../../src/lib/server/queries/issuance.ts';
import { getQuality } from '../../src/lib/server/queries/quality.ts';
import { SYSTEM } from '../../src/lib/server/queries/scope.ts';
import { getWatch } from '../../src/lib/server/queries/watch.ts';
import { engines } from './engines.ts';

const suppression = { threshold: 10 } as const;
const count = async (db: Db, query: ReturnType<typeof sql>) =>
	Number((await db.query<{ n: number }>(query))[0].n);

describe.each(engines)('credentialism watch on the bundled data on $name', (engine) => {
	let db: Db;
	beforeAll(async () => {
		db = await engine.open();
		const { reports } = await importFiles(
			db,
			collectFiles([bundledDataPath('oulad'), bundledDataPath('tga')])
		);
		expect(reports.every((r) => r.status === 'succeeded')).toBe(true);
	}, 600_000);
	afterAll(async () => {
		await db?.close();
	});

	it('figures 1–4 equal the hand counts', async () => {
		const watch = await getWatch(db, { suppression });
		// 1. Never awarded: credentials with no award by a real, consenting learner.
		const never = await count(
			db,
			// (Not a correlated subquery: Citus takes none over a reference table.)
			sql`select count(*)::int as n from credentials c where c.id not in (
				select a.credential_id from awards a join learners l on l.id = a.learner_id
				where l.origin = 'real' and l.analytics_consent)`
		);
		expect(never).toBeGreaterThan(1000);
		expect(watch.proliferation.awardBands[0]).toMatchObject({ band: 'never awarded', credentials: never });
		expect(watch.proliferation.credentials).toBe(
			await count(db, sql`select count(*)::int as n from credentials`)
		);

		// 2. Units shared across qualifications: named by the groups of two or more targets.
		const shared = await count(
			db,
			sql`select count(*)::int as n from (select m.credential_id from requirement_members m
				join requirement_groups g on g.id = m.group_id
				group by 1 having count(distinct g.target_credential_id) >= 2) x`
		);
		expect(shared).toBeGreaterThan(100);
		expect(watch.overlap.sharedUnits).toBe(shared);
		expect(watch.overlap.unitsInTargets).toBe(
			await count(db, sql`select count(distinct credential_id)::int as n from requirement_members`)
		);

		// 3. Qualifications nobody completes: targets of requirement groups without an award.
		const uncompleted = await db.query<{ id: string }>(
			sql`select distinct g.target_credential_id as id from requirement_groups g
				where g.target_credential_id not in (select a.credential_id from awards a)
				order by 1`
		);
		expect(uncompleted).toHaveLength(25);
		expect(watch.deadEnds.uncompletedQualifications.map((q) => q.id)).toEqual(uncompleted.map((r) => r.id));

		// 4. Participation share per quarter: awards of credentials stating no assessment ÷ awards.
		const quarters = await db.query<{ period: string; awards: number; unassessed: number }>(
			sql`select to_char(a.issued_on, 'YYYY') || '-Q' || to_char(a.issued_on, 'Q') as period,
				count(*)::int as awards,
				count(*) filter (where c.kind = 'participation' or c.assessed is not true
					and coalesce(trim(c.assessment_type), '') = '')::int as unassessed
				from awards a join credentials c on c.id = a.credential_id group by 1 order by 1`
		);
		expect(quarters.length).toBeGreaterThan(2);
		expect(
			watch.participation.map((r) => ({ period: r.period, awards: r.awards, unassessed: r.unassessed }))
		).toEqual(
			quarters.map((q) => ({ period: q.period, awards: Number(q.awards), unassessed: Number(q.unassessed) }))
		);
		expect(watch.participation.every((r) => r.group === 'higher_education')).toBe(true);
	});

	it('a cut-off drops what came after it', async () => {
		const watch = await getWatch(db, { suppression, asOf: '2013-12-31' });
		expect(watch.proliferation.firsts.none.every((r) => r.period <= '2013-Q4')).toBe(true);
		expect(watch.participation.every((r) => r.period <= '2013-Q4')).toBe(true);
		// The modules first awarded in 2013 (presentations 2013B and 2013J).
		const firstAwarded2013 = await count(
			db,
			sql`select count(*)::int as n from (select credential_id from awards group by 1
				having min(issued_on) <= '2013-12-31') x`
		);
		expect(watch.proliferation.firsts.none.reduce((s, r) => s + r.awarded, 0)).toBe(firstAwarded2013);
	});

	it("figure 5: the Open University's data-quality card", async () => {
		const [ou] = await getQuality(db, { providerId: 'open-university', suppression });
		const records = await count(
			db,
			sql`select count(*)::int as n from credentials where provider_id = 'open-university'`
		);
		const described = await count(
			db,
			sql`select count(*)::int as n from credentials where provider_id = 'open-university'
				and coalesce(trim(description), '') <> ''
				and lower(regexp_replace(description, '[^[:alnum:]]+', ' ', 'g')) <> lower(regexp_replace(title, '[^[:alnum:]]+', ' ', 'g'))`
		);
		const verified = await count(
			db,
			sql`select count(*)::int as n from awards a join credentials c on c.id = a.credential_id
				where c.provider_id = 'open-university' and a.verification = 'verified'`
		);
		expect(ou.card.credentials).toBe(records);
		expect(ou.card.shares.description).toBe(described / records);
		expect(ou.card.stubs).toBe(0);
		expect(ou.verifiedShare).toBe(verified / Number(ou.awards));
		expect(ou.lastImportAt).not.toBeNull();
		// Each record missing an element is listed to fix.
		expect(ou.card.fixes).toHaveLength(records);
	});
});

const ob20 = (name: string) => bufferSource(name, readFileSync(`tests/fixtures/open-badges/ob20/${name}`));

describe.each(engines)('an OB 2.0 assertion of an unresolved badge on $name', (engine) => {
	let db: Db;
	beforeAll(async () => {
		db = await engine.open();
	});
	afterAll(async () => {
		await db?.close();
	});

	it('is stored unverified, kept out of verified-only figures, counted against its issuer, and resolved later', async () => {
		// The assertion and its issuer, without the BadgeClass.
		const first = await importFiles(db, [ob20('basic-assertion.json'), ob20('assets/organization.json')]);
		expect(first.reports.every((r) => r.status === 'succeeded')).toBe(true);
		const [stub] = await db.query<{ title: string; unparsed: string[] }>(
			sql`select title, unparsed from credentials where id = 'https://example.org/robotics-badge.json'`
		);
		expect(stub.title).toBe('https://example.org/robotics-badge.json');
		expect(stub.unparsed[0]).toMatch(/^unresolved badge:/);
		const [award] = await db.query<{ verification: string }>(
			sql`select verification from awards where credential_id = 'https://example.org/robotics-badge.json'`
		);
		expect(award.verification).toBe('unverified');

		const issuance = (verifiedOnly: boolean) =>
			getIssuance(db, { scope: SYSTEM, suppression: false, verifiedOnly, source: 'base' });
		expect((await issuance(false)).reduce((s, r) => s + (r.awards ?? 0), 0)).toBe(1);
		expect(await issuance(true)).toEqual([]);

		const [card] = await getQuality(db, {
			providerId: 'https://example.org/organization.json',
			suppression: false
		});
		expect(card.card.credentials).toBe(1);
		expect(card.card.stubs).toBe(1);
		expect(card.unresolvedAwards).toBe(1);
		expect(card.card.fixes[0]).toMatchObject({
			credentialId: 'https://example.org/robotics-badge.json',
			stub: true
		});

		// The BadgeClass arrives: the stub becomes the badge's record.
		const second = await importFiles(db, [
			ob20('assets/robotics-badge.json'),
			ob20('assets/organization.json')
		]);
		expect(second.reports.every((r) => r.status === 'succeeded')).toBe(true);
		const [resolved] = await db.query<{ title: string; unparsed: string[] | null }>(
			sql`select title, unparsed from credentials where id = 'https://example.org/robotics-badge.json'`
		);
		expect(resolved).toEqual({ title: 'Awesome Robotics Badge', unparsed: null });
	});
});
