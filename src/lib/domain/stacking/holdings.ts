// What a learner holds once recognitions and stacking are applied.
//
// - Recognition: holding X that is recognised as Y counts as holding Y (credit transfer /
//   articulation). Applied transitively: X → Y → Z gives Z.
// - Stacking: a target whose groups are all satisfied counts as held, so a completed
//   qualification can count toward a higher one. Repeated until nothing new is achieved.
import type { CatalogueIndex } from './catalogue.ts';
import { targetLookup, targetState } from './requirements.ts';

export type Holdings = {
	/** Every credential that counts as held. */
	held: Set<string>;
	/** Credentials that count only through recognition: id → the held ids it was recognised from. */
	recognisedFrom: Map<string, string[]>;
	/** Targets achieved by stacking, not held as an award. */
	achieved: Set<string>;
	/**
	 * Per target (its position in index.targets), the members that count as held, in the order
	 * they were: the targets something held counts toward, and all that their states read.
	 */
	heldMembers: Map<number, string[]>;
};

export function expandHoldings({ index, held }: { index: CatalogueIndex; held: Iterable<string> }): Holdings {
	const out = new Set<string>();
	const recognisedFrom = new Map<string, string[]>();
	const achieved = new Set<string>();
	// Only targets with a member held (or needing none) can be achieved, so only they are
	// evaluated: their positions in index.targets, kept sorted so each pass visits them in the
	// same order as a pass over every target would.
	const lookup = targetLookup(index);
	const touched: number[] = [];
	const heldMembers = new Map<number, string[]>();
	const touch = (at: number) => {
		const i = firstAbove(touched, at - 1);
		if (touched[i] !== at) touched.splice(i, 0, at);
	};
	lookup.free.forEach(touch);
	const add = (id: string) => {
		out.add(id);
		for (const at of lookup.byMember.get(id) ?? []) {
			touch(at);
			const members = heldMembers.get(at);
			if (members) members.push(id);
			else heldMembers.set(at, [id]);
		}
	};
	for (const id of held) add(id);
	const recognise = (from: string) => {
		const stack = [from];
		while (stack.length) {
			const x = stack.pop()!;
			for (const y of index.recognisedAs.get(x) ?? []) {
				if (out.has(y)) continue;
				add(y);
				recognisedFrom.set(y, [...(recognisedFrom.get(y) ?? []), from]);
				stack.push(y);
			}
		}
	};
	[...out].forEach(recognise);
	for (let changed = true; changed;) {
		changed = false;
		for (let i = firstAbove(touched, -1); i < touched.length;) {
			const at = touched[i];
			const target = index.targets[at];
			if (!out.has(target) && targetState(index, at, heldMembers.get(at) ?? []).achieved) {
				add(target);
				achieved.add(target);
				recognise(target);
				changed = true;
			}
			// Targets touched meanwhile before `at` wait for the next pass, as they would have.
			i = firstAbove(touched, at);
		}
	}
	return { held: out, recognisedFrom, achieved, heldMembers };
}

/** The index of the first value above `value` in an ascending array. */
function firstAbove(sorted: number[], value: number): number {
	let lo = 0;
	let hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (sorted[mid] <= value) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}
