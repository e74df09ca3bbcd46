// A generated stacking catalogue of any size, for benchmarks and scale tests (never shown as real).
// Shape, loosely after training packages: qualifications at AQF-like levels 1–6, each with a core
// ('all', 4–10 units), two or three elective groups ('n_of' over pools of 15–60 units drawn from
// its own area and a shared pool, so units count toward several qualifications), and from level 4
// up a nested alternative (n_of 1 over two 'all' groups) or a lower qualification as a member
// (stacking). Units carry workload hours and credits; some have prerequisites (always on a unit
// generated earlier, so there are no cycles); some units of one area are recognised as another's.
import { randomLcg } from 'd3-random';
import { makeCredential, makeGroup, type Catalogue } from '../stacking/index.ts';
import type { Credential, Prerequisite, Recognition, RequirementGroup } from '../types.ts';

/** Random draws from one seeded source; the order of calls fixes the catalogue. */
type Draw = { random: () => number; int: (lo: number, hi: number) => number };

function drawUnits(draw: Draw, count: number, areas: number): Credential[] {
	const units: Credential[] = [];
	for (let i = 0; i < count; i++)
		units.push(
			makeCredential({
				id: `gen-U${String(i).padStart(5, '0')}`,
				title: `Generated unit ${i}`,
				providerId: `gen-provider-${i % areas}`,
				workloadHours: 10 * draw.int(1, 12),
				credits: draw.int(1, 4) * 5
			})
		);
	return units;
}

/** Prerequisites always on a unit generated earlier, so there are no cycles. */
function drawPrerequisites({ random, int }: Draw, units: Credential[]): Prerequisite[] {
	const prerequisites: Prerequisite[] = [];
	for (let i = 1; i < units.length; i++)
		if (random() < 0.08)
			prerequisites.push({
				credentialId: units[i].id,
				requiredId: units[int(Math.max(0, i - 200), i - 1)].id
			});
	return prerequisites;
}

function drawRecognitions({ random, int }: Draw, units: Credential[]): Recognition[] {
	const recognitions: Recognition[] = [];
	for (let i = 0; i < units.length; i++)
		if (random() < 0.02)
			recognitions.push({ credentialId: units[i].id, recognisedAsId: units[int(0, units.length - 1)].id });
	return recognitions;
}

/** Up to k ids from the pool not yet taken by the qualification (marked as taken). */
function sample({ int }: Draw, pool: Credential[], k: number, taken: Set<string>): string[] {
	const out: string[] = [];
	for (let tries = 0; out.length < k && tries < k * 20; tries++) {
		const c = pool[int(0, pool.length - 1)];
		if (!taken.has(c.id)) {
			taken.add(c.id);
			out.push(c.id);
		}
	}
	return out;
}

/** Qualification q's groups: core, electives, then a nested alternative or a stacked lower qualification. */
function drawGroups(
	draw: Draw,
	{ q, id, level }: { q: number; id: string; level: number },
	area: Credential[],
	units: Credential[],
	qualifications: Credential[]
): RequirementGroup[] {
	const { random, int } = draw;
	const groups: RequirementGroup[] = [];
	const taken = new Set<string>();
	let position = 0;
	const add = (
		g: Omit<
			RequirementGroup,
			'position' | 'targetCredentialId' | 'parentGroupId' | 'n' | 'minCredits' | 'label'
		> &
			Partial<RequirementGroup>
	) => groups.push(makeGroup({ targetCredentialId: id, position: position++, label: g.id, ...g }));
	add({ id: `${id}/core`, rule: 'all', members: sample(draw, area, int(4, 10), taken) });
	const electiveGroups = int(2, 3);
	for (let e = 0; e < electiveGroups; e++) {
		const members = [...sample(draw, area, int(10, 40), taken), ...sample(draw, units, int(5, 20), taken)];
		add({ id: `${id}/el${e}`, rule: 'n_of', n: Math.max(1, Math.min(members.length, int(2, 6))), members });
	}
	if (level >= 4 && random() < 0.5) {
		add({ id: `${id}/alt`, rule: 'n_of', n: 1, members: [] });
		add({
			id: `${id}/alt/a`,
			parentGroupId: `${id}/alt`,
			rule: 'all',
			members: sample(draw, area, 3, taken)
		});
		add({
			id: `${id}/alt/b`,
			parentGroupId: `${id}/alt`,
			rule: 'all',
			members: sample(draw, area, 3, taken)
		});
	} else if (level >= 4 && q >= 6) {
		// Stacking: a lower qualification (generated earlier, so no cycle) counts toward this one.
		add({
			id: `${id}/stack`,
			rule: 'n_of',
			n: 1,
			members: [qualifications[q - 3].id, qualifications[q - 6].id]
		});
	}
	return groups;
}

export function generateCatalogue({
	seed,
	credentials: size,
	areas = 20
}: {
	seed: number;
	credentials: number;
	areas?: number;
}): Catalogue {
	const random = randomLcg(seed);
	const draw: Draw = { random, int: (lo, hi) => lo + Math.floor(random() * (hi - lo + 1)) };
	const qualificationCount = Math.max(1, Math.round(size / 20));
	const units = drawUnits(draw, size - qualificationCount, areas);
	const byArea = Array.from({ length: areas }, (_, a) => units.filter((_, i) => i % areas === a));
	const prerequisites = drawPrerequisites(draw, units);
	const recognitions = drawRecognitions(draw, units);

	const qualifications: Credential[] = [];
	const groups: RequirementGroup[] = [];
	for (let q = 0; q < qualificationCount; q++) {
		const level = 1 + (q % 6);
		const id = `gen-Q${String(q).padStart(4, '0')}`;
		qualifications.push(
			makeCredential({
				id,
				title: `Generated qualification ${q}`,
				kind: 'macro',
				levelFramework: 'AQF',
				level: String(level),
				providerId: `gen-provider-${q % areas}`,
				workloadHours: 400 + 100 * level
			})
		);
		groups.push(...drawGroups(draw, { q, id, level }, byArea[q % areas], units, qualifications));
	}
	return { credentials: [...units, ...qualifications], groups, prerequisites, recognitions };
}
