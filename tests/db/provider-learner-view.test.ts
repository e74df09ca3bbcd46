// A provider's view of a learner shows that provider's records only
// (docs/decisions/0008-providers-see-their-own-records.md): after an
// award from another provider was imported for a learner the Open University also taught, the Open
// University's account saw that award in the learner's holdings and in the suggestions' signals.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db/client.ts';
import { getLearnerPage } from '../../src/lib/server/queries/learner-page.ts';
import { getRecommendations } from '../../src/lib/server/queries/recommend.ts';
import { engines } from './engines.ts';
import { disclosurePolicy } from '../../src/lib/domain/suppression/policy.ts';

// The app's default disclosure policy, as a policymaker or learner gets it.
const POLICY = disclosurePolicy({});

describe.each(engines)("a provider's view of a learner on $name", (engine) => {
	let db: Db;
	beforeAll(async () => {
		db = await engine.open();
		await db.query(
			sql`insert into providers (id, name) values ('own-u', 'Own University'), ('other-u', 'Other University')`
		);
		await db.query(sql`insert into credentials (id, provider_id, title, kind) values
			('OWN-1', 'own-u', 'Own one', 'micro'), ('OWN-2', 'own-u', 'Own two', 'micro'),
			('OWN-3', 'own-u', 'Own three', 'micro'),
			('OTHER-1', 'other-u', 'Other one', 'micro')`);
		await db.query(sql`insert into learners (id, origin) values ('shared-learner', 'real')`);
		await db.query(sql`insert into enrolments (learner_id, id, credential_id, started_on, ended_on, status) values
			('shared-learner', 'e-own', 'OWN-1', '2024-01-01', '2024-02-01', 'completed'),
			('shared-learner', 'e-other', 'OTHER-1', '2024-03-01', '2024-04-01', 'completed')`);
		// The other provider's award, and one it issued for the own provider's credential (a
		// partner's award): neither is the own provider's record.
		await db.query(sql`insert into awards (learner_id, id, credential_id, provider_id, issued_on, verification) values
			('shared-learner', 'a-own', 'OWN-1', null, '2024-02-01', 'unsigned'),
			('shared-learner', 'a-other', 'OTHER-1', null, '2024-04-01', 'unsigned'),
			('shared-learner', 'a-partner', 'OWN-2', 'other-u', '2024-04-02', 'unsigned')`);
	});
	afterAll(async () => {
		await db?.close();
	});

	const page = (provider: string | null) =>
		getLearnerPage(db, {
			learnerId: 'shared-learner',
			seesLearnerIds: false,
			ownPage: false,
			recordsOf: provider,
			suppression: POLICY
		});

	it('shows the provider its own awards only, and how many records other providers hold', async () => {
		const own = (await page('own-u'))!;
		expect(own.awarded).toEqual(['OWN-1']);
		expect(own.holdings.map((h) => h.id)).toEqual(['OWN-1']);
		expect(own.otherRecords).toEqual({ awards: 2, enrolments: 1 });
		// Not held as far as this provider's records go: OWN-2 and OTHER-1 may be suggested, as any
		// credential of the catalogue may, but nothing shows them as the learner's.
		expect(JSON.stringify([own.awarded, own.holdings, own.progress])).not.toMatch(/OTHER-1|Other one|OWN-2/);

		const everyone = (await page(null))!;
		expect(everyone.awarded).toEqual(['OWN-1', 'OTHER-1', 'OWN-2']);
		expect(everyone.otherRecords).toBeNull();
	});

	it("builds the provider's suggestions from its own enrolments and awards only", async () => {
		const own = (await getRecommendations(db, 'shared-learner', {
			suppression: POLICY,
			recordsOf: 'own-u',
			asOf: '2025-01-01'
		}))!;
		const all = (await getRecommendations(db, 'shared-learner', {
			suppression: POLICY,
			asOf: '2025-01-01'
		}))!;
		const afterOf = (recs: typeof all.recommendations) =>
			Object.fromEntries(recs.map((r) => [r.credential, r.signals.next.after?.credential ?? null]));
		// Everyone else's view rests the next step on the learner's last enrolment, the other one's.
		expect(afterOf(all.recommendations)).toEqual({ 'OWN-3': 'OTHER-1' });
		// The provider's rests on its own, and the other provider's credential is no signal anywhere.
		expect(afterOf(own.recommendations)['OWN-3']).toBe('OWN-1');
		expect(JSON.stringify(own.recommendations.map((r) => [r.reasons, r.signals]))).not.toMatch(
			/OTHER-1|Other one/
		);
	});
});
