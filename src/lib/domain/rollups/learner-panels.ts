// What each learner adds to the /system panels that count learners over their whole history —
// stacking, issuance and flows — so their sums can be kept like the other rollups: a
// change takes the old counts of the learners it touches out and puts their new counts in.
//
// Every count here is a count of learners (or of a learner's awards) in a cell, and a learner is
// in one origin and one group per dimension, so the cells of different learners simply add up.
// The definitions are those of the base queries (server/queries/stacking.ts, issuance.ts,
// flows.ts), which the database tests hold these sums to:
// - stacking: each qualification something the learner holds counts toward (learnerStandings);
//   a provider's cells have the learners holding any award of that provider (for all its
//   learners, not per group);
// - issuance: awards and distinct learners per quarter of issue and group of one breakdown,
//   all awards and verified ones apart; a provider's cells have the awards it issued;
// - flows: the learner's distinct pairs toward qualifications (credential → a qualification it
//   counts toward, achieved on or after the credential's start) and to the next credential
//   (credential → the next enrolment in a different one); a provider's cells have the pairs of
//   that provider's enrolments alone. The system's pairs are also counted per cohort of the
//   enrolment they start from (dimension 'cohort', the cohort as the value, NO_COHORT for none):
//   the learners of one start cohort, which is a cohort's flows (/api/flows) and the flows from one
//   start cohort (/flows). A range of start cohorts is not their sum (a learner starting the pair
//   in two counts once), so that stays a question for the base tables.
// The system's stacking and flows cells are also kept per group dimension ('all' and one row per
// dimension and value); a provider's for all its learners only. Neither group and cohort together
// nor a provider's flows per cohort are kept: at 1M generated enrolments the system's flows per
// cohort are 40,000 cells, the providers' would be 526,000 (more than all other cells together).
import { GROUP_DIMENSIONS, type EnrolmentStatus } from '../types.ts';
import { type CatalogueIndex, learnerStandings } from '../stacking/index.ts';

export const PANELS = ['stacking', 'issuance', 'flows'] as const;
export type Panel = (typeof PANELS)[number];

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
	/** In start order, then by enrolment id (as the flow queries order them). */
	enrolments: readonly {
		credentialId: string;
		providerId: string | null;
		cohort: string | null;
		status: EnrolmentStatus;
		startedOn: string;
		endedOn: string | null;
	}[];
	awards: readonly {
		credentialId: string;
		providerId: string | null;
		issuedOn: string;
		verified: boolean;
	}[];
};

export type PanelCatalogue = {
	index: CatalogueIndex;
	/** Credential → the qualifications with a requirement group it is a member of (flows). */
	towardTargets: ReadonlyMap<string, readonly string[]>;
	/**
	 * An award's group in each issuance breakdown ('none' → 'all'), by its credential and issuing
	 * provider; the same object for the same pair (what it adds up to is kept per object).
	 */
	facetsOf(credentialId: string, providerId: string | null): Readonly<Record<string, string>>;
};

/** A cell's key: panel, origin, provider ('' = whole system), dimension, value, and three keys. */
export type PanelKey = readonly [Panel, string, string, string, string, string, string, string];

const SEPARATOR = '\u0001';
/** The slot of (dimension 'all', value 'all'). */
const ALL = 0;
const ONLY_ALL = [ALL];

/**
 * Sums of learners' counts per cell; `add` with sign −1 takes a learner out. Cells are kept by
 * their panel, origin, provider and keys, and within each by (dimension, value) slot: the pairs
 * are numbered once, so a learner's counts go to seven slots of one cell without building seven
 * keys; and cells are found through one map per key part, by strings that already exist (a
 * credential id, a quarter), not by a key built and hashed for each count. At national scale this
 * is most of a refresh's work.
 */
export class PanelSums {
	/** `panel␁origin␁provider` → k1 → k2 → k3 → counts per slot. */
	private readonly cells = new Map<string, Map<string, Map<string, Map<string, number[][]>>>>();
	private readonly slots: [string, string][] = [['all', 'all']];
	private readonly slotOf = new Map<string, Map<string, number>>([['all', new Map([['all', ALL]])]]);
	private readonly facetSlots = new WeakMap<object, number[]>();
	private readonly quarters = new Map<string, string>();
	private entryCount = 0;

	/** Cells held (one per key and slot). */
	get size() {
		return this.entryCount;
	}

	/** The cells as keys and counts. */
	*entries(): Generator<[PanelKey, number[]]> {
		for (const [head, byK1] of this.cells) {
			const [panel, origin, provider] = head.split(SEPARATOR);
			for (const [k1, byK2] of byK1)
				for (const [k2, byK3] of byK2)
					for (const [k3, bySlot] of byK3)
						for (let slot = 0; slot < bySlot.length; slot++) {
							const counts = bySlot[slot];
							if (counts === undefined) continue;
							const [dimension, value] = this.slots[slot];
							yield [[panel as Panel, origin, provider, dimension, value, k1, k2, k3], counts];
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

	/** The slots of an award's issuance groups. */
	private slotsOfFacets(facets: Readonly<Record<string, string>>): number[] {
		let slots = this.facetSlots.get(facets);
		if (!slots) {
			slots = Object.entries(facets).map(([breakdown, group]) => this.slot(breakdown, group));
			this.facetSlots.set(facets, slots);
		}
		return slots;
	}

	/** Quarter of issue, "2014-Q2", of a 'YYYY-MM-DD' date. */
	private quarterOf(date: string): string {
		const month = date.slice(0, 7);
		let quarter = this.quarters.get(month);
		if (quarter === undefined) {
			quarter = `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
			this.quarters.set(month, quarter);
		}
		return quarter;
	}

	/** A cell's counts per slot. */
	private cell(head: string, k1: string, k2: string, k3: string): number[][] {
		let byK1 = this.cells.get(head);
		if (!byK1) this.cells.set(head, (byK1 = new Map()));
		let byK2 = byK1.get(k1);
		if (!byK2) byK1.set(k1, (byK2 = new Map()));
		let byK3 = byK2.get(k2);
		if (!byK3) byK2.set(k2, (byK3 = new Map()));
		let bySlot = byK3.get(k3);
		if (!bySlot) byK3.set(k3, (bySlot = []));
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

	add(learner: PanelLearner, catalogue: PanelCatalogue, sign: 1 | -1 = 1) {
		const { origin } = learner;
		const head = (panel: Panel, provider: string) => `${panel}${SEPARATOR}${origin}${SEPARATOR}${provider}`;
		const groupSlots = [ALL, ...GROUP_DIMENSIONS.map((d, i) => this.slot(d, learner.groups[i]))];
		const each: LearnerBump = { learner, catalogue, sign, head, groupSlots };
		this.addStacking(each);
		this.addIssuance(each);
		this.addFlows(each);
	}

	/**
	 * Stacking: the held credentials are every award; a provider's learners hold one of its awards.
	 * Per group for the whole system; a provider's cells for all its learners only (what its
	 * dashboard asks: per group and provider it would be most of the work and of the rows).
	 */
	private addStacking({ learner, catalogue, sign, head, groupSlots }: LearnerBump) {
		if (learner.awards.length === 0) return;
		const standings = learnerStandings(
			catalogue.index,
			learner.awards.map((a) => a.credentialId)
		);
		if (standings.length === 0) return;
		const heads = withProviders(learner.awards.map((a) => a.providerId)).map((p) => head('stacking', p));
		// Every pair of the learner's together (qualification '').
		const together = new Array<number>(PANEL_COUNTS).fill(0);
		const counts = new Array<number>(PANEL_COUNTS);
		for (const { target, achieved, bin } of standings) {
			counts.fill(0);
			counts[0] = 1;
			counts[1] = achieved ? 1 : 0;
			counts[2 + bin] = 1;
			for (let i = 0; i < PANEL_COUNTS; i++) together[i] += counts[i];
			this.bump(this.cell(heads[0], target, '', ''), groupSlots, counts, sign);
			for (let p = 1; p < heads.length; p++)
				this.bump(this.cell(heads[p], target, '', ''), ONLY_ALL, counts, sign);
		}
		this.bump(this.cell(heads[0], '', '', ''), groupSlots, together, sign);
		for (let p = 1; p < heads.length; p++)
			this.bump(this.cell(heads[p], '', '', ''), ONLY_ALL, together, sign);
	}

	/**
	 * Issuance: awards per cell, and the learner once in each cell they have an award in. The
	 * dimension is the breakdown and the value its group.
	 */
	private addIssuance({ learner, catalogue, sign, head }: LearnerBump) {
		const issued = new Map<number[][], Map<number, number>>();
		const systemIssuance = head('issuance', '');
		for (const award of learner.awards) {
			const facetSlots = this.slotsOfFacets(catalogue.facetsOf(award.credentialId, award.providerId));
			const period = this.quarterOf(award.issuedOn);
			const heads =
				award.providerId === null ? [systemIssuance] : [systemIssuance, head('issuance', award.providerId)];
			for (const issuance of heads)
				for (const verification of award.verified ? ['all', 'verified'] : ['all']) {
					const cell = this.cell(issuance, period, verification, '');
					let bySlot = issued.get(cell);
					if (!bySlot) issued.set(cell, (bySlot = new Map()));
					for (const slot of facetSlots) bySlot.set(slot, (bySlot.get(slot) ?? 0) + 1);
				}
		}
		for (const [cell, bySlot] of issued)
			for (const [slot, awards] of bySlot) this.bump(cell, [slot], [awards, 1], sign);
	}

	/**
	 * Flows: the learner's distinct pairs of each kind, from all their enrolments (per group and
	 * per start cohort too, the cohort's slot of the same cell) and from each provider's (for all
	 * its learners, as stacking).
	 */
	private addFlows({ learner, catalogue, sign, head, groupSlots }: LearnerBump) {
		if (learner.enrolments.length === 0) return;
		const achievedOn = firstAchieved(learner);
		const oneLearner = [1];
		for (const provider of withProviders(learner.enrolments.map((e) => e.providerId))) {
			const starts =
				provider === '' ? learner.enrolments : learner.enrolments.filter((e) => e.providerId === provider);
			const flows = head('flows', provider);
			const system = provider === '';
			const slots = system ? groupSlots : ONLY_ALL;
			for (const [kind, pairs] of [
				['toward', towardPairs(starts, achievedOn, catalogue.towardTargets, system)],
				['next', nextPairs(starts, system)]
			] as const) {
				for (const [from, to] of pairs.pairs)
					this.bump(this.cell(flows, kind, from, to), slots, oneLearner, sign);
				for (const [from, to, cohort] of pairs.byCohort)
					this.bump(
						this.cell(flows, kind, from, to),
						[this.slot(COHORT_DIMENSION, cohort)],
						oneLearner,
						sign
					);
			}
		}
	}
}

/** What each part of `add` works from: the learner, the catalogue, add or remove, their slots. */
type LearnerBump = {
	learner: PanelLearner;
	catalogue: PanelCatalogue;
	sign: 1 | -1;
	head: (panel: Panel, provider: string) => string;
	/** ALL, then the learner's group in each dimension. */
	groupSlots: number[];
};

/** A learner's distinct pairs of one kind, and (when asked) their distinct (pair, start cohort) triples. */
type LearnerPairs = { pairs: [string, string][]; byCohort: [string, string, string][] };

/** Collects distinct pairs, and distinct (pair, cohort) triples `byCohort`. */
function pairCollector(byCohort: boolean) {
	const seen = new Set<string>();
	const out: LearnerPairs = { pairs: [], byCohort: [] };
	return {
		out,
		add(from: string, to: string, cohort: string | null) {
			const pair = `${from}${SEPARATOR}${to}`;
			if (!seen.has(pair)) {
				seen.add(pair);
				out.pairs.push([from, to]);
			}
			if (!byCohort) return;
			const withCohort = `${pair}${SEPARATOR}${cohort ?? NO_COHORT}`;
			if (!seen.has(withCohort)) {
				seen.add(withCohort);
				out.byCohort.push([from, to, cohort ?? NO_COHORT]);
			}
		}
	};
}

/** '' (the whole system) and each distinct provider named. */
function withProviders(ids: (string | null)[]): string[] {
	const set = new Set<string>();
	for (const id of ids) if (id !== null) set.add(id);
	return ['', ...set];
}

/** When the learner first achieved each credential: an award, or a completed enrolment's end. */
function firstAchieved(learner: PanelLearner): Map<string, string> {
	const on = new Map<string, string>();
	const note = (credentialId: string, date: string) => {
		const previous = on.get(credentialId);
		if (previous === undefined || date < previous) on.set(credentialId, date);
	};
	for (const a of learner.awards) note(a.credentialId, a.issuedOn);
	for (const e of learner.enrolments)
		if (e.status === 'completed') note(e.credentialId, e.endedOn ?? e.startedOn);
	return on;
}

/**
 * The distinct (credential, next credential) pairs of enrolments in start order: each enrolment's
 * next is the first later one in a different credential, which is where a run of one credential
 * ends; every enrolment of the run starts the pair, from its own cohort.
 */
function nextPairs(starts: PanelLearner['enrolments'], byCohort: boolean): LearnerPairs {
	const pairs = pairCollector(byCohort);
	let runStart = 0;
	for (let i = 1; i < starts.length; i++) {
		const from = starts[i - 1].credentialId;
		const to = starts[i].credentialId;
		if (from === to) continue;
		// Without cohorts the run's last enrolment stands for it.
		for (let k = byCohort ? runStart : i - 1; k < i; k++) pairs.add(from, to, starts[k].cohort);
		runStart = i;
	}
	return pairs.out;
}

/** The distinct (credential, qualification achieved since the credential's start) pairs. */
function towardPairs(
	starts: PanelLearner['enrolments'],
	achievedOn: Map<string, string>,
	towardTargets: ReadonlyMap<string, readonly string[]>,
	byCohort: boolean
): LearnerPairs {
	const pairs = pairCollector(byCohort);
	for (const a of starts)
		for (const target of towardTargets.get(a.credentialId) ?? []) {
			const on = achievedOn.get(target);
			if (on === undefined || on < a.startedOn) continue;
			pairs.add(a.credentialId, target, a.cohort);
		}
	return pairs.out;
}
