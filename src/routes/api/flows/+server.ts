import { metricEndpoint } from '$lib/server/http/metric-endpoint.ts';
import { flowsQuestion } from '$lib/server/http/metric-questions.ts';

// Observed flows, small ones withheld (the Sankey’s data): `stackwise metrics flows --json`.
export const GET = metricEndpoint(flowsQuestion);
