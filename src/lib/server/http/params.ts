// Query parameters of the data endpoints and dashboards, validated at the edge with one schema
// library (zod). Names follow the CLI's flags: ?credential=FFF&by=gender,disability&asOf=2014-12-31.
import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { UnknownReferenceGroup } from '../../domain/equity/index.ts';
import { isIsoDate } from '../../domain/dates.ts';
import { BREAKDOWNS, DATA_ORIGINS, isBreakdown, type Breakdown } from '../queries/scope.ts';
import { ISSUANCE_BREAKDOWNS } from '../queries/issuance.ts';
import { PROVIDER_LEARNER_SORTS } from '../queries/provider-learners.ts';
import { GROUP_DIMENSIONS } from '../../domain/types.ts';

const isoDate = z.string().refine(isIsoDate, 'must be a date like 2014-12-31');
/**
 * A free-text filter. Control characters are refused: no id or group name holds one, and a NUL
 * cannot even reach PostgreSQL (it answered 500).
 */
export const optionalText = z
	.string()
	.trim()
	.min(1)
	.max(200)
	// eslint-disable-next-line no-control-regex -- control characters are what it refuses
	.refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'must not hold control characters')
	.optional();

export const metricParams = z.object({
	format: z.enum(['json', 'csv', 'arrow']).default('json'),
	/** Which learners: real (default), generated, or all — as the CLI's --data. */
	data: z.enum(DATA_ORIGINS).default('real'),
	credential: optionalText,

	cohort: optionalText,
	provider: optionalText,
	level: optionalText,
	mode: optionalText,
	qaApproach: optionalText,
	asOf: isoDate.optional(),
	by: z
		.string()
		.optional()
		.transform((v, ctx) => {
			const parts = v
				? v
						.split(',')
						.map((s) => s.trim())
						.filter(Boolean)
				: [];
			if (parts.length > 2) ctx.addIssue({ code: 'custom', message: 'at most two dimensions' });
			for (const p of parts)
				if (!isBreakdown(p))
					ctx.addIssue({ code: 'custom', message: `"${p}" is not one of ${BREAKDOWNS.join(', ')}` });
			return parts as Breakdown[];
		}),
	reference: optionalText,
	at: z
		.string()
		.optional()
		.transform((v, ctx) => {
			if (!v) return undefined;
			const days = v.split(',').map((s) => Number(s.trim()));
			if (days.some((d) => !Number.isInteger(d) || d < 0 || d > 100_000))
				ctx.addIssue({ code: 'custom', message: 'whole days ≥ 0, like 60,120,240' });
			return days;
		}),
	verifiedOnly: z
		.enum(['true', 'false', '1', '0'])
		.optional()
		.transform((v) => v === 'true' || v === '1')
});

export type MetricParams = z.infer<typeof metricParams>;

/**
 * A page of a long answer: `limit` rows from `offset` on (no limit: every row). The response then
 * says how many there are (X-Total-Count) and links to the next page (Link: rel="next").
 */
export const pageParams = z.object({
	limit: z.coerce.number().int().min(1).max(100_000).optional(),
	offset: z.coerce.number().int().min(0).default(0)
});

/** The headers of a page of `total` rows that holds `count` from `offset` on. */
export function pageHeaders(
	url: URL,
	{ offset, count, total }: { offset: number; count: number; total: number }
) {
	const headers: Record<string, string> = { 'x-total-count': String(total) };
	if (offset + count < total && count > 0) {
		const next = new URL(url);
		next.searchParams.set('offset', String(offset + count));
		headers.link = `<${next.pathname}${next.search}>; rel="next"`;
	}
	return headers;
}

/** `input` parsed with `schema`, or 400 naming the first field that does not fit (`whole`: the input itself). */
export function parseOr400<T extends z.ZodTypeAny>(schema: T, input: unknown, whole: string): z.infer<T> {
	const result = schema.safeParse(input);
	if (!result.success) {
		const issue = result.error.issues[0];
		error(400, `${issue.path.join('.') || whole}: ${issue.message}`);
	}
	return result.data;
}

/** Parses the URL's query with `schema`, answering 400 with the field and reason when it does not fit. */
export function parseQuery<T extends z.ZodTypeAny>(url: URL, schema: T): z.infer<T> {
	// An empty (or blank) field of a GET form means "not set", as if it were absent.
	const query = Object.fromEntries([...url.searchParams].filter(([, v]) => v.trim() !== ''));
	return parseOr400(schema, query, 'query');
}

/**
 * The answer, or 400 when it fails with a `Refused` error: a fault of the request that only
 * answering finds (a reference group the data lacks, a name the catalogue does not hold).
 */
export async function refusing400<T>(
	answer: Promise<T>,
	Refused: new (...args: never[]) => Error,
	field?: string
): Promise<T> {
	try {
		return await answer;
	} catch (e) {
		if (e instanceof Refused) error(400, field ? `${field}: ${e.message}` : e.message);
		throw e;
	}
}

/**
 * The answer of a query given a `reference` group, or 400 when the data has no such group:
 * whether it exists is known only once the groups are counted.
 */
export const refusingUnknownReference = <T>(answer: Promise<T>) =>
	refusing400(answer, UnknownReferenceGroup, 'reference');

export const filtersOf = (p: MetricParams) => ({
	credentialId: p.credential,
	cohort: p.cohort,
	providerId: p.provider,
	level: p.level,
	mode: p.mode,
	qaApproach: p.qaApproach
});

/** The dashboards' filters: the metric parameters plus the issuance chart's breakdown. */
export const dashboardParams = metricParams.extend({
	issuance: z.enum(ISSUANCE_BREAKDOWNS).default('level'),
	/** A form's second dimension select (`by` then holds the first). */
	by2: z.union([z.enum(BREAKDOWNS), z.literal('')]).optional()
});
export type DashboardParams = z.infer<typeof dashboardParams>;

/** A provider's page: the dashboard's filters, and its list of learners' order and page. */
export const providerPageParams = dashboardParams.extend({
	learners: z.enum(PROVIDER_LEARNER_SORTS).default('latest'),
	learnersPage: z.coerce.number().int().min(1).max(1_000_000).default(1)
});

/** The dashboard options a page's URL asks for; the equity panel defaults to gender. */
export const dashboardOptionsOf = (p: DashboardParams) => ({
	asOf: p.asOf,
	data: p.data,
	filters: filtersOf(p),
	by: [
		...(p.by.length ? p.by : (['gender'] as Breakdown[])),
		...(p.by2 && !p.by.includes(p.by2) ? [p.by2] : [])
	].slice(0, 2),

	reference: p.reference,
	issuanceBy: p.issuance,
	verifiedOnly: p.verifiedOnly
});

/** /flows: one origin per figure (real and generated learners are never counted together). */
export const flowsPageParams = z.object({
	data: z.enum(['real', 'generated']).default('real'),
	kind: z.enum(['next', 'toward']).default('next'),
	from: optionalText,
	to: optionalText,
	by: z.enum(GROUP_DIMENSIONS).optional(),
	group: optionalText,
	provider: optionalText
});
