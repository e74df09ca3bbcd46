// The static checks CI runs before the tests bite: each layer rule of .dependency-cruiser.cjs
// reports a small file that breaks it (tests/fixtures/layers); ESLint reports an unused variable,
// a component's type import from the server, a function over 80 lines and a route module over 40;
// Prettier refuses an unformatted file; knip reports an unused export. Each check is run with the
// repository's own configuration, so a rule weakened there fails here.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type IConfiguration, type IReporterOutput } from 'dependency-cruiser';
import { ESLint } from 'eslint';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const config = createRequire(import.meta.url)(join(root, '.dependency-cruiser.cjs')) as IConfiguration;

type Violation = { rule: string; from: string; to: string };

async function violationsIn(baseDir: string): Promise<Violation[]> {
	// The repository's rules and options, less what only the real tree needs: its $lib alias file
	// and the exclusion of tests/fixtures (which this test cruises on purpose).
	const { webpackConfig: _aliases, exclude: _exclude, ...options } = config.options ?? {};
	const result: IReporterOutput = await cruise(['src'], {
		...options,
		baseDir,
		validate: true,
		ruleSet: { forbidden: config.forbidden },
		outputType: 'json'
	});
	const output = typeof result.output === 'string' ? JSON.parse(result.output) : result.output;
	return output.summary.violations
		.map((v: { rule: { name: string }; from: string; to: string }) => ({
			rule: v.rule.name,
			from: v.from,
			// A package is named, not its file inside node_modules.
			to: v.to.replace(/^.*node_modules\/([^/]+)\/.*$/, '$1')
		}))
		.sort((a: Violation, b: Violation) => (`${a.rule} ${a.from}` < `${b.rule} ${b.from}` ? -1 : 1));
}

describe('the layer rules (.dependency-cruiser.cjs)', () => {
	it('report every crossing in the fixture tree, and nothing in its clean files', async () => {
		const violations = await violationsIn(join(root, 'tests/fixtures/layers'));
		expect(violations).toEqual([
			{
				rule: 'area-through-index',
				from: 'src/lib/server/import/loader.ts',
				to: 'src/lib/server/import/ctdl/map.ts'
			},
			{
				rule: 'area-through-index',
				from: 'src/lib/view/interval.ts',
				to: 'src/lib/domain/intervals/wilson.ts'
			},
			{
				rule: 'area-through-index-between-areas',
				from: 'src/lib/domain/equity/gap.ts',
				to: 'src/lib/domain/intervals/wilson.ts'
			},
			{
				rule: 'auth-not-queries',
				from: 'src/lib/server/auth/roles.ts',
				to: 'src/lib/server/queries/rows.ts'
			},
			{
				rule: 'components-no-server',
				from: 'src/lib/components/Rows.svelte',
				to: 'src/lib/server/queries/rows.ts'
			},
			{
				rule: 'components-no-server',
				from: 'src/lib/components/asks-the-server.ts',
				to: 'src/lib/server/queries/rows.ts'
			},
			{ rule: 'domain-no-io', from: 'src/lib/domain/reads-files.ts', to: 'fs' },
			{
				rule: 'domain-only-domain',
				from: 'src/lib/domain/asks-the-server.ts',
				to: 'src/lib/server/queries/rows.ts'
			},
			// survival/curve.ts → equity/index.ts → equity/by-group.ts → survival/index.ts → curve.ts
			{
				rule: 'no-cycle-through-area-index',
				from: 'src/lib/domain/equity/by-group.ts',
				to: 'src/lib/domain/survival/index.ts'
			},
			{
				rule: 'no-reach-into-import-validation',
				from: 'src/lib/server/http/parse.ts',
				to: 'src/lib/server/import/validate.ts'
			},
			{ rule: 'no-test-builders-in-production', from: 'src/lib/domain/random.ts', to: 'fast-check' },
			{
				rule: 'server-no-components',
				from: 'src/lib/server/queries/draws.ts',
				to: 'src/lib/components/chart.ts'
			},
			{
				rule: 'server-no-components',
				from: 'src/routes/page/+page.server.ts',
				to: 'src/lib/components/chart.ts'
			},
			{ rule: 'view-no-io', from: 'src/lib/view/shape.ts', to: 'src/lib/components/chart.ts' }
		]);
	});

	it('find no crossing in the source tree', async () => {
		expect(await violationsIn(root).then((v) => v.filter((x) => x.from.startsWith('src/')))).toEqual([]);
	});
});

describe('ESLint (eslint.config.js)', () => {
	const eslint = new ESLint({ cwd: root });
	const rulesHit = async (code: string, filePath: string) =>
		(await eslint.lintText(code, { filePath: join(root, filePath) }))[0].messages.map((m) => m.ruleId);

	it('reports an unused variable, and passes the same code without it', async () => {
		expect(
			await rulesHit('const unused = 1;\nexport const used = 2;\n', 'src/lib/domain/example.ts')
		).toEqual(['@typescript-eslint/no-unused-vars']);
		expect(await rulesHit('export const used = 2;\n', 'src/lib/domain/example.ts')).toEqual([]);
	});

	it("reports a component's type import from $lib/server, which the layer rules cannot see", async () => {
		const component = (from: string) =>
			`<script lang="ts">\n\timport type { Db } from '${from}';\n\tlet { db }: { db: Db } = $props();\n</script>\n\n<p>{String(db)}</p>\n`;
		expect(await rulesHit(component('$lib/server/db/index.ts'), 'src/lib/components/Example.svelte')).toEqual(
			['no-restricted-imports']
		);
		expect(await rulesHit(component('$lib/domain/types.ts'), 'src/lib/components/Example.svelte')).toEqual(
			[]
		);
	});

	it('holds a function to 80 lines in src and scripts, and a route module to 40', async () => {
		const functionOf = (lines: number) =>
			`export function long(): number {\n\tlet n = 0;\n${'\tn += 1;\n'.repeat(lines - 4)}\treturn n;\n}\n`;
		for (const file of ['src/lib/domain/example.ts', 'scripts/example.ts']) {
			expect(await rulesHit(functionOf(81), file)).toEqual(['max-lines-per-function']);
			expect(await rulesHit(functionOf(80), file)).toEqual([]);
		}
		// A test's describe block is a list of cases, not a step: not held to it.
		expect(await rulesHit(functionOf(81), 'src/lib/domain/example.test.ts')).toEqual([]);
		const routeOf = (lines: number) => `export const load = () => ({\n${'\ta: 1,\n'.repeat(lines - 2)}});\n`;
		expect(await rulesHit(routeOf(41), 'src/routes/example/+page.server.ts')).toContain('max-lines');
		expect(await rulesHit(routeOf(40), 'src/routes/example/+page.server.ts')).toEqual([]);
	});
});

describe('Prettier (.prettierrc)', () => {
	it('refuses an unformatted file and accepts it formatted', async () => {
		const filepath = join(root, 'src/lib/domain/example.ts');
		const options = { ...(await prettier.resolveConfig(filepath)), filepath };
		const messy = 'export const  pair = {a:1,b:2}\n';
		expect(await prettier.check(messy, options)).toBe(false);
		expect(await prettier.check(await prettier.format(messy, options), options)).toBe(true);
	});
});

describe('knip (knip.jsonc)', () => {
	type KnipReport = { issues: { file: string; exports: { name: string }[]; files: unknown[] }[] };

	/** knip's own CLI over a tiny project of the given files, under the repository's knip.jsonc. */
	async function knipOn(files: Record<string, string>): Promise<KnipReport> {
		const dir = mkdtempSync(join(tmpdir(), 'knip-rule-'));
		try {
			cpSync(join(root, 'knip.jsonc'), join(dir, 'knip.jsonc'));
			writeFileSync(
				join(dir, 'package.json'),
				'{ "name": "knip-rule", "private": true, "type": "module" }\n'
			);
			for (const [path, text] of Object.entries(files)) {
				mkdirSync(dirname(join(dir, path)), { recursive: true });
				writeFileSync(join(dir, path), text);
			}
			// knip exits 1 when it finds something: the report is what is checked.
			const stdout = await new Promise<string>((resolve) =>
				execFile(
					process.execPath,
					[join(root, 'node_modules/knip/bin/knip.js'), '--reporter', 'json', '--no-progress'],
					{ cwd: dir },
					(_error, out) => resolve(out)
				)
			);
			return JSON.parse(stdout) as KnipReport;
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	}

	const sum =
		'export const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);\nexport const spare = 0;\n';
	// An area's index.ts is an entry: what it re-exports is kept even before another area uses it.
	const area = {
		'src/lib/domain/counts/tally.ts': 'export const tally = (xs: unknown[]) => xs.length;\n',
		'src/lib/domain/counts/index.ts': "export { tally } from './tally.ts';\n"
	};

	it('reports an unused export, and nothing once it is used', { timeout: 20_000 }, async () => {
		const unused = await knipOn({
			...area,
			'src/lib/domain/sum.ts': sum,
			'scripts/main.ts': "import { total } from '../src/lib/domain/sum.ts';\nconsole.log(total([1]));\n"
		});
		expect(unused.issues.map((i) => ({ file: i.file, exports: i.exports.map((e) => e.name) }))).toEqual([
			{ file: 'src/lib/domain/sum.ts', exports: ['spare'] }
		]);
		const used = await knipOn({
			...area,
			'src/lib/domain/sum.ts': sum,
			'scripts/main.ts':
				"import { spare, total } from '../src/lib/domain/sum.ts';\nconsole.log(total([spare]));\n"
		});
		expect(used.issues).toEqual([]);
	});
});
