// The completion and flows questions of the attack suites (disclosure-attack.test.ts over crafted
// data, disclosure-attack-oulad.test.ts over the bundled OULAD data): each answer's cells seen by
// the attack (attack-solver.ts) under names of what they count, with the partitions that relate
// them — a cell is the sum of its cells by a further dimension, and a cell without a cohort,
// provider or credential filter the sum of its cells with each.
import type { Db } from '../../src/lib/server/db/client.ts';
import { getCompletion } from '../../src/lib/server/queries/completion.ts';
import { getFlows } from '../../src/lib/server/queries/flows.ts';
import type { Breakdown, EnrolmentFilters, Scope } from '../../src/lib/server/queries/scope.ts';
import type { GroupDimension } from '../../src/lib/domain/types.ts';
import { Attack, cellKey } from './attack-solver.ts';

/** One completion question: whose data (scope, or a provider filter), which credential and cohort, as of when, by what. */
export type Ask = {
	scope: Scope;
	provider?: string;
	credential?: string;
	cohort?: string;
	asOf?: string;
	by: Breakdown[];
};

/** The values a filter can take in the data attacked: a cell without the filter is their sum. */
export type Space = { cohorts: string[]; providers: string[]; credentials?: string[] };

const FIELDS = ['known', 'completed', 'inProgress'] as const;

const constraintsOf = (a: Ask): Record<string, string | undefined> => ({
	provider: a.scope.kind === 'provider' ? a.scope.providerId : a.provider,
	credential: a.credential,
	cohort: a.cohort,
	asOf: a.asOf ?? 'now'
});

const groupsOf = (r: { group: string | null; groups?: [string, string] }) =>
	r.groups ?? (r.group === null ? [] : [r.group]);

async function askCompletion(db: Db, attack: Attack, a: Ask) {
	const filters: EnrolmentFilters = {
		...(a.provider ? { providerId: a.provider } : {}),
		...(a.credential ? { credentialId: a.credential } : {}),
		...(a.cohort ? { cohort: a.cohort } : {})
	};
	const context = { scope: a.scope, asOf: a.asOf, filters, by: a.by };
	const [shown, truth] = await Promise.all([
		getCompletion(db, { ...context, suppression: attack.policy }),
		getCompletion(db, { ...context, suppression: false })
	]);
	const base = constraintsOf(a);
	const keyOf = (groups: string[], field: string, by = a.by) =>
		cellKey({ ...base, ...Object.fromEntries(by.map((d, i) => [d, groups[i]])) }, field);
	const keys: string[] = [];
	truth.rows.forEach((t, i) => {
		const s = shown.rows[i];
		for (const f of FIELDS) {
			const key = keyOf(groupsOf(t), f);
			attack.see(key, s[f], t[f]!);
			keys.push(key);
		}
	});
	attack.answer(
		keys,
		JSON.stringify(truth.rows.map((t) => [groupsOf(t), t.known, t.completed, t.inProgress]))
	);
	// Partitions: each cell of a breakdown adds up, over one of its dimensions, to the cell without it.
	for (const j of a.by.keys()) {
		const parents = new Map<string, string[][]>();
		for (const t of truth.rows) {
			const g = groupsOf(t);
			const id = JSON.stringify(g.filter((_, i) => i !== j));
			parents.set(id, [...(parents.get(id) ?? []), g]);
		}
		const others = a.by.filter((_, i) => i !== j);
		for (const [id, members] of parents)
			for (const f of FIELDS)
				attack.relate(
					keyOf(JSON.parse(id), f, others),
					members.map((g) => keyOf(g, f))
				);
	}
	return truth.rows.map(groupsOf);
}

/** Ask every question, then relate each cell to its cells by cohort, provider and credential. */
export async function attackCompletion(db: Db, attack: Attack, asks: Ask[], space: Space) {
	const listed = new Map<string, string[][]>();
	for (const a of asks) listed.set(JSON.stringify(a), await askCompletion(db, attack, a));
	for (const a of asks) {
		const groups = listed.get(JSON.stringify(a))!;
		const splits: Array<['cohort' | 'provider' | 'credential', string[]]> = [];
		if (a.cohort === undefined && !a.by.includes('cohort')) splits.push(['cohort', space.cohorts]);
		if (a.provider === undefined && a.scope.kind === 'system' && !a.by.includes('provider'))
			splits.push(['provider', space.providers]);
		if (space.credentials && a.credential === undefined && !a.by.includes('credential'))
			splits.push(['credential', space.credentials]);
		for (const [what, values] of splits)
			for (const g of groups)
				for (const f of FIELDS) {
					const constraints = { ...constraintsOf(a), ...Object.fromEntries(a.by.map((d, i) => [d, g[i]])) };
					const children = values.map((v) => cellKey({ ...constraints, [what]: v }, f));
					// A child no answer lists (its group is empty there) is 0, when that answer was asked.
					for (const [i, v] of values.entries())
						if (listed.has(JSON.stringify({ ...a, [what]: v }))) attack.zero(children[i]);
					attack.relate(cellKey(constraints, f), children);
				}
	}
}

/** One flows question: by a learner group or not, as of when, from which start cohorts. */
export type FlowAsk = {
	dimension?: GroupDimension;
	asOf?: string;
	startCohorts?: { from: string; to: string };
	/** Narrowed to the flows into and out of one credential (`/api/flows?credential=`). */
	credential?: string;
};

/**
 * Ask flows by start cohort and with the cohorts combined, for each question; relate a flow's
 * groups to it, and its start cohorts (within the range asked) to the flow of them combined.
 */
export async function attackFlows(
	db: Db,
	attack: Attack,
	scope: Scope,
	asks: FlowAsk[] = [{}, { dimension: 'gender' }]
) {
	for (const a of asks)
		for (const byCohort of [true, false]) {
			const question = {
				scope,
				dimension: a.dimension,
				byCohort,
				asOf: a.asOf,
				startCohorts: a.startCohorts,
				filters: a.credential ? { credentialId: a.credential } : {}
			};
			const [shown, truth] = await Promise.all([
				getFlows(db, { ...question, suppression: attack.policy }),
				getFlows(db, { ...question, suppression: false })
			]);
			// A flow by start cohort is the same cell whatever range holds its cohort.
			const range = a.startCohorts && !byCohort ? `${a.startCohorts.from}..${a.startCohorts.to}` : '*';
			const key = (r: {
				kind: string;
				from: string;
				to: string;
				cohort: string | null;
				group: string | null;
			}) =>
				JSON.stringify([
					'flow',
					r.kind,
					r.from,
					r.to,
					r.cohort ?? range,
					r.group === null ? '*' : `${a.dimension}=${r.group}`,
					a.asOf ?? 'now'
				]);
			const seen = new Map(shown.map((r) => [key(r), r.count]));
			for (const t of truth) attack.see(key(t), seen.get(key(t)) ?? null, t.count!);
		}
	// A flow's groups add up to it, and (where it holds) its start cohorts to the flow of all
	// cohorts, or of a range of them.
	const flows = [...attack.vars.keys()]
		.filter((k) => k.startsWith('["flow"'))
		.map((k) => JSON.parse(k) as string[]);
	const families = new Map<string, string[]>();
	const at = (f: string[], i: number, v: string) => f.map((x, j) => (j === i ? v : x));
	const member = (parent: string[], child: string[]) => {
		const p = JSON.stringify(parent);
		families.set(p, [...(families.get(p) ?? []), JSON.stringify(child)]);
	};
	const ranges = [...new Set(flows.map((f) => f[4]).filter((c) => c.includes('..')))];
	for (const f of flows) {
		if (f[5] !== '*') member(at(f, 5, '*'), f);
		if (f[4] !== '*' && !f[4].includes('..')) {
			member(at(f, 4, '*'), f);
			for (const r of ranges) {
				const [from, to] = r.split('..');
				if (from <= f[4] && f[4] <= to) member(at(f, 4, r), f);
			}
		}
	}
	for (const [parent, children] of families) attack.relate(parent, children);
}
