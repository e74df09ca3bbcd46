// What each learner adds to the /system panels that count learners over their whole history —
// stacking, issuance and flows (issue 9) — so their sums can be kept like the other rollups: a
// change takes the old counts of the learners it touches out and puts their new counts in.
//
// Every count here is a count of learners (or of a learner's awards) in a cell, and a learner is
// in one origin and one group per dimension, so the cells of different learners simply add up.
// The definitions are those of the base queries (server/queries/stacking.ts, issuance.ts,
// flows.ts), which the database tests hold these sums to:
// - stacking: each qualification something the learner holds counts toward (learnerStandings);
//   a provider's cells have the learners holding any award of that provider;
// - issuance: awards and distinct learners per quarter of issue and group of one breakdown,
//   all awards and verified ones apart; a provider's cells have the awards it issued;
// - flows: the distinct transitions of the learner (credential → next different credential, and
//   credential → a qualification it counts toward achieved on or after its start), without
//   cohorts; a provider's cells have the transitions among that provider's enrolments.
// Each cell is also kept per group dimension ('all' and one row per dimension and value).
import { GROUP_DIMENSIONS, type EnrolmentStatus } from '../types.ts';
import type { CatalogueIndex } from '../stacking/catalogue.ts';
import { learnerStandings } from '../stacking/stacking-rate.ts';

export const PANELS = ['stacking', 'issuance', 'flows'] as const;
export type Panel = (typeof PANELS)[number];

/**
 * The counts of one cell, by panel: stacking [holders, achieved, learners per progress bin ×6];
 * issuance [awards, learners]; flows [learners].
 */
export const PANEL_COUNTS = 8;

export type PanelLearner = {
	origin: string;
	/** In GROUP_DIMENSIONS order. */
	groups: readonly string[];
	/** In start order (started on, then id, as the database orders them). */
	enrolments: readonly {
		credentialId: string;
		providerId: string | null;
		status: EnrolmentStatus;
		startedOn: string;
		endedOn: string | null;
	}[];
	awards: readonly {
		credentialId: string;
		providerId: string | null;
		issuedOn: string;
		verified: boolean;
		/** Quarter of issue, "2014-Q2". */
		period: string;
		/** The award's group in each issuance breakdown ('none' → 'all'). */
		facets: Readonly<Record<string, string>>;
	}[];
};

export type PanelCatalogue = {
	index: CatalogueIndex;
	/** Credential → the qualifications with a requirement group it is a member of (flows). */

	towardTargets: ReadonlyMap<string, readonly string[]>;
};

/** A cell's key: panel, origin, provider ('' = whole system), dimension, value, and three keys. */
export type PanelKey = readonly [Panel, string, string, string, string, string, string, string];

const SEPARATOR = '\u0001';

/** Sums of learners' counts per cell; `add` with sign −1 takes a learner out. */
export class PanelSums {
	readonly cells = new Map<string, number[]>();

	get size() {
		return this.cells.size;
	}

	/** The cells as keys and counts (each key as PanelKey). */
	*entries(): Generator<[PanelKey, number[]]> {
		for (const [key, counts] of this.cells) yield [key.split(SEPARATOR) as unknown as PanelKey, counts];
	}

	clear() {
		this.cells.clear();
	}

	private bump(key: string, counts: readonly number[], sign: number) {
		let sums = this.cells.get(key);
		if (!sums) this.cells.set(key, (sums = new Array<number>(PANEL_COUNTS).fill(0)));
		for (let i = 0; i < counts.length; i++) sums[i] += sign * counts[i];
	}

	/** Adds one count vector to a cell for 'all' and for each of the learner's groups. */
	private bumpGroups(
		prefix: string,
		rest: string,
		groups: readonly string[],
		counts: number[],
		sign: number
	) {
		this.bump(`${prefix}all${SEPARATOR}all${SEPARATOR}${rest}`, counts, sign);
		for (let d = 0; d < GROUP_DIMENSIONS.length; d++)
			this.bump(`${prefix}${GROUP_DIMENSIONS[d]}${SEPARATOR}${groups[d]}${SEPARATOR}${rest}`, counts, sign);
	}

	add(learner: PanelLearner, catalogue: PanelCatalogue, sign: 1 | -1 = 1) {
		const { origin, groups } = learner;
		const head = (panel: Panel, provider: string) =>
			`${panel}${SEPARATOR}${origin}${SEPARATOR}${provider}${SEPARATOR}`;

		// Stacking: the held credentials are every award; a provider's learners hold one of its awards.
		if (learner.awards.length > 0) {
			const standings = learnerStandings(
				catalogue.index,
				learner.awards.map((a) => a.credentialId)
			);
			if (standings.length > 0) {
				const providers = withProviders(learner.awards.map((a) => a.providerId));
				for (const provider of providers) {
					const prefix = head('stacking', provider);
					for (const { target, achieved, bin } of standings) {
						const counts = [1, achieved ? 1 : 0, 0, 0, 0, 0, 0, 0];
						counts[2 + bin] = 1;
						for (const qualification of [target, ''])
							this.bumpGroups(prefix, `${qualification}${SEPARATOR}${SEPARATOR}`, groups, counts, sign);
					}
				}
			}
		}

		// Issuance: awards per cell, and the learner once in each cell they have an award in.
		const issued = new Map<string, number>();
		for (const award of learner.awards)
			for (const provider of award.providerId === null ? [''] : ['', award.providerId])
				for (const verification of award.verified ? ['all', 'verified'] : ['all'])
					for (const [breakdown, group] of Object.entries(award.facets)) {
						const key = `${head('issuance', provider)}${breakdown}${SEPARATOR}${group}${SEPARATOR}${award.period}${SEPARATOR}${verification}${SEPARATOR}`;
						issued.set(key, (issued.get(key) ?? 0) + 1);
					}
		for (const [key, awards] of issued) this.bump(key, [awards, 1], sign);

		// Flows: the learner's distinct transitions, among all their enrolments and among each
		// provider's.
		if (learner.enrolments.length > 0) {
			const achievedOn = firstAchieved(learner);
			for (const provider of withProviders(learner.enrolments.map((e) => e.providerId))) {
				const starts =
					provider === '' ? learner.enrolments : learner.enrolments.filter((e) => e.providerId === provider);
				const prefix = head('flows', provider);
				for (const flow of transitions(starts, achievedOn, catalogue.towardTargets))
					this.bumpGroups(prefix, flow, groups, [1], sign);
			}
		}
	}
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

/** The distinct transitions from these enrolments (in start order), as `kind␁from␁to`. */
function transitions(
	starts: PanelLearner['enrolments'],
	achievedOn: Map<string, string>,
	towardTargets: ReadonlyMap<string, readonly string[]>
): Set<string> {
	const out = new Set<string>();
	// The next different credential after each position, found walking back from the end.
	let next: string | null = null;
	for (let i = starts.length - 1; i >= 0; i--) {
		const a = starts[i];
		if (i + 1 < starts.length && starts[i + 1].credentialId !== a.credentialId)
			next = starts[i + 1].credentialId;
		if (next !== null) out.add(`next${SEPARATOR}${a.credentialId}${SEPARATOR}${next}`);
		for (const target of towardTargets.get(a.credentialId) ?? []) {
			const on = achievedOn.get(target);
			if (on !== undefined && on >= a.startedOn)
				out.add(`toward${SEPARATOR}${a.credentialId}${SEPARATOR}${target}`);
		}
	}
	return out;
}
