// What each learner adds to the /system stacking panel, which counts learners over their whole
// history, so its sums can be kept like the other rollups: a change takes the old counts of the
// learners it touches out and puts their new counts in. (The issuance and flows cells of the same
// sums are counted by the database: server/panel-counts.ts, with their definitions.)
//
// Every count here is a count of learners in a cell, and a learner is in one origin and one group
// per dimension, so the cells of different learners simply add up. The definition is the base
// query's (server/queries/stacking.ts), which the database tests hold these sums to: each
// qualification something the learner holds counts toward (learnerStandings); a provider's cells
// have the learners holding any award of that provider (for all its learners, not per group).
// The system's stacking and flows cells are also kept per group dimension ('all' and one row per
// dimension and value); a provider's for all its learners only. Neither group and cohort together
// nor a provider's flows per cohort are kept: at 1M generated enrolments the system's flows per
// cohort are 40,000 cells, the providers' would be 526,000 (more than all other cells together).
import { GROUP_DIMENSIONS } from '../types.ts';
import { type CatalogueIndex, learnerStandings } from '../stacking/index.ts';

/** The dimension of the flows counted per start cohort, and the value of enrolments without one. */
export const COHORT_DIMENSION = 'cohort';
export const NO_COHORT = '';

/**
 * The counts of one cell, by panel: stacking [holders, achieved, learners per progress bin ×6];
 * issuance [awards, learners]; flows (either kind) [learners].
 */
export const PANEL_COUNTS = 8;

export type PanelLearner = {
	origin: string;
	/** In GROUP_DIMENSIONS order. */
	groups: readonly string[];
	awards: readonly { credentialId: string; providerId: string | null }[];
};

/**
 * A stacking cell's key: panel, origin, provider ('' = whole system), dimension, value, the
 * qualification ('' = every pair of the learner's together), and two keys stacking leaves empty.
 */
export type PanelKey = readonly ['stacking', string, string, string, string, string, '', ''];

const SEPARATOR = '\u0001';
/** The slot of (dimension 'all', value 'all'). */
const ALL = 0;
const ONLY_ALL = [ALL];

/**
 * Sums of learners' stacking counts per cell; `add` with sign −1 takes a learner out. Cells are
 * kept by their origin, provider and qualification, and within each by (dimension, value) slot:
 * the pairs are numbered once, so a learner's counts go to seven slots of one cell without
 * building seven keys; and cells are found through one map per key part, by strings that already
 * exist (a credential id), not by a key built and hashed for each count.
 */
export class PanelSums {
	/** `origin␁provider` → qualification → counts per slot. */
	private readonly cells = new Map<string, Map<string, number[][]>>();
	private readonly slots: [string, string][] = [['all', 'all']];
	private readonly slotOf = new Map<string, Map<string, number>>([['all', new Map([['all', ALL]])]]);
	private entryCount = 0;

	/** Cells held (one per key and slot). */
	get size() {
		return this.entryCount;
	}

	/** The cells as keys and counts. */
	*entries(): Generator<[PanelKey, number[]]> {
		for (const [head, byTarget] of this.cells) {
			const [origin, provider] = head.split(SEPARATOR);
			for (const [target, bySlot] of byTarget)
				for (let slot = 0; slot < bySlot.length; slot++) {
					const counts = bySlot[slot];
					if (counts === undefined) continue;
					const [dimension, value] = this.slots[slot];
					yield [['stacking', origin, provider, dimension, value, target, '', ''], counts];
				}
		}
	}

	clear() {
		this.cells.clear();
		this.entryCount = 0;
	}

	private slot(dimension: string, value: string): number {
		let values = this.slotOf.get(dimension);
		if (!values) this.slotOf.set(dimension, (values = new Map()));
		let slot = values.get(value);
		if (slot === undefined) {
			slot = this.slots.push([dimension, value]) - 1;
			values.set(value, slot);
		}
		return slot;
	}

	/** A cell's counts per slot. */
	private cell(head: string, target: string): number[][] {
		let byTarget = this.cells.get(head);
		if (!byTarget) this.cells.set(head, (byTarget = new Map()));
		let bySlot = byTarget.get(target);
		if (!bySlot) byTarget.set(target, (bySlot = []));
		return bySlot;
	}

	/** Adds a count vector to one cell in each of the slots. */
	private bump(bySlot: number[][], slots: readonly number[], counts: readonly number[], sign: number) {
		for (let s = 0; s < slots.length; s++) {
			const slot = slots[s];
			let sums = bySlot[slot];
			if (sums === undefined) {
				sums = bySlot[slot] = new Array<number>(PANEL_COUNTS).fill(0);
				this.entryCount++;
			}
			for (let i = 0; i < counts.length; i++) sums[i] += sign * counts[i];
		}
	}

	/**
	 * The held credentials are every award; a provider's learners hold one of its awards. Per group
	 * for the whole system; a provider's cells for all its learners only (what its dashboard asks:
	 * per group and provider it would be most of the work and of the rows).
	 */
	add(learner: PanelLearner, index: CatalogueIndex, sign: 1 | -1 = 1) {
		if (learner.awards.length === 0) return;
		const standings = learnerStandings(
			index,
			learner.awards.map((a) => a.credentialId)
		);
		if (standings.length === 0) return;
		const groupSlots = [ALL, ...GROUP_DIMENSIONS.map((d, i) => this.slot(d, learner.groups[i]))];
		const heads = withProviders(learner.awards.map((a) => a.providerId)).map(
			(p) => `${learner.origin}${SEPARATOR}${p}`
		);
		// Every pair of the learner's together (qualification '').
		const together = new Array<number>(PANEL_COUNTS).fill(0);
		const counts = new Array<number>(PANEL_COUNTS);
		for (const { target, achieved, bin } of standings) {
			counts.fill(0);
			counts[0] = 1;
			counts[1] = achieved ? 1 : 0;
			counts[2 + bin] = 1;
			for (let i = 0; i < PANEL_COUNTS; i++) together[i] += counts[i];
			this.bump(this.cell(heads[0], target), groupSlots, counts, sign);
			for (let p = 1; p < heads.length; p++) this.bump(this.cell(heads[p], target), ONLY_ALL, counts, sign);
		}
		this.bump(this.cell(heads[0], ''), groupSlots, together, sign);
		for (let p = 1; p < heads.length; p++) this.bump(this.cell(heads[p], ''), ONLY_ALL, together, sign);
	}
}

/** '' (the whole system) and each distinct provider named. */
function withProviders(ids: (string | null)[]): string[] {
	const set = new Set<string>();
	for (const id of ids) if (id !== null) set.add(id);
	return ['', ...set];
}
