// The "de facto system" (DESIGN.md §3): of the awards actually issued, the share whose
// credential meets each definition. Weighted by awards, not by catalogue entries, because a
// definition met only by credentials nobody earns describes little of the system.

import type { Credential } from '../types.ts';
import { australiaConformance } from './australia.ts';
import type { Conformance } from './conformance.ts';
import { euConformance } from './eu.ts';
import { unescoConformance } from './unesco.ts';

export const DEFINITIONS = {
	eu: euConformance,
	australia: australiaConformance,
	unesco: unescoConformance
} as const;
export type Definition = keyof typeof DEFINITIONS;

/** A credential against every definition. */
export function classifyCredential(credential: Credential): Record<Definition, Conformance> {
	return {
		eu: euConformance(credential),
		australia: australiaConformance(credential),
		unesco: unescoConformance(credential)
	};
}

export type ConformanceShare = { awards: number; share: number };
export type ConformanceShares = { awards: number } & Record<Definition, ConformanceShare>;

/** Awards meeting each definition and their share of all awards; undefined with no awards. */
export function conformanceShares(
	items: ReadonlyArray<{ credential: Credential; awards: number }>
): ConformanceShares | undefined {
	let total = 0;
	const meeting: Record<Definition, number> = { eu: 0, australia: 0, unesco: 0 };
	for (const { credential, awards } of items) {
		if (!Number.isInteger(awards) || awards < 0) {
			throw new Error(`conformanceShares: credential ${credential.id} has ${awards} awards`);
		}
		total += awards;
		const result = classifyCredential(credential);
		for (const d of Object.keys(DEFINITIONS) as Definition[]) if (result[d].meets) meeting[d] += awards;
	}
	if (total === 0) return undefined;
	const share = (d: Definition) => ({ awards: meeting[d], share: meeting[d] / total });
	return { awards: total, eu: share('eu'), australia: share('australia'), unesco: share('unesco') };
}
