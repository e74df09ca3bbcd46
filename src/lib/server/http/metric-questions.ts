// The metrics, one question each: the schema of its parameters, the query that answers it, the
// JSON body and the flat rows of CSV and Arrow. `/api/metrics/<name>` (metricEndpoint) and
// `stackwise metrics <name>` (cli/metrics.ts) both run it, so the two cannot disagree.
import { z } from 'zod';
import type { Access } from '../auth/roles.ts';
import type { Db } from '../db/client.ts';
import type { FlowRow, IssuanceRow, StackingRow } from '../../domain/dashboard-rows.ts';
import type { CompletionEquityRow } from '../../domain/equity/index.ts';
import type { TimeToCredentialPoint } from '../../domain/survival/index.ts';
import type { GroupDimension } from '../../domain/types.ts';
import { getCompletion } from '../queries/completion.ts';
import { getConformance, type CredentialConformance } from '../queries/conformance.ts';
import { getFlowsPage } from '../queries/flows.ts';
import { getIssuance } from '../queries/issuance.ts';
import { getPublishedOverview, type PublishedOverview } from '../queries/overview.ts';
import { isDimension } from '../queries/scope.ts';
import { getStacking } from '../queries/stacking.ts';
import { getTimeToCredential } from '../queries/time-to-credential.ts';
import {
	dashboardParams,
	filtersOf,
	metricParams,
	optionalText,
	pageHeaders,
	pageParams,
	type MetricParams
} from './params.ts';
import type { TabularColumn } from './tabular.ts';
import type { ArrowColumnType } from '../arrow.ts';

export type MetricQuestion<P, A, Row> = {
	/** The endpoint's last path segment, the CLI's metric and the download's file name. */
	name: string;
	params: z.ZodType<P, unknown>;
	answer(db: Db, access: Access, p: P): Promise<A>;
	/** What JSON callers get, the CLI's --json alike. */
	body(answer: A, p: P): unknown;
	/** The flat rows of CSV and Arrow. */
	rows(answer: A): Row[];
	columns: TabularColumn<Row>[];
	/** More response headers (a page's total and next link). */
	headers?(url: URL, answer: A, p: P): Record<string, string>;
};

const question = <P, A, Row>(q: MetricQuestion<P, A, Row>) => q;

/** Columns that are the row's own fields under their own names, `{ field: type, … }` in column order. */
function fieldColumns<Row>(types: { [K in keyof Row & string]?: ArrowColumnType }): TabularColumn<Row>[] {
	return Object.entries(types).map(([key, type]) => ({
		key,
		type: type as ArrowColumnType,
		value: (r: Row) => r[key as keyof Row]
	}));
}

/** What a metric is asked for: the cut-off, the data view and the filters. */
const askedFor = (p: MetricParams) => ({ asOf: p.asOf, data: p.data, filters: filtersOf(p) });

/** What a query that takes the caller's whole access is asked, before its own parameters. */
const askedBy = (access: Access, p: MetricParams) => ({ ...access, ...askedFor(p) });

/** Likewise for a published figure (issuance, overview): of the access, only the scope and the suppression. */
const askedWithin = ({ scope, suppression }: Access, p: MetricParams) => ({
	scope,
	suppression,
	...askedFor(p)
});

export const completionQuestion = question({
	name: 'completion',
	params: metricParams,
	answer: (db, access, p) => getCompletion(db, { ...askedBy(access, p), by: p.by, reference: p.reference }),
	body: (result) => result.rows,
	rows: (result) => result.rows,
	columns: fieldColumns<CompletionEquityRow>({
		group: 'text',
		completed: 'integer',
		known: 'integer',
		inProgress: 'integer',
		rate: 'real',
		low: 'real',
		high: 'real',
		gap: 'real',
		ratio: 'real',
		ratioLow: 'real',
		ratioHigh: 'real',
		fourFifths: 'boolean',
		suppressed: 'text'
	})
});

type PointRow = TimeToCredentialPoint & { group: string | null };

// One object without ?by= (the group's name and an empty withholding left out), one per group with it.
export const timeToCredentialQuestion = question({
	name: 'time-to-credential',
	params: metricParams,
	answer: (db, access, p) => getTimeToCredential(db, { ...askedBy(access, p), by: p.by, at: p.at }),
	body: (result, p) => {
		if (p.by.length) return result.groups;
		const { group: _group, suppressed, ...rest } = result.groups[0];
		return suppressed ? { ...rest, suppressed } : rest;
	},
	rows: (result) => result.groups.flatMap((g) => g.points.map((pt): PointRow => ({ group: g.group, ...pt }))),
	columns: fieldColumns<PointRow>({
		group: 'text',
		day: 'integer',
		completed: 'real',
		withdrawn: 'real',
		failed: 'real',
		completedLow: 'real',
		completedHigh: 'real'
	})
});

// The stacking rate follows the cut-off and the data only; `qualification` (the CLI's flag) and
// `credential` (the API's) name the same thing.
export const stackingQuestion = question({
	name: 'stacking',
	params: metricParams.extend({ qualification: optionalText }).refine((p) => p.by.every(isDimension), {
		path: ['by'],
		message: 'stacking is broken down by learner groups only'
	}),
	answer: (db, access, p) =>
		getStacking(db, {
			...access,
			asOf: p.asOf,
			data: p.data,
			qualification: p.qualification ?? p.credential,
			by: p.by as GroupDimension[],
			reference: p.reference
		}),
	body: (rows) => rows,
	rows: (rows) => rows,
	columns: fieldColumns<StackingRow>({
		qualification: 'text',
		group: 'text',
		holders: 'integer',
		achieved: 'integer',
		rate: 'real',
		low: 'real',
		high: 'real',
		ratio: 'real',
		fourFifths: 'boolean',
		suppressed: 'text'
	})
});

const DEFINITIONS = ['eu', 'australia', 'unesco'] as const;

// The whole report as JSON; CSV and Arrow list the credentials.
export const conformanceQuestion = question({
	name: 'conformance',
	params: metricParams,
	answer: (db, access, p) => getConformance(db, { ...askedBy(access, p), verifiedOnly: p.verifiedOnly }),
	body: (report) => report,
	rows: (report) => report.credentials,
	columns: [
		...fieldColumns<CredentialConformance>({
			id: 'text',
			title: 'text',
			providerId: 'text',
			awards: 'integer',
			suppressed: 'text'
		}),
		...DEFINITIONS.flatMap((d) => [
			{ key: `${d}Meets`, type: 'boolean' as const, value: (r: CredentialConformance) => r[d].meets },
			{
				key: `${d}Missing`,
				type: 'text' as const,
				value: (r: CredentialConformance) => r[d].missing.join('|')
			}
		])
	]
});

// Awards per quarter of issue, whole system or by `issuance` (level, provider kind, mode, QA
// approach): the rows behind the dashboards' issuance chart.
export const issuanceQuestion = question({
	name: 'issuance',
	params: dashboardParams,
	answer: (db, access, p) =>
		getIssuance(db, { ...askedWithin(access, p), by: p.issuance, verifiedOnly: p.verifiedOnly }),
	body: (rows) => rows,
	rows: (rows) => rows,
	columns: fieldColumns<IssuanceRow>({ period: 'text', group: 'text', awards: 'integer', suppressed: 'text' })
});

// The dashboards' headline counts (learners, enrolments, awards …): the tiles of the dashboards.
export const overviewQuestion = question({
	name: 'overview',
	params: metricParams,
	answer: (db, access, p) =>
		getPublishedOverview(db, { ...askedWithin(access, p), verifiedOnly: p.verifiedOnly }),
	body: (overview) => overview,
	rows: (overview) => [overview],
	columns: [
		...fieldColumns<PublishedOverview>({
			learners: 'integer',
			enrolments: 'integer',
			awards: 'integer',
			providers: 'integer',
			credentials: 'integer'
		}),
		{ key: 'includes_generated', type: 'boolean', value: (r) => r.includesGenerated },
		...fieldColumns<PublishedOverview>({ withheld: 'text' })
	]
});

// Observed flows (credential → next credential, credential → qualification achieved), small
// flows withheld: the data of the Sankey, by start cohort; `kind` asks for one kind only.
// `from`–`to` keep the flows from those start cohorts (inclusive); `cohorts=combined` counts them
// together, each learner once — the rows of /flows for the same filters; `group` keeps one group
// of `by`. `limit` and `offset` ask for a page of them, in the same order (largest first, the
// withheld after them by name): a national system has hundreds of thousands by start cohort.
export const flowsQuestion = question({
	name: 'flows',
	params: metricParams
		.extend({
			...pageParams.shape,
			kind: z.enum(['next', 'toward']).optional(),
			cohorts: z.enum(['each', 'combined']).default('each'),
			from: optionalText,
			to: optionalText,
			group: optionalText
		})
		.refine((p) => p.by.length <= 1 && p.by.every(isDimension), {
			path: ['by'],
			message: 'one learner group dimension at most'
		})
		.refine((p) => !p.group || p.by.length > 0, {
			path: ['group'],
			message: 'needs by (the dimension the group is of)'
		}),
	answer: (db, access, p) =>
		getFlowsPage(db, {
			...askedBy(access, p),
			dimension: p.by[0] as GroupDimension | undefined,
			group: p.group,
			kind: p.kind,
			byCohort: p.cohorts === 'each',
			startCohorts: { from: p.from, to: p.to },
			page: p.limit !== undefined || p.offset > 0 ? { limit: p.limit ?? null, offset: p.offset } : undefined
		}),
	body: ({ rows }) => rows,
	rows: ({ rows }) => rows,
	headers: (url, { rows, total }, p) => pageHeaders(url, { offset: p.offset, count: rows.length, total }),
	columns: fieldColumns<FlowRow>({
		kind: 'text',
		from: 'text',
		to: 'text',
		cohort: 'text',
		group: 'text',
		count: 'integer',
		suppressed: 'text'
	})
});
