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
import { indexCatalogue, type CatalogueIndex } from '../stacking/catalogue.ts';
import { membersOf, targetLookup } from '../stacking/requirements.ts';
import type { Credential, RequirementGroup } from '../types.ts';
import { ScenarioError, type Scenario } from './scenario.ts';

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
	const unknown = { credential: new Set<string>(), group: new Set<string>(), provider: new Set<string>() };
	const problems: string[] = [];
	const warnings: string[] = [];
	const credential = (id: string) => index.credentials.has(id) || unknown.credential.add(id);
	const provider = (id: string) => providers.has(id) || unknown.provider.add(id);
	const groups = new Map(index.catalogue.groups.map((g) => [g.id, { ...g, members: [...g.members] }]));
	const credentials: Credential[] = [...index.catalogue.credentials];
	let prerequisites = [...index.catalogue.prerequisites];
	const recognitions = [...index.catalogue.recognitions];
	const award: AwardRules = { recognitions: new Map(), gates: new Map(), transfers: [] };
	const touched = new Set<string>();

	for (const change of scenario.changes) {
		switch (change.type) {
			case 'recognise': {
				credential(change.credential);
				credential(change.as);
				change.providers?.forEach(provider);
				if (change.credential === change.as)
					problems.push(`${change.credential} cannot be recognised as itself`);
				if (change.providers) {
					const list = award.recognitions.get(change.credential) ?? [];
					list.push({ as: change.as, providers: new Set(change.providers) });
					award.recognitions.set(change.credential, list);
				} else recognitions.push({ credentialId: change.credential, recognisedAsId: change.as });
				touched.add(change.as);
				break;
			}
			case 'requirement': {
				const group = groups.get(change.group);
				if (!group) {
					unknown.group.add(change.group);
					break;
				}
				change.add?.forEach(credential);
				for (const m of change.remove ?? [])
					if (!group.members.includes(m)) problems.push(`${m} is not a member of group ${change.group}`);
				if (change.n !== undefined && change.minCredits !== undefined)
					problems.push(`group ${change.group}: set n or minCredits, not both`);
				if (change.n !== undefined) Object.assign(group, { rule: 'n_of', n: change.n, minCredits: null });
				if (change.minCredits !== undefined)
					Object.assign(group, { rule: 'min_credits', minCredits: change.minCredits, n: null });
				group.members = [
					...group.members.filter((m) => !change.remove?.includes(m)),
					...(change.add ?? []).filter((m) => !group.members.includes(m))
				];
				touched.add(group.targetCredentialId);
				break;
			}
			case 'prerequisite': {
				credential(change.credential);
				credential(change.requires);
				const same = (p: { credentialId: string; requiredId: string }) =>
					p.credentialId === change.credential && p.requiredId === change.requires;
				if (change.action === 'add') {
					if (!prerequisites.some(same)) {
						prerequisites.push({ credentialId: change.credential, requiredId: change.requires });
						award.gates.set(change.credential, [
							...(award.gates.get(change.credential) ?? []),
							change.requires
						]);
					}
				} else if (!prerequisites.some(same)) {
					if (index.credentials.has(change.credential) && index.credentials.has(change.requires))
						problems.push(`${change.credential} does not require ${change.requires}`);
				} else prerequisites = prerequisites.filter((p) => !same(p));
				touched.add(change.credential);
				break;
			}
			case 'creditTransfer': {
				provider(change.fromProvider);
				provider(change.toProvider);
				const standIns = new Map<string, string>();
				const qualifications = index.targets.filter(
					(t) => index.credentials.get(t)?.providerId === change.toProvider
				);
				if (providers.has(change.toProvider) && qualifications.length === 0)
					warnings.push(
						`provider ${change.toProvider} offers no qualification with stacking rules: the credit transfer changes nothing`
					);
				for (const q of qualifications) {
					const elective = (index.topGroups.get(q) ?? []).find(isElective);
					if (!elective) {
						warnings.push(
							`${q} has no elective group (n_of or min_credits): credit transfer cannot count toward it`
						);
						continue;
					}
					const own = membersOf({ index, target: q });
					const group = groups.get(elective.id)!;
					for (const unit of index.catalogue.credentials) {
						if (unit.providerId !== change.fromProvider || own.has(unit.id) || index.topGroups.has(unit.id))
							continue;
						if (!unit.credits) continue;
						const standIn = standInId(change.fromProvider, change.toProvider, unit.id);
						if (!standIns.has(unit.id)) {
							standIns.set(unit.id, standIn);
							credentials.push({ ...unit, id: standIn, title: `${unit.title} (credit transfer)` });
						}
						group.members.push(standIn);
					}
					touched.add(q);
				}
				award.transfers.push({ fromProvider: change.fromProvider, maxCredits: change.maxCredits, standIns });
				break;
			}
		}
	}
	const names = (Object.keys(unknown) as (keyof typeof unknown)[])
		.filter((k) => unknown[k].size > 0)
		.map((k) => `unknown ${k}${unknown[k].size > 1 ? 's' : ''}: ${[...unknown[k]].sort().join(', ')}`);
	if (names.length || problems.length) throw new ScenarioError([...names, ...problems].join('; '));

	const scenarioIndex = indexCatalogue({
		credentials,
		groups: [...groups.values()],
		prerequisites,
		recognitions
	});
	const affected = affectedTargets([index, scenarioIndex], touched);
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
		scenario: { index: narrowed(scenarioIndex), award },
		affected,
		warnings
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
