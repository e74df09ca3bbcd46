import { describe, expect, it } from 'vitest';
import { generateCatalogue } from '../demo/catalogue.ts';
import { generateDemoLearners } from '../demo/learners.ts';
import { indexCatalogue, type Catalogue } from '../stacking/catalogue.ts';
import { expandHoldings } from '../stacking/holdings.ts';
import { makeCredential as cred, makeGroup as group } from '../stacking/defaults.ts';
import { addSequence, buildModel, emptyModel, sequenceOf, type Step } from './model.ts';
import { recommend, type Recommendation } from './recommend.ts';
import { outlookText } from './explain.ts';
import { learnerProgress } from '../stacking/progress.ts';
import { membersOf } from '../stacking/requirements.ts';

// A generated catalogue with real stacking shapes (cores, elective pools, nested options,
// prerequisites, recognitions) and generated learners taking it, as the demo data does.
const catalogue = generateCatalogue({ seed: 11, credentials: 400 });
const index = indexCatalogue(catalogue);
const demo = generateDemoLearners({ seed: 5, count: 300, catalogue: index, cutOff: '2025-06-30' });
const byLearner = new Map<string, typeof demo.enrolments>();
for (const e of demo.enrolments) byLearner.set(e.learnerId, [...(byLearner.get(e.learnerId) ?? []), e]);
const awardsOf = new Map<string, string[]>();
for (const a of demo.awards)
	awardsOf.set(a.learnerId, [...(awardsOf.get(a.learnerId) ?? []), a.credentialId]);
const model = buildModel([...byLearner.values()].map(sequenceOf));

describe('recommend on generated learners', () => {
	const asOf = '2025-06-30';
	const lists = demo.learners.slice(0, 120).map((l) => {
		const awarded = awardsOf.get(l.id) ?? [];
		const history = sequenceOf(byLearner.get(l.id) ?? []);
		return { awarded, history, list: recommend({ index, model, history, awarded, asOf, k: 5 }) };
	});

	it('never suggests a credential whose prerequisites are not held', () => {
		let checked = 0;
		for (const { awarded, list } of lists) {
			const held = expandHoldings({ index, held: awarded }).held;
			for (const r of list) {
				for (const req of index.requires.get(r.credential) ?? []) expect(held.has(req)).toBe(true);
				checked++;
			}
		}
		expect(checked).toBe(lists.length * 5);
		// The catalogue does have prerequisites among what the learners could be offered.
		expect(catalogue.prerequisites.length).toBeGreaterThan(10);
	});

	it('never suggests what is held (with recognitions and stacking), under way, or a qualification', () => {
		for (const { awarded, history, list } of lists) {
			const held = expandHoldings({ index, held: awarded }).held;
			const running = history.filter((s) => s.endedOn === null || s.endedOn > asOf).map((s) => s.credential);
			for (const r of list) {
				expect(held.has(r.credential)).toBe(false);
				expect(running).not.toContain(r.credential);
				expect(index.topGroups.has(r.credential)).toBe(false);
			}
		}
	});

	it('gives learners part-way to a qualification suggestions that progress it', () => {
		const partWay = lists.filter((x) => x.awarded.length >= 2);
		expect(partWay.length).toBeGreaterThan(20);
		const progressing = partWay.filter((x) => x.list[0]?.signals.progress.value > 0).length;
		expect(progressing / partWay.length).toBeGreaterThan(0.8);
	});

	it('with no goal, leads every suggestion with the nearest qualification, or says why not', () => {
		let toward = 0;
		let whyNot = 0;
		for (const { awarded, list } of lists) {
			const nearest = learnerProgress({
				catalogue: index,
				held: awarded,
				onlyReachable: true
			}).qualifications.find((q) => !q.achieved && q.stillNeeded !== null);
			for (const r of list) {
				checkReasons(r);
				if (!nearest) continue;
				expect(r.signals.goal.nearest?.target).toBe(nearest.target);
				if (r.reasons[0].startsWith(`Not toward ${nearest.title}:`)) whyNot++;
				else {
					expect(r.reasons[0]).toMatch(
						new RegExp(`^(Counts toward|Completes|A prerequisite of what) ${escape(nearest.title)}`)
					);
					toward++;
				}
			}
			// Those toward the nearest come first.
			const first = list.findIndex((r) => r.reasons[0].startsWith('Not toward'));
			if (first >= 0)
				expect(list.slice(first).every((r) => r.reasons[0].startsWith('Not toward'))).toBe(true);
		}
		expect(toward).toBeGreaterThan(100);
		expect(whyNot).toBeGreaterThan(0);
	});

	it('never suggests what only counts toward a qualification the learner has completed', () => {
		let completedSome = 0;
		for (const { awarded, list } of lists) {
			const { qualifications } = learnerProgress({ catalogue: index, held: awarded, onlyReachable: true });
			const done = qualifications.filter((q) => q.achieved).map((q) => q.target);
			if (done.length) completedSome++;
			const unfinished = new Set(qualifications.filter((q) => !q.achieved).map((q) => q.target));
			for (const r of list) {
				const inDone = done.filter((t) => membersOf({ index, target: t }).has(r.credential));
				if (inDone.length) expect(r.signals.progress.toward.some((c) => unfinished.has(c.target))).toBe(true);
				for (const t of done)
					expect(r.reasons.join(' ')).not.toContain(index.credentials.get(t)!.title + ' (');
			}
		}
		expect(completedSome).toBeGreaterThan(5);
	});

	it('is the same list for the same input', () => {
		const { awarded, history } = lists[3];
		const again = recommend({ index, model, history, awarded, asOf, k: 5 });
		expect(again).toEqual(lists[3].list);
	});
});

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Two qualifications: Q1 (core A, B; one elective of E1/E2) and Q2 (core C, D). P requires A.
const small = (): Catalogue => ({
	credentials: [
		...['A', 'B', 'C', 'D', 'E1', 'E2', 'P', 'Z'].map((id) => cred({ id, title: `Unit ${id}`, credits: 10 })),
		cred({ id: 'Q1', kind: 'macro', title: 'Certificate in One' }),
		cred({ id: 'Q2', kind: 'macro', title: 'Certificate in Two' })
	],
	groups: [
		group({ id: 'Q1/core', targetCredentialId: 'Q1', rule: 'all', members: ['A', 'B'], label: 'core' }),
		group({
			id: 'Q1/el',
			targetCredentialId: 'Q1',
			rule: 'n_of',
			n: 1,
			members: ['E1', 'E2'],
			label: 'electives',
			position: 1
		}),
		group({ id: 'Q2/core', targetCredentialId: 'Q2', rule: 'all', members: ['C', 'D'], label: 'core' })
	],
	prerequisites: [{ credentialId: 'P', requiredId: 'A' }],
	recognitions: []
});

const step = (credential: string, startedOn: string, endedOn: string | null = null): Step => ({
	credential,
	status: endedOn ? 'completed' : 'in_progress',
	startedOn,
	endedOn
});

describe('recommend on a small catalogue', () => {
	const index = indexCatalogue(small());
	const asOf = '2024-06-01';
	const history = [step('A', '2024-01-01', '2024-03-01')];

	it('ranks what finishes a nearly complete qualification, and explains it', () => {
		const list = recommend({ index, model: emptyModel(), history, awarded: ['A', 'E1'], asOf, k: 3 });
		expect(list[0].credential).toBe('B');
		expect(list[0].signals.progress.toward[0]).toMatchObject({ target: 'Q1', completesTarget: true });
		expect(list[0].reasons[0]).toBe('Completes Certificate in One (2 of 3 held; this is the last)');
	});

	it('changes the ranking when the learner states a goal', () => {
		const without = recommend({ index, model: emptyModel(), history, awarded: ['A'], asOf, k: 3 });
		expect(without.map((r) => r.credential)).not.toContain('C');
		const withGoal = recommend({
			index,
			model: emptyModel(),
			history,
			awarded: ['A'],
			asOf,
			k: 3,
			goal: 'Q2'
		});
		expect(withGoal.slice(0, 2).map((r) => r.credential)).toEqual(['C', 'D']);
		expect(withGoal[0].signals.goal).toMatchObject({ value: 1, via: 'counts', goal: 'Q2' });
		expect(withGoal[0].reasons[0]).toBe('Counts toward your goal, Certificate in Two');
	});

	it('breaks ties by credential id, whatever the catalogue order', () => {
		const reversed = small();
		reversed.credentials.reverse();
		const a = recommend({ index, model: emptyModel(), history: [], awarded: [], asOf, k: 8 });
		const b = recommend({
			index: indexCatalogue(reversed),
			model: emptyModel(),
			history: [],
			awarded: [],
			asOf,
			k: 8
		});
		expect(a.map((r) => r.credential)).toEqual(b.map((r) => r.credential));
		// With no history, no holdings and no model every candidate scores the same: id order.
		expect(a.map((r) => r.credential)).toEqual(['A', 'B', 'C', 'D', 'E1', 'E2', 'Z']);
		expect(new Set(a.map((r) => r.score)).size).toBe(1);
	});

	it('quotes the transition share the model holds, and only what the signals hold', () => {
		const m = emptyModel();
		// 40 learners completed A; 30 then took Z, 4 took C, 6 took D.
		for (let i = 0; i < 40; i++)
			addSequence(m, [
				step('A', '2023-01-01', '2023-03-01'),
				step(i < 30 ? 'Z' : i < 34 ? 'C' : 'D', '2023-04-01', '2023-06-01')
			]);
		const list = recommend({
			index,
			model: m,
			history,
			awarded: ['A'],
			asOf,
			k: 7,
			weights: { progress: 0 }
		});
		const z = list.find((r) => r.credential === 'Z')!;
		// With no goal, what counts toward the nearest qualification (Q1) comes first, then Z.
		expect(list.map((r) => r.credential).slice(0, 4)).toEqual(['B', 'E1', 'E2', 'Z']);
		expect(z.reasons[0]).toBe(
			'Not toward Certificate in One: only 3 of what it still needs are open to you now, listed above'
		);
		expect(z.signals.next.after).toMatchObject({
			credential: 'A',
			status: 'completed',
			transitions: 40,
			toThis: 30
		});
		expect(z.reasons).toContain('75% of the 40 learners who completed Unit A took this next');
		// Fewer than 10 learners behind a share: the counts are withheld, and so is the sentence.
		const c = list.find((r) => r.credential === 'C')!;
		expect(c.signals.next.after).toMatchObject({ transitions: null, toThis: null });
		expect(c.reasons.join(' ')).not.toMatch(/learners who/);
		for (const r of list) checkReasons(r);
		// Outlook is shown, not scored: a poor outlook leaves the order unchanged.
		const outlook = new Map([['Z', { completionRate: 0.2, known: 50, medianDays: 42 }]]);
		const withOutlook = recommend({
			index,
			model: m,
			history,
			awarded: ['A'],
			asOf,
			k: 7,
			weights: { progress: 0 },
			outlook
		});
		expect(withOutlook.map((r) => [r.credential, r.score])).toEqual(list.map((r) => [r.credential, r.score]));
		// …and it is not a reason: it has its own line.
		const zOutlook = withOutlook.find((r) => r.credential === 'Z')!;
		expect(zOutlook.reasons).toEqual(z.reasons);
		expect(outlookText(zOutlook.signals)).toBe('Median 6 weeks, 20% complete');
	});

	it('does not suggest the unused elective of a completed qualification, however often it follows', () => {
		const c = small();
		c.credentials.push(cred({ id: 'G1', title: 'Unit G1' }), cred({ id: 'G2', title: 'Unit G2' }));
		c.credentials.push(cred({ id: 'Q3', kind: 'macro', title: 'Certificate in Three' }));
		c.groups.push(
			group({ id: 'Q3/core', targetCredentialId: 'Q3', rule: 'all', members: ['C'], label: 'core' }),
			group({ id: 'Q3/el', targetCredentialId: 'Q3', rule: 'n_of', n: 1, members: ['G1', 'G2'], position: 1 })
		);
		const idx = indexCatalogue(c);
		const m = emptyModel();
		for (let i = 0; i < 40; i++)
			addSequence(m, [step('G1', '2023-01-01', '2023-03-01'), step('G2', '2023-04-01', '2023-06-01')]);
		const held = [step('C', '2024-01-01', '2024-02-01'), step('G1', '2024-02-01', '2024-03-01')];
		const list = recommend({ index: idx, model: m, history: held, awarded: ['C', 'G1'], asOf, k: 8 });
		expect(list.map((r) => r.credential)).not.toContain('G2');
		// The nearest unfinished qualification is Q2 (C of C, D held): D leads, and says so.
		expect(list[0].credential).toBe('D');
		expect(list[0].reasons[0]).toBe('Completes Certificate in Two (1 of 2 held; this is the last)');
	});

	it('offers P once its prerequisite A is held, not before', () => {
		expect(
			recommend({ index, model: emptyModel(), history: [], awarded: [], asOf, k: 20 }).map(
				(r) => r.credential
			)
		).not.toContain('P');
		expect(
			recommend({ index, model: emptyModel(), history, awarded: ['A'], asOf, k: 20 }).map((r) => r.credential)
		).toContain('P');
	});

	it('keeps to two suggestions per requirement group while others are available', () => {
		const list = recommend({
			index,
			model: emptyModel(),
			history: [],
			awarded: ['C'],
			asOf,
			k: 3,
			maxPerGroup: 1
		});
		const groups = list.map((r) => r.signals.progress.toward[0]?.group ?? null);
		expect(groups.filter((g) => g === 'Q2/core').length).toBe(1);
	});
});

/** Each reason must be backed by a signal that is non-zero (or by the outlook). */
function checkReasons(r: Recommendation) {
	expect(r.reasons.length).toBeGreaterThanOrEqual(1);
	expect(r.reasons.length).toBeLessThanOrEqual(3);
	for (const reason of r.reasons) {
		if (/^Not toward /.test(reason)) expect(r.signals.goal.nearest).toBeDefined();
		else if (r.signals.goal.nearest && reason.includes(`${r.signals.goal.nearest.title} (`))
			expect(r.signals.goal).toMatchObject({ value: 1, via: 'counts' });
		else if (/learners who|Taken by/.test(reason)) expect(r.signals.next.value).toBeGreaterThan(0);
		else if (/^(Completes|Counts toward the|Counts toward [^y])/.test(reason))
			expect(r.signals.progress.value).toBeGreaterThan(0);
		else if (/your goal/.test(reason)) expect(r.signals.goal.value).toBeGreaterThan(0);
		else if (/new skill/.test(reason)) expect(r.signals.skills.value).toBeGreaterThan(0);
		else expect(reason).toBe('Open to you: every prerequisite is held');
	}
	const share = r.reasons.map((s) => /^(\d+)% of the (\d+) learners/.exec(s)).find(Boolean);
	if (share) {
		const after = r.signals.next.after!;
		expect(Number(share[1])).toBe(Math.round((after.toThis! / after.transitions!) * 100));
		expect(Number(share[2])).toBe(after.transitions);
	}
}
