// Pathway shapes: is a learner's trajectory vertical, horizontal or diagonal?
//
// The rules, exactly:
// 1. Take the trajectory's distinct credentials in order (recognitions applied, so a credential
//    recognised as a member counts as that member). Fewer than two → 'single'.
// 2. For every qualification (a credential with requirement groups), count the trajectory's
//    credentials that count toward it (members of any of its groups, at any depth). The focus is
//    the qualification with the most; ties go to one the trajectory already achieved, then to the
//    smallest id.
// 3. If the focus gathers at least 2 credentials and at least half of the trajectory, the learner is
//    stacking toward it: 'vertical' when those credentials all come from one area, 'diagonal' when
//    they come from two or more areas.
// 4. Otherwise 'horizontal': stand-alone credentials that no one qualification gathers.
// The area of a credential is, by default, its national training-package prefix (the three
// letters of a code like BSBWHS412) or else its provider; callers can pass their own (e.g. an
// ESCO skill group).
import type { Credential } from '../types.ts';
import { asIndex, type Catalogue, type CatalogueIndex } from './catalogue.ts';
import { expandHoldings } from './holdings.ts';
import { membersOf } from './requirements.ts';

export type Shape = 'vertical' | 'horizontal' | 'diagonal' | 'single';

export type TrajectoryShape = {
	shape: Shape;
	/** The qualification the trajectory stacks toward (vertical/diagonal), else null. */
	focus: string | null;
	/** Trajectory credentials that count toward the focus. */
	counted: string[];
	/** Areas of the counted credentials (all credentials when horizontal). */
	areas: string[];
};

const NATIONAL_CODE = /^([A-Z]{3})[A-Z]{0,6}\d/;

export function defaultArea(c: Credential | undefined, id: string): string {
	const m = id.match(NATIONAL_CODE);
	if (m) return m[1];
	return c?.providerId ?? 'unknown';
}

export function classifyTrajectory({
	catalogue,
	trajectory,
	areaOf
}: {
	catalogue: Catalogue | CatalogueIndex;
	trajectory: string[];
	areaOf?: (credential: Credential | undefined, id: string) => string;
}): TrajectoryShape {
	const index = asIndex(catalogue);
	const area = (id: string) => (areaOf ?? defaultArea)(index.credentials.get(id), id);
	const distinct = [...new Set(trajectory)];
	if (distinct.length < 2)
		return { shape: 'single', focus: null, counted: distinct, areas: distinct.map(area) };
	const expanded = expandHoldings({ index, held: distinct });
	// What each trajectory credential stands for once recognised.
	const standsFor = (id: string) => [
		id,
		...[...expanded.recognisedFrom].filter(([, from]) => from.includes(id)).map(([y]) => y)
	];
	let focus: string | null = null;
	let counted: string[] = [];
	for (const target of index.targets) {
		const key = `members:${target}`;
		if (!index.memo.has(key)) index.memo.set(key, membersOf({ index, target }));
		const members = index.memo.get(key) as Set<string>;
		const here = distinct.filter((id) => id !== target && standsFor(id).some((x) => members.has(x)));
		const better =
			here.length > counted.length ||
			(here.length === counted.length &&
				here.length > 0 &&
				focus !== null &&
				((expanded.held.has(target) && !expanded.held.has(focus)) ||
					(expanded.held.has(target) === expanded.held.has(focus) && target < focus)));
		if (better) {
			focus = target;
			counted = here;
		}
	}
	if (focus && counted.length >= 2 && counted.length * 2 >= distinct.length) {
		const areas = [...new Set(counted.map(area))].sort();
		return { shape: areas.length > 1 ? 'diagonal' : 'vertical', focus, counted, areas };
	}
	return { shape: 'horizontal', focus: null, counted: [], areas: [...new Set(distinct.map(area))].sort() };
}
