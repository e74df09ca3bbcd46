// The what-if question, one schema read by POST /api/whatif (the JSON body), by /policy/what-if
// (the URL: ?scenario=<JSON>&asOf=…&data=…) and by `stackwise whatif` (the scenario file and the
// flags), so the three cannot disagree.
import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { ScenarioError, scenarioSchema } from '../../domain/whatif/index.ts';
import { isIsoDate } from '../../domain/dates.ts';
import { DATA_ORIGINS } from '../queries/scope.ts';
import { optionalText, parseOr400, refusing400 } from './params.ts';

const common = {
	/** Default: today. */
	asOf: z.string().refine(isIsoDate, 'must be a date like 2014-12-31').optional(),
	/** The bundled real data (OULAD) stacks into nothing, so the what-if defaults to generated learners. */
	data: z.enum(DATA_ORIGINS).default('generated')
};

/** The API's body: the scenario document and the options. */
export const whatifRequest = z.object({ scenario: scenarioSchema, ...common });
export type WhatIfRequest = z.infer<typeof whatifRequest>;

/** The options alone, as the CLI's flags and the page's URL give them (the scenario comes apart). */
export const whatifParams = z.object(common);

/**
 * The page's URL: the scenario as JSON text in ?scenario= (absent: none yet), the qualification
 * the form edits in ?q=; ?apply= marks a submitted form, answered by a redirect to the URL of
 * the scenario it describes.
 */
export const whatifPageParams = z.object({
	scenario: z.string().max(20_000).optional(),
	q: optionalText,
	apply: z.string().optional(),
	...common
});

/** The request body as a what-if question, or 400 saying where it does not fit. */
export async function parseWhatIfBody(request: Request): Promise<WhatIfRequest> {
	let body: unknown;
	try {
		body = await request.json();
	} catch {
		error(400, 'body: must be JSON ({ "scenario": { "version": 1, "changes": [...] }, "asOf"?, "data"? })');
	}
	return parseOr400(whatifRequest, body, 'body');
}

/** The answer, or 400 when the scenario names something the catalogue does not hold. */
export const refusingUnknownNames = <T>(answer: Promise<T>) => refusing400(answer, ScenarioError);
