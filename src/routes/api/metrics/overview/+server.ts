import { metricEndpoint } from '$lib/server/http/metric-endpoint.ts';
import { overviewQuestion } from '$lib/server/http/metric-questions.ts';

// The dashboards’ headline counts: `stackwise metrics overview --json`, what the tiles show.
export const GET = metricEndpoint(overviewQuestion);
