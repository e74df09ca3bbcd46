// A metric's endpoint: parse the query with the question's schema, answer it for the caller's
// access, respond as JSON, CSV or Arrow.
import type { RequestHandler } from '@sveltejs/kit';
import { accessFor } from '../auth/access.ts';
import { getDb } from '../db/index.ts';
import type { MetricQuestion } from './metric-questions.ts';
import { parseQuery, refusingUnknownReference } from './params.ts';
import { tabularResponse, type TabularFormat } from './tabular.ts';

export function metricEndpoint<P extends { format: TabularFormat }, A, Row>(
	question: MetricQuestion<P, A, Row>
): RequestHandler {
	return async ({ url, locals }) => {
		const p = parseQuery(url, question.params);
		const answer = await refusingUnknownReference(question.answer(await getDb(), accessFor(locals), p));
		return tabularResponse({
			format: p.format,
			body: question.body(answer, p),
			rows: question.rows(answer),
			columns: question.columns,
			name: question.name,
			headers: question.headers?.(url, answer, p)
		});
	};
}
