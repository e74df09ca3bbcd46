import { metricEndpoint } from '$lib/server/http/metric-endpoint.ts';
import { timeToCredentialQuestion } from '$lib/server/http/metric-questions.ts';

// Time to credential: `stackwise metrics time-to-credential --json`, one object or one per group with ?by=.
export const GET = metricEndpoint(timeToCredentialQuestion);
