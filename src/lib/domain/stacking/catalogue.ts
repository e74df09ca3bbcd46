// The stacking catalogue and its lookups: which groups a target has, which groups nest in which,
// what each credential requires first, and what it is recognised as.
import type { Credential, Prerequisite, Recognition, RequirementGroup } from '../types.ts';

export type Catalogue = {
	credentials: Credential[];
	groups: RequirementGroup[];
	prerequisites: Prerequisite[];
	recognitions: Recognition[];
};

export type CatalogueIndex = {
	catalogue: Catalogue;
	credentials: Map<string, Credential>;
	/** Top-level groups per target, by position. */
	topGroups: Map<string, RequirementGroup[]>;
	children: Map<string, RequirementGroup[]>;
	/** credential → ids it requires before starting. */
	requires: Map<string, string[]>;
	/** credential → ids it is recognised as. */
	recognisedAs: Map<string, string[]>;
	/** Credentials that are the target of at least one group: the ones that can be "completed". */
	targets: string[];
	/** Derived per-target figures (e.g. credentials needed from scratch), filled lazily. */
	memo: Map<string, unknown>;
};

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
	const list = map.get(key);
	if (list) list.push(value);
	else map.set(key, [value]);
}

/** Builds the lookups once; every stacking function accepts either a catalogue or its index. */
export function indexCatalogue(catalogue: Catalogue): CatalogueIndex {
	const credentials = new Map(catalogue.credentials.map((c) => [c.id, c]));
	const topGroups = new Map<string, RequirementGroup[]>();
	const children = new Map<string, RequirementGroup[]>();
	for (const g of [...catalogue.groups].sort((a, b) => a.position - b.position)) {
		if (g.parentGroupId) push(children, g.parentGroupId, g);
		else push(topGroups, g.targetCredentialId, g);
	}
	const requires = new Map<string, string[]>();
	for (const p of catalogue.prerequisites) push(requires, p.credentialId, p.requiredId);
	const recognisedAs = new Map<string, string[]>();
	for (const r of catalogue.recognitions) push(recognisedAs, r.credentialId, r.recognisedAsId);
	return {
		catalogue,
		credentials,
		topGroups,
		children,
		requires,
		recognisedAs,
		targets: [...topGroups.keys()].sort(),
		memo: new Map()
	};
}

export function asIndex(c: Catalogue | CatalogueIndex): CatalogueIndex {
	return 'topGroups' in c ? c : indexCatalogue(c);
}
