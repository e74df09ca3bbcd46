// The attack suites' solver (tests/db/disclosure-attack*.test.ts; docs/disclosure.md): every
// published or withheld cell is a variable named by what it counts, relations say which cells add
// up to which, and interval propagation finds the withheld cells the published ones pin down.
//
// Every cell is a variable named by what it counts (its constraints: cohort, provider, as-of,
// groups, field), so the same cell reached two ways (cohort=A by region, or by cohort,region; the
// awards of a credential on the conformance, watch and catalogue pages) is one variable. Relations
// are partitions (a cell = the sum of its cells by a further dimension, cohort or provider), each
// kept only where it holds on the true counts (the attacker is granted knowledge of which
// identities hold, e.g. that an as-of date after a quarter ends leaves the quarter's awards as they
// are). Published cells are intervals — exact, or ±2 when the policy rounds and the figure is a
// multiple of 5 — withheld ones [0, ∞); hidden cells (never published, such as unverified awards)
// are unknowns that are not themselves cells.
// Interval propagation over the relations runs to a fixed point, and a withheld cell whose interval
// closes to one value is recovered. This is interval constraint propagation, stronger than a
// subtraction and weaker than the full LP audit (docs/disclosure.md says which).
import { rounds, type Suppression } from '../../src/lib/domain/suppression/policy.ts';

/** The canonical name of a cell: what it counts, however it was asked for. */
export function cellKey(constraints: Record<string, string | undefined>, field: string): string {
	const entries = Object.entries(constraints).filter(([, v]) => v !== undefined);
	return JSON.stringify([...entries.sort(([a], [b]) => a.localeCompare(b)), field]);
}

export type Var = {
	lo: number;
	hi: number;
	truth: number;
	withheld: boolean;
	published: boolean;
	values: number[];
	/** Bounds a published figure sets without stating the cell (a curve's height times its n). */
	bounds?: Array<[number, number]>;
};
type Relation = { parent: string; children: string[] };

export class Attack {
	vars = new Map<string, Var>();
	relations: Relation[] = [];
	private answers = new Map<string, string[]>(); // truth signature → cell keys of each answer

	constructor(readonly policy: Suppression) {}

	/** A cell as a caller received it: value null when withheld. */
	see(key: string, value: number | null, truth: number) {
		const v = this.vars.get(key) ?? {
			lo: 0,
			hi: Infinity,
			truth,
			withheld: false,
			published: false,
			values: []
		};
		if (v.truth !== truth) throw new Error(`attack: cell ${key} has two true values ${v.truth}, ${truth}`);
		if (value === null) v.withheld = true;
		else ((v.published = true), v.values.push(value));
		this.vars.set(key, v);
	}

	/**
	 * A cell a published figure bounds without stating it: at least lo and at most hi (a curve's
	 * cumulative share on a day times its n, each as published, bound the learners by that day).
	 */
	within(key: string, lo: number, hi: number, truth: number) {
		this.hidden(key, truth);
		const v = this.vars.get(key)!;
		if (v.truth !== truth) throw new Error(`attack: cell ${key} has two true values ${v.truth}, ${truth}`);
		v.bounds = [...(v.bounds ?? []), [lo, hi]];
	}

	/** A quantity no answer publishes (unverified awards): an unknown that relations may use, not a cell. */
	hidden(key: string, truth: number) {
		if (!this.vars.has(key))
			this.vars.set(key, { lo: 0, hi: Infinity, truth, withheld: false, published: false, values: [] });
	}

	/** A cell no answer lists although the answer lists its siblings: 0. */
	zero(key: string) {
		if (!this.vars.has(key))
			this.vars.set(key, { lo: 0, hi: 0, truth: 0, withheld: false, published: true, values: [] });
	}

	/** Remember an answer's cells under its true figures; identical answers are the same cells. */
	answer(keys: string[], signature: string) {
		const same = this.answers.get(signature);
		if (same && same.length === keys.length)
			same.forEach((k, i) => this.relations.push({ parent: k, children: [keys[i]] }));
		else this.answers.set(signature, keys);
	}

	relate(parent: string, children: string[]) {
		if (children.length === 0) return;
		this.relations.push({ parent, children });
	}

	/** Withheld cells whose value the published ones fix, with how. */
	solve(): string[] {
		// A published figure is exact unless the server rounds: the policy says it does, and the
		// figure is a multiple of 5 (a figure published unrounded gives itself away as exact).
		const rounded = (x: number) => rounds(this.policy) && x % 5 === 0;
		const exact = (v: Var) => v.values.some((x) => !rounded(x));
		for (const v of this.vars.values())
			for (const x of v.values) {
				const slack = rounded(x) ? 2 : 0;
				((v.lo = Math.max(v.lo, x - slack, 0)), (v.hi = Math.min(v.hi, x + slack)));
			}
		for (const v of this.vars.values())
			for (const [lo, hi] of v.bounds ?? [])
				((v.lo = Math.max(v.lo, Math.ceil(lo - 1e-9))), (v.hi = Math.min(v.hi, Math.floor(hi + 1e-9))));
		const unknown = (k: string) =>
			this.vars.get(k) ?? { lo: 0, hi: Infinity, truth: NaN, withheld: false, published: false };
		// Keep only the relations that hold on the true counts (and name known cells), each once.
		const distinct = new Map(this.relations.map((r) => [JSON.stringify([r.parent, ...r.children]), r]));
		const holds = [...distinct.values()]
			.filter(
				(r) =>
					this.vars.has(r.parent) &&
					r.children.every((c) => this.vars.has(c)) &&
					unknown(r.parent).truth === r.children.reduce((s, c) => s + unknown(c).truth, 0)
			)
			.map((r) => ({ parent: this.vars.get(r.parent)!, children: r.children.map((c) => this.vars.get(c)!) }));
		for (let round = 0, changed = true; changed && round < 200; round++) {
			changed = false;
			const tighten = (v: Var, lo: number, hi: number) => {
				const [nlo, nhi] = [Math.max(v.lo, Math.ceil(lo)), Math.min(v.hi, Math.floor(hi))];
				if (nlo !== v.lo || nhi !== v.hi) ((v.lo = nlo), (v.hi = nhi), (changed = true));
			};
			for (const { parent: p, children: kids } of holds) {
				// The children's sums, and the sum of all but one (an unbounded child counted apart).
				const lo = kids.reduce((s, v) => s + v.lo, 0);
				const unbounded = kids.filter((v) => v.hi === Infinity).length;
				const bounded = kids.reduce((s, v) => (v.hi === Infinity ? s : s + v.hi), 0);
				const hiBut = (v: Var) =>
					unbounded - (v.hi === Infinity ? 1 : 0) > 0 ? Infinity : bounded - (v.hi === Infinity ? 0 : v.hi);
				tighten(p, lo, unbounded > 0 ? Infinity : bounded);
				for (const v of kids) tighten(v, p.lo - hiBut(v), p.hi - (lo - v.lo));
			}
		}
		const out: string[] = [];
		for (const [k, v] of this.vars) {
			if (!(v.lo <= v.truth && v.truth <= v.hi)) throw new Error(`attack: solver excluded the truth of ${k}`);
			// A cell worked out as 0 tells of no one (a published total of 0 makes every part 0).
			if (v.withheld && v.truth > 0 && ((v.published && exact(v)) || v.lo === v.hi))
				out.push(`${k} = ${v.truth}`);
		}
		return out.sort();
	}
}
