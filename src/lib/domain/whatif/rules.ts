// A scenario applied to the catalogue: the rules under which the replay walks each learner's
// awards, and which qualifications the change can move.
//
// - requirement, unrestricted recognise, prerequisite: a changed copy of the catalogue;
// - recognise with providers: applied award by award (an award of the credential from one of the
//   providers counts as the recognised credential as well), since the catalogue's recognitions
//   know no provider;
// - prerequisite added: an award of `credential` counts only from the day every added
//   prerequisite of it is held (a rule the learner could not have met does not count the award
//   before); a prerequisite removed changes no award, only what the planner asks of those still
//   in progress;
// - creditTransfer: each unit of `fromProvider` gets a stand-in credential (same credits) that is a
//   member of the first elective group (n_of or min_credits) of every qualification of
//   `toProvider` it is not already a member of; a learner's awards of those units add their
//   stand-ins in date order while their credits stay within `maxCredits` (per learner).
// Anything the scenario names that the catalogue does not hold is refused, every name at once.
import { indexCatalogue, type CatalogueIndex, membersOf, targetLookup } from '../stacking/index.ts';
import type { Credential, Prerequisite, Recognition, RequirementGroup } from '../types.ts';
import { ScenarioError, type Scenario, type ScenarioChange } from './scenario.ts';

/** How an award's credential counts under one set of rules, beyond the catalogue's own. */
export type AwardRules = {
	/** credential → what its awards also count as, from the listed providers only. */
	recognitions: Map<string, { as: string; providers: ReadonlySet<string> }[]>;
	/** credential → prerequisites the scenario adds (its awards count once they are held). */
	gates: Map<string, string[]>;
	/** Per credit transfer: the source provider, the cap, and unit → its stand-in. */
	transfers: { fromProvider: string; maxCredits: number; standIns: Map<string, string> }[];
};

export type Rules = { index: CatalogueIndex; award: AwardRules };

export type AppliedScenario = {
	now: Rules;
	scenario: Rules;
	/** Qualifications the scenario can move (and those they stack into), sorted. */
	affected: string[];
	warnings: string[];
};

const NO_AWARD_RULES: AwardRules = { recognitions: new Map(), gates: new Map(), transfers: [] };

/** The stand-in id of a transferred unit. */
export const standInId = (fromProvider: string, toProvider: string, unit: string) =>
	`transfer:${fromProvider}>${toProvider}:${unit}`;

const isElective = (g: RequirementGroup) => g.rule === 'n_of' || g.rule === 'min_credits';

/** The scenario's catalogue and award rules as the changes build them, and what they found wrong. */
type Draft = {
	index: CatalogueIndex;
	providers: ReadonlySet<string>;
	unknown: { credential: Set<string>; group: Set<string>; provider: Set<string> };
	problems: string[];
	warnings: string[];
	groups: Map<string, RequirementGroup>;
	credentials: Credential[];
	prerequisites: Prerequisite[];
	recognitions: Recognition[];
	award: AwardRules;
	/** Credentials the changes name, from which the affected qualifications are found. */
	touched: Set<string>;
};

type Change<T extends ScenarioChange['type']> = Extract<ScenarioChange, { type: T }>;

const checkCredential = (d: Draft, id: string) => d.index.credentials.has(id) || d.unknown.credential.add(id);
const checkProvider = (d: Draft, id: string) => d.providers.has(id) || d.unknown.provider.add(id);

function recognise(d: Draft, change: Change<'recognise'>) {
	checkCredential(d, change.credential);
	checkCredential(d, change.as);
	change.providers?.forEach((p) => checkProvider(d, p));
	if (change.credential === change.as) d.problems.push(`${change.credential} cannot be recognised as itself`);
	if (change.providers) {
		const list = d.award.recognitions.get(change.credential) ?? [];
		list.push({ as: change.as, providers: new Set(change.providers) });
		d.award.recognitions.set(change.credential, list);
	} else d.recognitions.push({ credentialId: change.credential, recognisedAsId: change.as });
	d.touched.add(change.as);
}

function changeRequirement(d: Draft, change: Change<'requirement'>) {
	const group = d.groups.get(change.group);
	if (!group) {
		d.unknown.group.add(change.group);
		return;
	}
	change.add?.forEach((id) => checkCredential(d, id));
	for (const m of change.remove ?? [])
		if (!group.members.includes(m)) d.problems.push(`${m} is not a member of group ${change.group}`);
	if (change.n !== undefined && change.minCredits !== undefined)
		d.problems.push(`group ${change.group}: set n or minCredits, not both`);
	if (change.n !== undefined) Object.assign(group, { rule: 'n_of', n: change.n, minCredits: null });
	if (change.minCredits !== undefined)
		Object.assign(group, { rule: 'min_credits', minCredits: change.minCredits, n: null });
	group.members = [
		...group.members.filter((m) => !change.remove?.includes(m)),
		...(change.add ?? []).filter((m) => !group.members.includes(m))
	];
	d.touched.add(group.targetCredentialId);
}

function changePrerequisite(d: Draft, change: Change<'prerequisite'>) {
	checkCredential(d, change.credential);
	checkCredential(d, change.requires);
	const same = (p: Prerequisite) => p.credentialId === change.credential && p.requiredId === change.requires;
	if (change.action === 'add') {
		if (!d.prerequisites.some(same)) {
			d.prerequisites.push({ credentialId: change.credential, requiredId: change.requires });
			d.award.gates.set(change.credential, [
				...(d.award.gates.get(change.credential) ?? []),
				change.requires
			]);
		}
	} else if (!d.prerequisites.some(same)) {
		if (d.index.credentials.has(change.credential) && d.index.credentials.has(change.requires))
			d.problems.push(`${change.credential} does not require ${change.requires}`);
	} else d.prerequisites = d.prerequisites.filter((p) => !same(p));
	d.touched.add(change.credential);
}

function transferCredit(d: Draft, change: Change<'creditTransfer'>) {
	const { index } = d;
	checkProvider(d, change.fromProvider);
	checkProvider(d, change.toProvider);
	const standIns = new Map<string, string>();
	const qualifications = index.targets.filter(
		(t) => index.credentials.get(t)?.providerId === change.toProvider
	);
	if (d.providers.has(change.toProvider) && qualifications.length === 0)
		d.warnings.push(
			`provider ${change.toProvider} offers no qualification with stacking rules: the credit transfer changes nothing`
		);
	for (const q of qualifications) {
		const elective = (index.topGroups.get(q) ?? []).find(isElective);
		if (!elective) {
			d.warnings.push(
				`${q} has no elective group (n_of or min_credits): credit transfer cannot count toward it`
			);
			continue;
		}
		const own = membersOf({ index, target: q });
		const group = d.groups.get(elective.id)!;
		for (const unit of index.catalogue.credentials) {
			if (unit.providerId !== change.fromProvider || own.has(unit.id) || index.topGroups.has(unit.id))
				continue;
			if (!unit.credits) continue;
			const standIn = standInId(change.fromProvider, change.toProvider, unit.id);
			if (!standIns.has(unit.id)) {
				standIns.set(unit.id, standIn);
				d.credentials.push({ ...unit, id: standIn, title: `${unit.title} (credit transfer)` });
			}
			group.members.push(standIn);
		}
		d.touched.add(q);
	}
	d.award.transfers.push({ fromProvider: change.fromProvider, maxCredits: change.maxCredits, standIns });
}

/** Refuses the scenario with every unknown name and every problem at once. */
function refuseProblems(d: Draft) {
	const names = (Object.keys(d.unknown) as (keyof Draft['unknown'])[])
		.filter((k) => d.unknown[k].size > 0)
		.map((k) => `unknown ${k}${d.unknown[k].size > 1 ? 's' : ''}: ${[...d.unknown[k]].sort().join(', ')}`);
	if (names.length || d.problems.length) throw new ScenarioError([...names, ...d.problems].join('; '));
}

export function applyScenario({
	index,
	scenario,
	providers
}: {
	index: CatalogueIndex;
	scenario: Scenario;
	/** Provider ids known to the data (catalogue and awards): at least those the scenario names that exist. */
	providers: ReadonlySet<string>;
}): AppliedScenario {
	const d: Draft = {
		index,
		providers,
		unknown: { credential: new Set(), group: new Set(), provider: new Set() },
		problems: [],
		warnings: [],
		groups: new Map(index.catalogue.groups.map((g) => [g.id, { ...g, members: [...g.members] }])),
		credentials: [...index.catalogue.credentials],
		prerequisites: [...index.catalogue.prerequisites],
		recognitions: [...index.catalogue.recognitions],
		award: { recognitions: new Map(), gates: new Map(), transfers: [] },
		touched: new Set()
	};
	for (const change of scenario.changes) {
		if (change.type === 'recognise') recognise(d, change);
		else if (change.type === 'requirement') changeRequirement(d, change);
		else if (change.type === 'prerequisite') changePrerequisite(d, change);
		else transferCredit(d, change);
	}
	refuseProblems(d);

	const scenarioIndex = indexCatalogue({
		credentials: d.credentials,
		groups: [...d.groups.values()],
		prerequisites: d.prerequisites,
		recognitions: d.recognitions
	});
	const affected = affectedTargets([index, scenarioIndex], d.touched);
	// Only the qualifications that can bear on an affected one are evaluated in the replay: the
	// rest of a national catalogue cannot change whether an affected one completes.
	const keep = new Set(
		[index, scenarioIndex].flatMap((ix) =>
			affected.flatMap((t) => [...bearingOn(ix, t)].filter((id) => ix.topGroups.has(id)))
		)
	);
	const narrowed = (ix: CatalogueIndex) =>
		indexCatalogue({
			...ix.catalogue,
			groups: ix.catalogue.groups.filter((g) => keep.has(g.targetCredentialId))
		});
	return {
		now: { index: narrowed(index), award: NO_AWARD_RULES },
		scenario: { index: narrowed(scenarioIndex), award: d.award },
		affected,
		warnings: d.warnings
	};
}

/**
 * The qualifications a change to `touched` can move: a touched qualification, those naming a
 * touched credential (under either rules), and — since a completed qualification can count
 * toward a higher one — those naming an affected qualification, until nothing is added.
 */
function affectedTargets(indexes: CatalogueIndex[], touched: Set<string>): string[] {
	const out = new Set<string>();
	const queue = [...touched];
	while (queue.length) {
		const id = queue.pop()!;
		for (const index of indexes) {
			if (index.topGroups.has(id) && !out.has(id)) {
				out.add(id);
				queue.push(id);
			}
			for (const at of targetLookup(index).byMember.get(id) ?? []) {
				const t = index.targets[at];
				if (!out.has(t)) {
					out.add(t);
					queue.push(t);
				}
			}
		}
	}
	return [...out].sort();
}

/** The credentials whose holding can change what completes `target`, closed over nesting, prerequisites and recognition. */
export function bearingOn(index: CatalogueIndex, target: string): Set<string> {
	const key = `whatif-bearing:${target}`;
	let out = index.memo.get(key) as Set<string> | undefined;
	if (out) return out;
	let recognisedFrom = index.memo.get('whatif-recognised-from') as Map<string, string[]> | undefined;
	if (!recognisedFrom) {
		recognisedFrom = new Map();
		for (const r of index.catalogue.recognitions)
			recognisedFrom.set(r.recognisedAsId, [...(recognisedFrom.get(r.recognisedAsId) ?? []), r.credentialId]);
		index.memo.set('whatif-recognised-from', recognisedFrom);
	}
	out = new Set([target]);
	const queue = [target];
	const add = (id: string) => !out!.has(id) && (out!.add(id), queue.push(id));
	while (queue.length) {
		const id = queue.pop()!;
		if (index.topGroups.has(id)) membersOf({ index, target: id }).forEach(add);
		(index.requires.get(id) ?? []).forEach(add);
		(recognisedFrom.get(id) ?? []).forEach(add);
	}
	index.memo.set(key, out);
	return out;
}
