// The questions a learner's page and their recommendations endpoint take from the URL:
// `?goal=&k=` (the suggestions) and, on the page, `?objective=` (how a plan is costed).
import { z } from 'zod';
import { OBJECTIVES } from '../queries/learner-page.ts';

export const suggestionParams = z.object({
	goal: z
		.string()
		.trim()
		.max(300, 'at most 300 characters')
		.optional()
		.transform((goal) => goal || null),
	k: z
		.string()
		.optional()
		.transform((k) => (k === undefined ? 5 : Number(k)))
		.refine((k) => Number.isInteger(k) && k >= 1 && k <= 20, 'a whole number from 1 to 20')
});

export const learnerPageParams = suggestionParams.extend({
	objective: z
		.string()
		.trim()
		.pipe(z.enum(OBJECTIVES as ['count', 'hours', 'time'], { message: 'count, hours or time' }))
		.optional()
		.transform((objective) => objective ?? 'count')
});
