// Dead ends and orphans: credentials that count toward nothing (no requirement group of any other
// credential names them) and from which few learners go on to anything else; and qualifications
// (credentials with requirement groups) that nobody completes.

export type StackingFacts = {
	id: string;
	/** The credentials whose requirement groups name this one. */
	countsToward: readonly string[];
	/** Whether it has requirement groups of its own (a qualification or other target). */
	hasRequirements: boolean;
	/** Learners who held or attempted it and later started another credential. */
	onwardLearners: number;
	/** Learners who completed it (an award or a completed enrolment). */
	completers: number;
};

/** "Few onward flows": fewer learners going on than this. */
export const FEW_ONWARD = 10;

export type DeadEnds = {
	/** Count toward nothing and have fewer than FEW_ONWARD learners going on. */
	deadEnds: string[];
	/** Of those, the ones that are not targets either: nothing counts toward them, they toward nothing. */
	orphans: string[];
	/** Targets with requirements that nobody completed. */
	uncompletedQualifications: string[];
	/** Credentials that count toward two or more targets (a unit shared across qualifications). */
	shared: string[];
};

export function deadEnds(items: readonly StackingFacts[], fewOnward = FEW_ONWARD): DeadEnds {
	const isTarget = new Set(items.filter((i) => i.hasRequirements).map((i) => i.id));
	const named = new Set(items.flatMap((i) => (i.countsToward.length > 0 ? [i.id] : [])));
	const sorted = [...items].sort((a, b) => a.id.localeCompare(b.id));
	const dead = sorted.filter((i) => i.countsToward.length === 0 && i.onwardLearners < fewOnward);
	return {
		deadEnds: dead.map((i) => i.id),
		orphans: dead.filter((i) => !isTarget.has(i.id) && !named.has(i.id)).map((i) => i.id),
		uncompletedQualifications: sorted.filter((i) => i.hasRequirements && i.completers === 0).map((i) => i.id),
		shared: sorted.filter((i) => new Set(i.countsToward).size >= 2).map((i) => i.id)
	};
}
