import { metricEndpoint } from '$lib/server/http/metric-endpoint.ts';
import { issuanceQuestion } from '$lib/server/http/metric-questions.ts';

// Awards per quarter of issue: `stackwise metrics issuance --json`, the rows behind the issuance chart.
export const GET = metricEndpoint(issuanceQuestion);
