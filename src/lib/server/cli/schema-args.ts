// The CLI's face of a question schema (http/*-params.ts): `--as-of` becomes `asOf`, the schema
// checks it exactly as the HTTP edge does, and a misfit is a usage error naming the flag.
import type { z } from 'zod';
import { UsageError } from './args.ts';

const flagOf = (field: string) => '--' + field.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
const fieldOf = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

export function cliParams<T extends z.ZodTypeAny>(
	schema: T,
	values: Record<string, string | boolean | undefined>
): z.infer<T> {
	const input = Object.fromEntries(
		Object.entries(values)
			.filter(([, v]) => typeof v === 'string')
			.map(([k, v]) => [fieldOf(k), v])
	);
	const result = schema.safeParse(input);
	if (!result.success) {
		const issue = result.error.issues[0];
		throw new UsageError(`${flagOf(String(issue.path[0] ?? ''))}: ${issue.message}`);
	}
	return result.data;
}
