// ESLint: JavaScript's and typescript-eslint's recommended rules, and eslint-plugin-svelte's for the
// components. Formatting is Prettier's (`npm run format:check`), so no style rule is turned on here.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'drizzle/',
			'data/',
			'node_modules/',
			'test-results/',
			'playwright-report/',
			'tests/fixtures/',
			'tests/unit/lint/fixtures/',
			'.data*/',
			'.e2e-data/',
			'.scratch/',
			'src/lib/paraglide/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{ languageOptions: { globals: { ...globals.browser, ...globals.node } } },
	{
		rules: {
			// A leading underscore names what a destructuring or a signature must hold but the code
			// does not read (`const { secret: _, ...rest } = row`).
			'@typescript-eslint/no-unused-vars': [
				'error',
				{
					argsIgnorePattern: '^_',
					varsIgnorePattern: '^_',
					caughtErrorsIgnorePattern: '^_',
					ignoreRestSiblings: true
				}
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: {
			parserOptions: {
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		rules: {
			// The app is served at the root, never under a base path: resolve() would change no link.
			'svelte/no-navigation-without-resolve': 'off',
			// The Sets, Maps and URLSearchParams it flags are temporaries built and read inside one
			// function or $derived, never state that changes after.
			'svelte/prefer-svelte-reactivity': 'off'
		}
	},
	{
		// Components draw what the server sent: not even a type comes from $lib/server (the layer
		// rules in .dependency-cruiser.cjs cannot see a .svelte file's type imports once compiled).
		files: ['src/**/*.svelte', 'src/lib/components/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['$lib/server', '$lib/server/**', '**/lib/server/**', '../**/server/**'],
							message: 'Components never import $lib/server: take the type from src/lib/domain.'
						}
					]
				}
			]
		}
	},
	{
		// A function a reader can hold in mind: application code and its scripts split longer work into named
		// steps. Tests are left out (a describe block is a list of cases, not a step).
		files: ['src/**/*.ts', 'src/**/*.svelte', 'scripts/**/*.ts'],
		ignores: ['**/*.test.ts'],
		rules: {
			'max-lines-per-function': [
				'error',
				{ max: 80, skipBlankLines: false, skipComments: false, IIFEs: true }
			]
		}
	},
	{
		// Thin routes: a load or an endpoint parses, asks the query layer once and responds.
		files: ['src/routes/**/*.ts'],
		ignores: ['**/*.test.ts'],
		rules: { 'max-lines': ['error', { max: 40, skipBlankLines: false, skipComments: false }] }
	},
	{
		// CommonJS configuration files (dependency-cruiser reads only those).
		files: ['**/*.cjs'],
		languageOptions: { sourceType: 'commonjs' },
		rules: { '@typescript-eslint/no-require-imports': 'off' }
	},
	{
		// The disclosure solvers and the role matrix write tight updates as comma sequences.
		files: ['tests/**'],
		rules: { '@typescript-eslint/no-unused-expressions': 'off' }
	}
);
