// The CLI's face of a question schema (http/*-params.ts): `--as-of` becomes `asOf`, the schema
// checks it exactly as the HTTP edge does, and a misfit is a usage error naming the flag.
import type { z } from 'zod';
import { UsageError } from './args.ts';

const flagOf = (field: string) => '--' + field.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
const fieldOf = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** Fields that are switches on the command line (`--verified-only`), `?verifiedOnly=true` on the web. */
const SWITCHES = new Set(['verifiedOnly']);
/** Fields the CLI says its own way: the response format is --json. */
const WEB_ONLY = new Set(['format']);

type ParseArgsOption = { type: 'string' } | { type: 'boolean'; default: false };

/** parseArgs' options for every field of an object schema: a string flag each, switches boolean. */
export function cliOptionsOf(schema: z.ZodType): Record<string, ParseArgsOption> {
	const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape ?? {};
	return Object.fromEntries(
		Object.keys(shape)
			.filter((field) => !WEB_ONLY.has(field))
			.map((field): [string, ParseArgsOption] => [
				flagOf(field).slice(2),
				SWITCHES.has(field) ? { type: 'boolean', default: false } : { type: 'string' }
			])
	);
}

export function cliParams<T extends z.ZodTypeAny>(
	schema: T,
	values: Record<string, string | boolean | undefined>
): z.infer<T> {
	const input = Object.fromEntries(
		Object.entries(values)
			.filter(([k, v]) => typeof v === 'string' || (v === true && SWITCHES.has(fieldOf(k))))
			.map(([k, v]) => [fieldOf(k), String(v)])
	);
	const result = schema.safeParse(input);
	if (!result.success) {
		const issue = result.error.issues[0];
		throw new UsageError(`${flagOf(String(issue.path[0] ?? ''))}: ${issue.message}`);
	}
	return result.data;
}
