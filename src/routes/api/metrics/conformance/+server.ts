import { metricEndpoint } from '$lib/server/http/metric-endpoint.ts';
import { conformanceQuestion } from '$lib/server/http/metric-questions.ts';

// Definition conformance: `stackwise metrics conformance --json`; CSV/Arrow list the credentials.
export const GET = metricEndpoint(conformanceQuestion);
