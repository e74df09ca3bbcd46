import { describe, expect, it } from 'vitest';
import { UsageError, command, subcommands, type CommandContext } from './args.ts';

const context = {} as CommandContext;
const echo = command({
	words: 1,
	options: { json: { type: 'boolean', default: false }, k: { type: 'string' } },
	positionals: true,
	run: async ({ values, positionals, words }) => {
		expect({ values: { ...values }, positionals, words }).toEqual({
			values: { json: true, k: '3' },
			positionals: ['a.json'],
			words: ['plan']
		});
		return 7;
	}
});

describe('command', () => {
	it('reads the leading words, then the flags and positionals, and answers with the run', async () => {
		expect(await echo(['plan', 'a.json', '--json', '--k', '3'], context)).toBe(7);
	});

	it('leaves an unknown flag to parseArgs, whose error main reports as a usage error', async () => {
		await expect(echo(['plan', '--bad'], context)).rejects.toMatchObject({
			code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
		});
	});

	it('refuses a stray word naming the command when it takes none', async () => {
		const watch = command({ options: {}, positionals: { none: 'watch' }, run: async () => 0 });
		await expect(watch(['x'], context)).rejects.toThrow(new UsageError('watch takes no argument ("x")'));
		const plain = command({ options: {}, run: async () => 0 });
		await expect(plain(['x'], context)).rejects.toMatchObject({
			code: 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL'
		});
	});
});

describe('subcommands', () => {
	const keys = subcommands({ create: async (argv) => argv.length }, 'keys: the only subcommand is "create"');

	it('runs the action named with the words after it', async () => {
		expect(await keys(['create', 'a', 'b'], context)).toBe(2);
	});

	it('refuses a missing or unknown action, or one inherited from Object, with its usage', async () => {
		for (const argv of [[], ['delete'], ['toString']])
			await expect(keys(argv, context)).rejects.toThrow(
				new UsageError('keys: the only subcommand is "create"')
			);
	});
});
