// The one way to define a CLI command, so every command reads its flags and reports bad input
// the same way: parseArgs refuses an unknown flag or a stray word, and main prints any refusal
// (a UsageError or parseArgs' own) with the usage and exit status 2.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Db } from '../db/client.ts';
import { isIsoDate } from '../../domain/dates.ts';

export class UsageError extends Error {}

export type CommandContext = {
	/** Opens the database from the environment; closed by main when the command ends. */
	openDb(): Promise<Db>;
	stdout: NodeJS.WriteStream;
	stderr: NodeJS.WriteStream;
};

export type Command = (argv: string[], context: CommandContext) => Promise<number>;

type Options = NonNullable<ParseArgsConfig['options']>;
type Values<O extends Options> = ReturnType<
	typeof parseArgs<{ args: string[]; options: O; allowPositionals: true }>
>['values'];

type CommandSpec<O extends Options> = {
	options: O;
	/** Words the command reads before its flags (`pathway plan …`, `learner consent ID …`); absent ones are undefined. */
	words?: number;
	/**
	 * Words among the flags. `true`: the command's own (files, an id). `{ none: 'watch' }`: none, and
	 * a stray one is refused as "watch takes no argument". Absent: parseArgs refuses it in its own words.
	 */
	positionals?: true | { none: string };
	run(
		args: { values: Values<O>; positionals: string[]; words: Array<string | undefined> },
		context: CommandContext
	): Promise<number>;
};

export function command<const O extends Options>(spec: CommandSpec<O>): Command {
	return async (argv, context) => {
		const count = spec.words ?? 0;
		const words = Array.from({ length: count }, (_, i) => argv[i]);
		const { values, positionals } = parseArgs({
			args: argv.slice(count),
			options: spec.options,
			allowPositionals: spec.positionals !== undefined
		});
		if (typeof spec.positionals === 'object' && positionals.length > 0)
			throw new UsageError(`${spec.positionals.none} takes no argument ("${positionals[0]}")`);
		return spec.run({ values: values as Values<O>, positionals, words }, context);
	};
}

/** `stackwise NAME ACTION …`: the command each action names, or a usage error saying which there are. */
export function subcommands(actions: Record<string, Command>, usage: string): Command {
	return async ([action, ...rest], context) => {
		if (action === undefined || !Object.hasOwn(actions, action)) throw new UsageError(usage);
		return actions[action](rest, context);
	};
}

export function asOfOption(value: string | undefined): string | undefined {
	if (value === undefined) return undefined;
	if (!isIsoDate(value)) throw new UsageError(`--as-of must be a date like 2014-12-31, not "${value}"`);
	return value;
}
