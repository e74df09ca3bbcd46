// A policy what-if scenario: a small, versioned JSON document listing changes to the catalogue's
// rules. One schema, read by the CLI (`stackwise whatif --scenario FILE`), the API
// (POST /api/whatif) and the page (the scenario in its URL), so the three cannot disagree.
//
// Changes:
//   recognise       credential `credential` counts as (satisfies) `as`; with `providers`, only
//                   awards of it issued by those providers do;
//   requirement     a requirement group's `n` or `minCredits` changes, members are added/removed;
//   prerequisite    `credential` requires `requires` before it ('add') or no longer does ('remove');
//   creditTransfer  units of provider `fromProvider` count toward the qualifications of provider
//                   `toProvider`, up to `maxCredits` credits per learner and qualification.
import { z } from 'zod';

const id = z.string().trim().min(1, 'must not be empty');

export const recogniseChange = z.object({
	type: z.literal('recognise'),
	credential: id,
	as: id,
	providers: z.array(id).min(1).optional()
});

export const requirementChange = z
	.object({
		type: z.literal('requirement'),
		group: id,
		n: z.number().int().min(0).optional(),
		minCredits: z.number().min(0).optional(),
		add: z.array(id).optional(),
		remove: z.array(id).optional()
	})
	.refine((c) => c.n !== undefined || c.minCredits !== undefined || c.add?.length || c.remove?.length, {
		message: 'a requirement change sets n or minCredits, or adds or removes members'
	});

export const prerequisiteChange = z.object({
	type: z.literal('prerequisite'),
	action: z.enum(['add', 'remove']),
	credential: id,
	requires: id
});

export const creditTransferChange = z.object({
	type: z.literal('creditTransfer'),
	fromProvider: id,
	toProvider: id,
	maxCredits: z.number().positive()
});

export const scenarioChange = z.discriminatedUnion('type', [
	recogniseChange,
	requirementChange,
	prerequisiteChange,
	creditTransferChange
]);

export const SCENARIO_VERSION = 1;

export const scenarioSchema = z.object({
	version: z.literal(SCENARIO_VERSION),
	title: z.string().max(200).optional(),
	changes: z.array(scenarioChange).max(50)
});

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioChange = z.infer<typeof scenarioChange>;

/** A scenario that does not fit the schema or names something the catalogue does not hold. */
export class ScenarioError extends Error {
	constructor(message: string) {
		super(`whatif/scenario: ${message}`);
		this.name = 'ScenarioError';
	}
}

/** The scenario a JSON value describes, or a ScenarioError saying where it does not fit. */
export function parseScenario(value: unknown): Scenario {
	const result = scenarioSchema.safeParse(value);
	if (!result.success) {
		const issue = result.error.issues[0];
		const where = issue.path.length ? issue.path.join('.') : 'scenario';
		throw new ScenarioError(`${where}: ${issue.message}`);
	}
	return result.data;
}
