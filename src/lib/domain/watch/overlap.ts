// Overlap between credentials of different providers: pairs whose skills (credential_skills) or
// units (the credentials their requirement groups name) overlap strongly, or whose titles are
// near duplicates, and the clusters those pairs join (connected components). A cluster is the
// credentialism risk the watch shows: several providers issuing what looks like one credential.
import { jaccard, trigrams } from './similarity.ts';

export type OverlapItem = {
	id: string;
	providerId: string | null;
	title: string;
	/** Skill URIs the credential states. */
	skills: readonly string[];
	/** The credentials its requirement groups name (a qualification's units). */
	units: readonly string[];
};

export type OverlapBasis = 'skills' | 'units' | 'title';

/** Jaccard at or above which two credentials overlap; title: pg_trgm similarity. */
export const OVERLAP_THRESHOLDS: Record<OverlapBasis, number> = { skills: 0.8, units: 0.8, title: 0.9 };

export type OverlapPair = {
	a: string;
	b: string;
	/** Jaccard on skills (null when either states none), on units (likewise), and title similarity. */
	skills: number | null;
	units: number | null;
	title: number;
	basis: OverlapBasis[];
};

export type OverlapCluster = { members: string[]; providers: string[]; basis: OverlapBasis[] };

/**
 * Pairs of credentials from different providers (a credential with no provider is nobody's, so
 * it is compared with everyone) overlapping on at least one basis. Sorted by ids.
 */
export function overlapPairs(
	items: readonly OverlapItem[],
	thresholds: Record<OverlapBasis, number> = OVERLAP_THRESHOLDS
): OverlapPair[] {
	for (const [basis, t] of Object.entries(thresholds))
		if (!(t > 0 && t <= 1)) throw new Error(`overlapPairs: the ${basis} threshold ${t} is not in (0, 1]`);
	const prepared = [...items]
		.sort((x, y) => x.id.localeCompare(y.id))
		.map((item) => ({
			item,
			skills: new Set(item.skills),
			units: new Set(item.units),
			grams: trigrams(item.title)
		}));
	const pairs: OverlapPair[] = [];
	const seen = new Set<string>();
	const consider = (i: number, j: number) => {
		const key = i < j ? `${i},${j}` : `${j},${i}`;
		if (seen.has(key)) return;
		seen.add(key);
		const [x, y] = i < j ? [prepared[i], prepared[j]] : [prepared[j], prepared[i]];
		if (x.item.providerId !== null && x.item.providerId === y.item.providerId) return;
		const skills = x.skills.size && y.skills.size ? jaccard(x.skills, y.skills) : null;
		const units = x.units.size && y.units.size ? jaccard(x.units, y.units) : null;
		const title = jaccard(x.grams, y.grams);
		const basis: OverlapBasis[] = [];
		if (skills !== null && skills >= thresholds.skills) basis.push('skills');
		if (units !== null && units >= thresholds.units) basis.push('units');
		if (title >= thresholds.title) basis.push('title');
		if (basis.length > 0) pairs.push({ a: x.item.id, b: y.item.id, skills, units, title, basis });
	};
	// Candidates: pairs sharing a skill or a unit, and pairs whose trigram counts allow the title
	// threshold (|A ∩ B| / |A ∪ B| ≥ t needs min(|A|, |B|) ≥ t · max(|A|, |B|)).
	for (const of of [(p: (typeof prepared)[number]) => p.skills, (p: (typeof prepared)[number]) => p.units]) {
		const index = new Map<string, number[]>();
		prepared.forEach((p, i) => {
			for (const x of of(p)) index.set(x, [...(index.get(x) ?? []), i]);
		});
		for (const list of index.values())
			for (let i = 0; i < list.length; i += 1)
				for (let j = i + 1; j < list.length; j += 1) consider(list[i], list[j]);
	}
	const bySize = prepared.map((p, i) => ({ i, n: p.grams.size })).sort((x, y) => x.n - y.n);
	for (let s = 0; s < bySize.length; s += 1)
		for (let t = s + 1; t < bySize.length && bySize[s].n >= thresholds.title * bySize[t].n; t += 1)
			consider(bySize[s].i, bySize[t].i);
	return pairs.sort((p, q) => p.a.localeCompare(q.a) || p.b.localeCompare(q.b));
}

/** The clusters the pairs join, largest first (ties: by first member). */
export function overlapClusters(
	items: readonly OverlapItem[],
	pairs: readonly OverlapPair[]
): OverlapCluster[] {
	const byId = new Map(items.map((i) => [i.id, i]));
	const parent = new Map<string, string>();
	const find = (x: string): string => {
		let root = x;
		while (parent.get(root) !== undefined && parent.get(root) !== root) root = parent.get(root)!;
		parent.set(x, root);
		return root;
	};
	for (const { a, b } of pairs) {
		if (!byId.has(a) || !byId.has(b))
			throw new Error(`overlapClusters: pair ${a}–${b} names an unknown credential`);
		const [ra, rb] = [find(a), find(b)];
		if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
	}
	const clusters = new Map<string, { members: Set<string>; basis: Set<OverlapBasis> }>();
	for (const { a, b, basis } of pairs) {
		const root = find(a);
		const c = clusters.get(root) ?? { members: new Set(), basis: new Set() };
		c.members.add(a).add(b);
		for (const x of basis) c.basis.add(x);
		clusters.set(root, c);
	}
	return [...clusters.values()]
		.map((c) => {
			const members = [...c.members].sort();
			const providers = [...new Set(members.map((m) => byId.get(m)!.providerId ?? 'not stated'))].sort();
			const basis = (['skills', 'units', 'title'] as const).filter((x) => c.basis.has(x));
			return { members, providers, basis };
		})
		.sort((x, y) => y.members.length - x.members.length || x.members[0].localeCompare(y.members[0]));
}
