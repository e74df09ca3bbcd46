// The what-if page's form as a scenario: the page needs no JSON typing. For the chosen
// qualification, each requirement group has a number field (`n.<group id>`: how many of its
// members and options it asks; `minCredits.<group id>` for a credit rule) filled with what the
// scenario or today's rule asks; a field left at today's rule is no change. Recognitions already
// in the scenario ride along as `change` fields (their JSON), and one more comes from
// `recognise` + `as` (+ `provider`); a credit transfer from `transferFrom` + `transferTo` +
// `transferCredits` (the most credits it may count). Other changes of the scenario ride along the
// same way. The form is a GET, so every control ends up in the page's URL (as the scenario).
import type { RequirementGroup } from '../types.ts';
import { SCENARIO_VERSION, ScenarioError, type Scenario, type ScenarioChange } from './scenario.ts';

export type FormGroup = Pick<RequirementGroup, 'id' | 'rule' | 'n' | 'minCredits' | 'members'> & {
	/** Nested groups: each counts as one member of its parent. */
	children: number;
};

/** A group as the page's form edits it. */
export type WhatIfFormGroup = FormGroup & {
	label: string | null;
	/** 0 for a top-level group, 1 for a group nested in one, … */
	depth: number;
	/** What the group asks today and under the scenario (n, or credits for a credit rule). */
	today: number;
	asked: number;
};

/** The qualification the page's form edits, with its groups and members. */
export type WhatIfFormQualification = {
	id: string;
	title: string;
	groups: WhatIfFormGroup[];
	members: { id: string; title: string }[];
};

/** What a group asks today: its n (all: every member and child), or its credits. */
export const askedToday = (g: FormGroup): number =>
	g.rule === 'min_credits'
		? (g.minCredits ?? 0)
		: g.rule === 'all'
			? g.members.length + g.children
			: (g.n ?? 0);

/** The number the form shows for a group: the scenario's change, else today's rule. */
export function askedUnder(scenario: Scenario | null, g: FormGroup): number {
	for (const c of [...(scenario?.changes ?? [])].reverse())
		if (c.type === 'requirement' && c.group === g.id) {
			if (g.rule === 'min_credits' && c.minCredits !== undefined) return c.minCredits;
			if (c.n !== undefined) return c.n;
		}
	return askedToday(g);
}

export function scenarioFromForm({
	fields,
	groups,
	title
}: {
	fields: ReadonlyArray<readonly [string, string]>;
	groups: readonly FormGroup[];
	title?: string;
}): Scenario {
	const get = (name: string) => fields.find(([k]) => k === name)?.[1]?.trim() ?? '';
	const changes: ScenarioChange[] = [];
	// Changes carried over, except requirement changes of this form's groups (the fields say those).
	const own = new Set(groups.map((g) => g.id));
	for (const [k, v] of fields)
		if (k === 'change') {
			let c: ScenarioChange;
			try {
				c = JSON.parse(v) as ScenarioChange;
			} catch {
				throw new ScenarioError(`a carried change is not JSON: ${v.slice(0, 80)}`);
			}
			if (!(c.type === 'requirement' && own.has(c.group) && c.add === undefined && c.remove === undefined))
				changes.push(c);
		}
	for (const g of groups) {
		const credits = g.rule === 'min_credits';
		const raw = get(`${credits ? 'minCredits' : 'n'}.${g.id}`);
		if (raw === '') continue;
		const value = Number(raw);
		if (!Number.isFinite(value) || value < 0 || value === askedToday(g)) continue;
		changes.push(
			credits
				? { type: 'requirement', group: g.id, minCredits: value }
				: { type: 'requirement', group: g.id, n: Math.round(value) }
		);
	}
	const recognise = get('recognise');
	const as = get('as');
	const provider = get('provider');
	if (recognise && as)
		changes.push({
			type: 'recognise',
			credential: recognise,
			as,
			...(provider ? { providers: [provider] } : {})
		});
	const fromProvider = get('transferFrom');
	const toProvider = get('transferTo');
	const credits = get('transferCredits');
	if (fromProvider || toProvider) {
		const maxCredits = Number(credits);
		if (!fromProvider || !toProvider || credits === '' || !(Number.isFinite(maxCredits) && maxCredits > 0))
			throw new ScenarioError(
				'a credit transfer needs the provider whose units count, the provider whose qualifications they count toward, and the most credits they may count (a number above 0)'
			);
		changes.push({ type: 'creditTransfer', fromProvider, toProvider, maxCredits });
	}
	return { version: SCENARIO_VERSION, ...(title ? { title } : {}), changes };
}
