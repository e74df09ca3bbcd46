import { GROUP_DIMENSIONS } from '../../domain/types.ts';

// The data endpoint behind a panel, with the page's filters: what its Arrow download fetches.
export function apiHref(
	path: string,
	pageSearch: URLSearchParams,
	overrides: Record<string, string>
): string {
	const params = new URLSearchParams();
	for (const [key, value] of pageSearch) if (value !== '' && key !== 'by2') params.set(key, value);
	for (const [key, value] of Object.entries(overrides)) params.set(key, value);
	return `${path}?${params}`;
}

/**
 * Every flow a Sankey is drawn from (pages carry only the largest): the data endpoint's CSV with
 * the start cohorts counted together, each learner once — the same rows as the page's table.
 * A dimension without a group is everyone, as on the page.
 */
export function flowsCsvHref(question: {
	data: string;
	kind: string;
	from?: string;
	to?: string;
	by?: string;
	group?: string;
	provider?: string;
	credential?: string;
}): string {
	const { by, group, ...rest } = question;
	const params = new URLSearchParams({ format: 'csv', cohorts: 'combined' });
	for (const [key, value] of Object.entries({ ...rest, ...(by && group ? { by, group } : {}) }))
		if (value) params.set(key, value);
	return `/api/flows?${params}`;
}

/**
 * Drill-through: the same dashboard, with the same filters, narrowed to one credential or cohort
 * (its own completion, time to credential, equity and flows). Empty parameters are dropped, as the
 * filter form drops them.
 */
export function drillHref(
	pageSearch: URLSearchParams,
	value: string | null,
	filter: 'credential' | 'cohort' = 'credential'
): string | null {
	if (!value) return null;
	const params = new URLSearchParams();
	for (const [key, current] of pageSearch) if (current !== '') params.set(key, current);
	params.set(filter, value);
	return `?${params}`;
}

/**
 * Drill-through from a group (a row of the equity table): the flows its learners take, on the
 * Flows page — the dashboard that narrows to one group. Flows count one origin at a time, so real
 * and generated learners together have none.
 */
export function groupFlowsHref(question: {
	data: string;
	dimension: string;
	group: string | null;
	provider?: string;
}): string | null {
	if (question.group === null || (question.data !== 'real' && question.data !== 'generated')) return null;
	if (!(GROUP_DIMENSIONS as readonly string[]).includes(question.dimension)) return null;
	const params = new URLSearchParams({ data: question.data, by: question.dimension, group: question.group });
	if (question.provider) params.set('provider', question.provider);
	return `/flows?${params}`;
}
