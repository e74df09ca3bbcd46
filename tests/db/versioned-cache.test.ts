// Dashboard results are reused only while the data they count is unchanged: a consent change, an
// import or retention moves the data version and the next request counts afresh.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db/client.ts';
import { bundledDataPath, collectFiles, importFiles } from '../../src/lib/server/import/index.ts';
import { setAnalyticsConsent } from '../../src/lib/server/privacy.ts';
import { cachedForDataVersion } from '../../src/lib/server/queries/versioned-cache.ts';
import { getCompletionCounts } from '../../src/lib/server/queries/completion.ts';
import { SYSTEM } from '../../src/lib/server/queries/scope.ts';
import { dataVersion } from '../../src/lib/server/rollups.ts';
import { engines } from './engines.ts';

describe.each(engines)('versioned cache on $name', (engine) => {
	let db: Db;
	beforeAll(async () => {
		db = await engine.open();
		const { reports } = await importFiles(db, collectFiles([bundledDataPath('oulad')]));
		expect(reports[0].status).toBe('succeeded');
	}, 180_000);
	afterAll(async () => {
		await db?.close();
	});

	it('counts once per data version, and again after a consent change', async () => {
		let counted = 0;
		const completion = () =>
			cachedForDataVersion(db, `completion-${engine.name}`, async () => {
				counted++;
				return getCompletionCounts(db, { scope: SYSTEM });
			});
		const first = await completion();
		expect(await completion()).toBe(first);
		expect(counted).toBe(1);

		const before = await dataVersion(db.orm);
		expect(await setAnalyticsConsent(db, 'oulad-11391', false, null)).toBe(true);
		expect(await dataVersion(db.orm)).not.toBe(before);
		const after = await completion();
		expect(counted).toBe(2);
		// The opted-out learner's enrolments are no longer counted.
		expect(after[0].known + after[0].inProgress).toBeLessThan(first[0].known + first[0].inProgress);
	});

	it('moves the version with every import, even one that changes nothing', async () => {
		const before = await dataVersion(db.orm);
		await importFiles(db, collectFiles([bundledDataPath('oulad')]));
		expect(await dataVersion(db.orm)).not.toBe(before);
	}, 180_000);
});
