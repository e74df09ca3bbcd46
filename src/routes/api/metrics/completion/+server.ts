import { metricEndpoint } from '$lib/server/http/metric-endpoint.ts';
import { completionQuestion } from '$lib/server/http/metric-questions.ts';

// Completion rate per group: the rows of `stackwise metrics completion --json`.
export const GET = metricEndpoint(completionQuestion);
