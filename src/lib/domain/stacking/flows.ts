// Observed flows: the transitions learners actually take, for the Sankey.
//
// Per learner, enrolments are ordered by start date (then id). Two kinds of transition:
// - 'next':   credential A, then the learner's next enrolment B (A ≠ B);
// - 'toward': credential A, then qualification Q, when A counts toward Q (any group, any depth)
//             and the learner later achieved Q (an award or a completed enrolment dated after A's
//             start). Needs the catalogue; without it only 'next' flows are counted.
// Counts are learners (a learner taking the same transition twice counts once), split by the
// cohort of the A enrolment and, optionally, by one learner group dimension. Pure aggregation:
// small cells are suppressed in the server query layer, not here.
import type { Award, Enrolment, EnrolmentStatus, GroupDimension, Learner } from '../types.ts';
import { NOT_STATED } from '../types.ts';
import { asIndex, type Catalogue, type CatalogueIndex } from './catalogue.ts';
import { membersOf } from './requirements.ts';

export type Flow = {
	kind: 'next' | 'toward';
	from: string;
	to: string;
	cohort: string | null;
	group: string | null;
	count: number;
};

const FIELD: Record<GroupDimension, keyof Learner> = {
	gender: 'gender',
	age_band: 'ageBand',
	disability: 'disability',
	deprivation_band: 'deprivationBand',
	region: 'region',
	prior_education: 'priorEducation'
};

export function countFlows({
	enrolments,
	awards = [],
	learners = [],
	catalogue,
	dimension,
	statuses
}: {
	enrolments: Enrolment[];
	awards?: Award[];
	learners?: Learner[];
	catalogue?: Catalogue | CatalogueIndex;
	/** Split by this learner attribute (unknown learners fall in "not stated"). */
	dimension?: GroupDimension;
	/** Only enrolments with these statuses start a transition (default: all). */
	statuses?: EnrolmentStatus[];
}): Flow[] {
	const index = catalogue ? asIndex(catalogue) : null;
	const learnerById = new Map(learners.map((l) => [l.id, l]));
	const groupOf = (learnerId: string) =>
		dimension ? String(learnerById.get(learnerId)?.[FIELD[dimension]] ?? NOT_STATED) : null;
	const byLearner = new Map<string, Enrolment[]>();
	for (const e of enrolments) byLearner.set(e.learnerId, [...(byLearner.get(e.learnerId) ?? []), e]);
	// When each learner achieved each credential (earliest award or completed enrolment end).
	const achievedOn = new Map<string, Map<string, string>>();
	const note = (learnerId: string, credentialId: string, on: string | null) => {
		if (!on) return;
		const m = achievedOn.get(learnerId) ?? new Map<string, string>();
		const prev = m.get(credentialId);
		if (!prev || on < prev) m.set(credentialId, on);
		achievedOn.set(learnerId, m);
	};
	awards.forEach((a) => note(a.learnerId, a.credentialId, a.issuedOn));
	enrolments.forEach(
		(e) => e.status === 'completed' && note(e.learnerId, e.credentialId, e.endedOn ?? e.startedOn)
	);
	// Targets each credential counts toward.
	const toward = new Map<string, string[]>();
	if (index)
		for (const target of index.targets)
			for (const m of membersOf({ index, target })) toward.set(m, [...(toward.get(m) ?? []), target]);

	const counts = new Map<string, Flow & { learners: Set<string> }>();
	const add = (kind: Flow['kind'], from: string, to: string, cohort: string | null, learnerId: string) => {
		const group = groupOf(learnerId);
		const key = JSON.stringify([kind, from, to, cohort, group]);
		const f = counts.get(key) ?? { kind, from, to, cohort, group, count: 0, learners: new Set<string>() };
		f.learners.add(learnerId);
		f.count = f.learners.size;
		counts.set(key, f);
	};
	for (const [learnerId, list] of byLearner) {
		const ordered = [...list].sort((a, b) =>
			a.startedOn < b.startedOn ? -1 : a.startedOn > b.startedOn ? 1 : a.id < b.id ? -1 : 1
		);
		ordered.forEach((a, i) => {
			if (statuses && !statuses.includes(a.status)) return;
			const b = ordered.slice(i + 1).find((x) => x.credentialId !== a.credentialId);
			if (b) add('next', a.credentialId, b.credentialId, a.cohort, learnerId);
			for (const q of toward.get(a.credentialId) ?? []) {
				const on = achievedOn.get(learnerId)?.get(q);
				if (on && on >= a.startedOn) add('toward', a.credentialId, q, a.cohort, learnerId);
			}
		});
	}
	return [...counts.values()]
		.map(({ learners: _, ...f }) => f)
		.sort((a, b) => b.count - a.count || (a.kind + a.from + a.to < b.kind + b.from + b.to ? -1 : 1));
}
