import { metricEndpoint } from '$lib/server/http/metric-endpoint.ts';
import { stackingQuestion } from '$lib/server/http/metric-questions.ts';

// Stacking rate per qualification (and group): `stackwise metrics stacking --json`.
export const GET = metricEndpoint(stackingQuestion);
