// The layers, enforced (`npm run lint:deps`; tests/unit/lint/layers.test.ts shows each rule bite):
//   domain      pure logic: no I/O, no server, no view, no components
//   view        shaping rows into what a page draws: domain only
//   components  drawing: domain and view, never the server (a .svelte file's `import type` is
//               invisible here once compiled: eslint.config.js forbids those)
//   server      I/O (db, queries, import, auth, http, cli): never components
//   routes      parse → server call → view shaping → respond
// Test builders (fast-check, tests/) never reach production code.
// Areas: each folder directly under src/lib/domain/ (stacking, survival, watch, …) and under
// src/lib/server/import/ (ctdl, elm, openbadges, …) is one. Its index.ts is its public surface:
// a file outside the area (tests aside) imports it only through that, so its internals can move
// without touching callers; inside the area, files import each other freely. An index re-exports
// by name (not `export *`, which would hide an unused export from knip).
/** The database drivers: I/O (Node's own modules are the `core` dependency type). */
const dbDrivers = 'node_modules/(postgres|@electric-sql/pglite|drizzle-orm|drizzle-kit|pg)/';
const tests = '\\.test\\.ts$';
/** An area's files, and its public surface (see the areas above). */
const areaFile = '^src/lib/(domain|server/import)/[^/]+/';
const areaIndex = '^src/lib/(domain|server/import)/[^/]+/index[.]ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
	forbidden: [
		{
			name: 'domain-no-io',
			comment: 'src/lib/domain is pure: it reads no file, network or database.',
			severity: 'error',
			from: { path: '^src/lib/domain/', pathNot: tests },
			to: { dependencyTypes: ['core'] }
		},
		{
			name: 'domain-no-db-driver',
			comment: 'src/lib/domain is pure: the database drivers belong to src/lib/server.',
			severity: 'error',
			from: { path: '^src/lib/domain/', pathNot: tests },
			to: { path: dbDrivers }
		},
		{
			name: 'domain-only-domain',
			comment:
				'src/lib/domain imports nothing of the layers above it (its tests may read real data through the importer).',
			severity: 'error',
			from: { path: '^src/lib/domain/', pathNot: tests },
			to: { path: '^src/(lib/(server|components|view)/|routes/)' }
		},
		{
			name: 'view-no-io',
			comment: 'src/lib/view shapes rows for a page: no I/O, no server, no components.',
			severity: 'error',
			from: { path: '^src/lib/view/', pathNot: tests },
			to: {
				path: ['^src/(lib/(server|components)/|routes/)', dbDrivers],
				dependencyTypes: ['local', 'npm', 'npm-dev', 'core']
			}
		},
		{
			name: 'components-no-server',
			comment:
				'Components (src/lib/components, every .svelte file) draw: they never import $lib/server, not even a type.',
			severity: 'error',
			from: { path: ['^src/lib/components/', '\\.svelte$'] },
			to: { path: '^src/lib/server/' }
		},
		{
			name: 'server-no-components',
			comment:
				'The server (queries, import, …) and the server side of routes never import components: view shaping is in src/lib/view.',
			severity: 'error',
			from: {
				path: ['^src/lib/server/', '^src/routes/.*[+](page[.]server|layout[.]server|server)[.]ts$']
			},
			to: { path: '^src/lib/components/' }
		},
		{
			name: 'no-reach-into-import-validation',
			comment:
				"The importer's row validation is its own: the HTTP edge and the CLI parse with what src/lib/domain holds.",
			severity: 'error',
			from: { path: '^src/lib/server/(?!import/)', pathNot: tests },
			to: { path: '^src/lib/server/import/validate[.]ts$' }
		},
		{
			name: 'auth-not-queries',
			comment:
				'Access control decides who sees what; it does not depend on the query layer (scope types live in the domain).',
			severity: 'error',
			from: { path: '^src/lib/server/auth/' },
			to: { path: '^src/lib/server/queries/' }
		},
		{
			name: 'area-through-index',
			comment: "A file outside the areas imports an area only through the area's index.ts.",
			severity: 'error',
			from: { path: '^src/', pathNot: [tests, areaFile] },
			to: { path: areaFile, pathNot: areaIndex }
		},
		{
			name: 'area-through-index-between-areas',
			comment:
				"An area imports another only through the other's index.ts ($1 is the importing area: its own files are free).",
			severity: 'error',
			from: { path: '^(src/lib/(?:domain|server/import)/[^/]+/)', pathNot: tests },
			to: { path: areaFile, pathNot: ['^$1', areaIndex] }
		},
		{
			name: 'no-cycle-through-area-index',
			comment:
				"Two areas importing each other through their index files: each index loads the other's half-initialised.",
			severity: 'error',
			from: { path: '^src/', pathNot: tests },
			to: { circular: true, via: { path: areaIndex } }
		},
		{
			name: 'no-test-builders-in-production',
			comment: 'fast-check and the builders under tests/ are for tests only.',
			severity: 'error',
			from: { path: '^src/', pathNot: tests },
			to: { path: ['node_modules/fast-check/', '^tests/'] }
		},
		{
			name: 'no-circular-layers',
			comment: 'No cycle between files of different layers.',
			severity: 'error',
			from: { path: '^src/lib/(domain|view)/' },
			to: { circular: true, path: '^src/lib/(server|components)/' }
		}
	],
	options: {
		doNotFollow: { path: 'node_modules' },
		exclude: { path: ['^\\.svelte-kit/', '^build/', '^tests/fixtures/'] },
		tsPreCompilationDeps: true,
		webpackConfig: { fileName: '.dependency-cruiser-aliases.cjs' },
		enhancedResolveOptions: {
			exportsFields: ['exports'],
			conditionNames: ['import', 'require', 'node', 'default', 'types'],
			extensions: ['.ts', '.js', '.svelte', '.d.ts']
		},
		reporterOptions: {
			archi: { collapsePattern: '^src/(lib/[^/]+|routes)|^node_modules/[^/]+' },
			text: { highlightFocused: true }
		}
	}
};
