// The questions of the credentialism watch and the data-quality cards, one schema each, read by
// the HTTP edge (parseQuery) and by the CLI (cliParams) alike, so `/watch?asOf=…` and
// `stackwise watch --as-of …` cannot disagree.
import { z } from 'zod';
import { isIsoDate } from '../../domain/dates.ts';
import { DATA_ORIGINS } from '../queries/scope.ts';
import { optionalText } from './params.ts';
import { WATCH_TABLES } from '../../domain/watch/index.ts';

export const watchParams = z.object({
	format: z.enum(['json', 'csv']).default('json'),
	asOf: z.string().refine(isIsoDate, 'must be a date like 2014-12-31').optional(),
	data: z.enum(DATA_ORIGINS).default('real'),
	/** Which table a CSV export holds. */
	table: z.enum(WATCH_TABLES).default('firsts')
});

export const qualityParams = z.object({
	format: z.enum(['json', 'csv']).default('json'),
	provider: optionalText
});
