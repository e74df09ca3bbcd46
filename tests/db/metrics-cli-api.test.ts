// Every metric the API offers answers the same question the same way from `stackwise metrics
// <name> --json`: for each endpoint under /api/metrics (and /api/flows) and a few filters each,
// the CLI run in-process and the route's handler on the same database give deep-equal JSON,
// under the administrator's exact figures (--no-suppression) and under the disclosure policy.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../src/lib/server/db/client.ts';
import { demoLearnersJob } from '../../src/lib/server/import/generated.ts';
import { bundledDataPath, collectFiles, importFiles } from '../../src/lib/server/import/index.ts';
import { runImportJob } from '../../src/lib/server/import/loader.ts';
import { getCatalogue } from '../../src/lib/server/queries/catalogue.ts';
import { engines } from './engines.ts';
import { runCli } from './in-process-cli.ts';

// The routes open the app's one database from the environment; here it is this engine's.
let current: Db;
vi.mock('$lib/server/db/index.ts', () => ({ getDb: async () => current }));
// The app's policy is read when its access module loads: the CLI's is then the same.
vi.stubEnv('STACKWISE_DISCLOSURE', 'both');

type Handler = (event: never) => Response | Promise<Response>;
const ENDPOINTS: Record<string, Handler> = {
	completion: (await import('../../src/routes/api/metrics/completion/+server.ts')).GET,
	'time-to-credential': (await import('../../src/routes/api/metrics/time-to-credential/+server.ts')).GET,
	stacking: (await import('../../src/routes/api/metrics/stacking/+server.ts')).GET,
	conformance: (await import('../../src/routes/api/metrics/conformance/+server.ts')).GET,
	issuance: (await import('../../src/routes/api/metrics/issuance/+server.ts')).GET,
	overview: (await import('../../src/routes/api/metrics/overview/+server.ts')).GET,
	flows: (await import('../../src/routes/api/flows/+server.ts')).GET
};

const AS_OF = '2026-06-30';
/** A question as the URL's fields; the CLI's flags are the same names in kebab case. */
type Question = Record<string, string | true>;
const kebab = (field: string) => field.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());

const QUESTIONS: Record<string, Question[]> = {
	completion: [
		{},
		{ by: 'gender' },
		{ by: 'gender,age_band', asOf: AS_OF },
		{ by: 'credential', level: '3' },
		{ by: 'disability', reference: 'N' }
	],
	'time-to-credential': [{}, { by: 'gender' }, { at: '60,120,240', asOf: AS_OF }, { level: '3' }],
	stacking: [{}, { by: 'gender' }, { qualification: 'CPC10120' }, { by: 'age_band', asOf: AS_OF }],
	conformance: [{}, { verifiedOnly: true }, { asOf: AS_OF, mode: 'online' }],
	issuance: [{}, { issuance: 'mode' }, { issuance: 'provider_kind', asOf: AS_OF }, { level: '3' }],
	overview: [{}, { verifiedOnly: true }, { mode: 'online', asOf: AS_OF }],
	flows: [
		{},
		{ by: 'gender' },
		{ cohorts: 'combined', kind: 'toward' },
		{ by: 'gender', group: 'F', cohorts: 'combined' },
		{ limit: '5', offset: '2' }
	]
};

async function cli(metric: string, question: Question, exact: boolean) {
	const flags = Object.entries(question).flatMap(([k, v]) =>
		v === true ? [`--${kebab(k)}`] : [`--${kebab(k)}`, v]
	);
	const { code, out, err } = await runCli(current, [
		'metrics',
		metric,
		'--data',
		'generated',
		...flags,
		...(exact ? ['--no-suppression'] : []),
		'--json'
	]);
	expect(err).toBe('');
	expect(code).toBe(0);
	return JSON.parse(out);
}

async function api(metric: string, question: Question, role: 'admin' | 'policymaker') {
	const url = new URL(`http://localhost/api/metrics/${metric}`);
	url.searchParams.set('data', 'generated');
	for (const [k, v] of Object.entries(question)) url.searchParams.set(k, String(v));
	const user = { id: 1, email: `${role}@x`, role, providerId: null, learnerId: null };
	const response = await ENDPOINTS[metric]({ url, locals: { user } } as never);
	expect(response.status).toBe(200);
	return response.json();
}

describe.each(engines)('the CLI and the API answer each metric alike on $name', (engine) => {
	beforeAll(async () => {
		current = await engine.open();
		await importFiles(current, collectFiles([bundledDataPath('tga')]));
		const report = await runImportJob(current, demoLearnersJob(await getCatalogue(current)));
		expect(report.status).toBe('succeeded');
	}, 600_000);
	afterAll(async () => {
		await current?.close();
	});

	it('offers a test for every metric endpoint', () => {
		expect(Object.keys(QUESTIONS).sort()).toEqual(Object.keys(ENDPOINTS).sort());
	});

	for (const [metric, questions] of Object.entries(QUESTIONS))
		for (const question of questions)
			it(`${metric} ${JSON.stringify(question)}`, async () => {
				// The API names a stacking qualification `credential`, the CLI `--qualification`: both work.
				const asked =
					metric === 'stacking' && question.qualification ? { credential: question.qualification } : question;
				const exact = await cli(metric, question, true);
				expect(await api(metric, asked, 'admin')).toEqual(exact);
				expect(await api(metric, question, 'admin')).toEqual(exact);
				const published = await cli(metric, question, false);
				expect(await api(metric, asked, 'policymaker')).toEqual(published);
				// Something to compare: an empty answer would agree with anything.
				expect(JSON.stringify(exact).length).toBeGreaterThan(20);
			}, 120_000);
});
