// The policy what-if through the database, on each engine: the training.gov.au catalogue with
// the generated demo learners (as seeded at first start), a scenario from data/scenarios run by `stackwise whatif --json` and by
// POST /api/whatif (the route module itself, on this engine's database), which must agree; a
// scenario naming what does not exist is refused by both, naming it; only policymakers and
// admins may ask.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../src/lib/server/db/client.ts';
import { decide } from '../../src/lib/server/auth/policy.ts';
import { demoLearnersJob } from '../../src/lib/server/import/generated.ts';
import { bundledDataPath, collectFiles, importFiles } from '../../src/lib/server/import/index.ts';
import { runImportJob } from '../../src/lib/server/import/loader.ts';
import { getCatalogue } from '../../src/lib/server/queries/catalogue.ts';
import { getStacking } from '../../src/lib/server/queries/stacking.ts';
import { projectRoot } from '../../src/lib/server/config.ts';
import { engines } from './engines.ts';
import { runCli } from './in-process-cli.ts';

// The route opens the app's one database from the environment; here it is this engine's.
let current: Db;
vi.mock('$lib/server/db/index.ts', () => ({ getDb: async () => current }));
const { POST } = await import('../../src/routes/api/whatif/+server.ts');

const scenarioFile = (name: string) => join(projectRoot(), 'data', 'scenarios', name);
const AS_OF = '2026-06-30';

const cli = (...args: string[]) => runCli(current, ['whatif', ...args]);

async function api(body: unknown, role: 'policymaker' | 'admin' = 'policymaker') {
	const request = new Request('http://localhost/api/whatif', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body)
	});
	const user = { id: 1, email: `${role}@x`, role, providerId: null, learnerId: null };
	try {
		const response = await POST({ request, locals: { user } } as never);
		return { status: response.status, body: await response.json() };
	} catch (e) {
		const err = e as { status?: number; body?: { message: string } };
		if (err.status) return { status: err.status, body: err.body };
		throw e;
	}
}

describe.each(engines)('policy what-if on $name', (engine) => {
	beforeAll(async () => {
		current = await engine.open();
		await importFiles(current, collectFiles([bundledDataPath('tga')]));
		const report = await runImportJob(current, demoLearnersJob(await getCatalogue(current)));
		expect(report.status).toBe('succeeded');
		// The CLI under the app's disclosure policy (its own default is exact counts).
		vi.stubEnv('STACKWISE_DISCLOSURE', 'both');
	}, 600_000);
	afterAll(async () => {
		vi.unstubAllEnvs();
		await current?.close();
	});

	for (const name of ['construction-core-five-of-eight.json', 'recognise-risk-management.json'])
		it(`${name}: the CLI and the API give the same answer, with a visible effect`, async () => {
			const { readFileSync } = await import('node:fs');
			const scenario = JSON.parse(readFileSync(scenarioFile(name), 'utf8'));
			const viaCli = await cli('--scenario', scenarioFile(name), '--as-of', AS_OF, '--json');
			expect(viaCli.err).toBe('');
			expect(viaCli.code).toBe(0);
			const fromCli = JSON.parse(viaCli.out);
			const fromApi = await api({ scenario, asOf: AS_OF, data: 'generated' });
			expect(fromApi.status).toBe(200);
			expect(fromApi.body).toEqual(fromCli);
			expect(Object.keys(fromCli)).toEqual(
				expect.arrayContaining(['scenario', 'asOf', 'qualifications', 'overall', 'warnings'])
			);
			expect(fromCli).toMatchObject({ asOf: AS_OF, data: 'generated', warnings: [] });
			const moved = fromCli.qualifications.filter(
				(q: { difference: number | null }) => (q.difference ?? 0) > 0
			);
			expect(moved.length).toBeGreaterThan(0);
			for (const q of fromCli.qualifications)
				expect(Object.keys(q)).toEqual(
					expect.arrayContaining([
						'id',
						'completedNow',
						'completedScenario',
						'difference',
						'medianDaysNow',
						'medianDaysScenario',
						'byGroup'
					])
				);
		});

	it('with no change, today’s completions are the stacking figures', async () => {
		const scenario = { version: 1, changes: [{ type: 'requirement', group: 'CPC10120/core', n: 8 }] };
		const { body } = await api({ scenario, asOf: AS_OF, data: 'generated' }, 'admin');
		const [stacking] = await getStacking(current, {
			qualification: 'CPC10120',
			scope: { kind: 'system' },
			asOf: AS_OF,
			data: 'generated',
			suppression: false,
			source: 'base'
		});
		const [q] = body.qualifications;
		// 'all' of 8 and 8 of 8 are the same rule.
		expect(q).toMatchObject({
			id: 'CPC10120',
			learners: stacking.holders,
			completedNow: stacking.achieved,
			completedScenario: stacking.achieved,
			difference: 0
		});
	});

	it('refuses a scenario naming what does not exist, naming it, in the CLI and the API', async () => {
		const scenario = {
			version: 1,
			changes: [{ type: 'recognise', credential: 'NO-SUCH-UNIT', as: 'RIIENV201E', providers: ['nobody'] }]
		};
		const { status, body } = await api({ scenario, asOf: AS_OF });
		expect(status).toBe(400);
		expect(body.message).toBe('whatif/scenario: unknown credential: NO-SUCH-UNIT; unknown provider: nobody');
		const { writeFileSync, mkdtempSync } = await import('node:fs');
		const file = join(mkdtempSync(join((await import('node:os')).tmpdir(), 'whatif-')), 's.json');
		writeFileSync(file, JSON.stringify(scenario));
		const viaCli = await cli('--scenario', file, '--json');
		expect(viaCli.code).toBe(2);
		expect(viaCli.err).toContain('unknown credential: NO-SUCH-UNIT; unknown provider: nobody');
		expect((await api({ scenario: { version: 1, changes: [{ type: 'nope' }] } })).status).toBe(400);
	});

	it('answers policymakers and admins only', async () => {
		const lookup = { learnerIdOf: async () => null, providerHasLearner: async () => false };
		const as = (role: 'admin' | 'policymaker' | 'provider' | 'learner') =>
			decide({
				routeId: '/api/whatif',
				params: {},
				user: { id: 1, email: 'x', role, providerId: 'p', learnerId: 'l' },
				lookup
			});
		expect(await as('policymaker')).toEqual({ allow: true });
		expect(await as('admin')).toEqual({ allow: true });
		expect(await as('provider')).toEqual({ allow: false, status: 403 });
		expect(await as('learner')).toEqual({ allow: false, status: 403 });
		expect(await decide({ routeId: '/api/whatif', params: {}, user: null, lookup })).toEqual({
			allow: false,
			status: 401
		});
	});
});
