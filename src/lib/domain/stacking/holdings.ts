// What a learner holds once recognitions and stacking are applied.
//
// - Recognition: holding X that is recognised as Y counts as holding Y (credit transfer /
//   articulation). Applied transitively: X → Y → Z gives Z.
// - Stacking: a target whose groups are all satisfied counts as held, so a completed
//   qualification can count toward a higher one. Repeated until nothing new is achieved.
import type { CatalogueIndex } from './catalogue.ts';
import { evaluateTarget } from './requirements.ts';

export type Holdings = {
	/** Every credential that counts as held. */
	held: Set<string>;
	/** Credentials that count only through recognition: id → the held ids it was recognised from. */
	recognisedFrom: Map<string, string[]>;
	/** Targets achieved by stacking, not held as an award. */
	achieved: Set<string>;
};

export function expandHoldings({ index, held }: { index: CatalogueIndex; held: Iterable<string> }): Holdings {
	const out = new Set<string>(held);
	const recognisedFrom = new Map<string, string[]>();
	const achieved = new Set<string>();
	const recognise = (from: string) => {
		const stack = [from];
		while (stack.length) {
			const x = stack.pop()!;
			for (const y of index.recognisedAs.get(x) ?? []) {
				if (out.has(y)) continue;
				out.add(y);
				recognisedFrom.set(y, [...(recognisedFrom.get(y) ?? []), from]);
				stack.push(y);
			}
		}
	};
	[...out].forEach(recognise);
	for (let changed = true; changed;) {
		changed = false;
		for (const target of index.targets) {
			if (out.has(target)) continue;
			if (evaluateTarget({ index, target, held: out }).achieved) {
				out.add(target);
				achieved.add(target);
				recognise(target);
				changed = true;
			}
		}
	}
	return { held: out, recognisedFrom, achieved };
}
