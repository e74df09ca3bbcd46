// The sums behind the stacking, issuance and flows panels (panel_rollup). A change that touches
// some learners takes their counts out before it writes (`LearnerChanges.before`) and puts them
// back after (`after`), inside its transaction; past TOUCHED_LEARNERS_LIMIT learners, or when the
// catalogue changed, it counts every learner again instead. Issuance and flows are counted by the
// database (panel-counts.ts); stacking in the app (what each learner adds is
// domain/rollups/learner-panels.ts), since its progress bins come from the exact planner.
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Orm } from './db/client.ts';
import { GROUP_DIMENSIONS } from '../domain/types.ts';
import {
	COHORT_DIMENSION,
	NO_COHORT,
	PANEL_COUNTS,
	PanelSums,
	type PanelLearner
} from '../domain/rollups/index.ts';
import { indexCatalogue, type CatalogueIndex } from '../domain/stacking/index.ts';
import { getCatalogue } from './queries/catalogue.ts';
import { copyRecords } from './import/write.ts';
import { countIssuanceAndFlows, type PanelLearners } from './panel-counts.ts';

/** Above this many learners, a change counts every learner again (one pass beats many probes). */
export const TOUCHED_LEARNERS_LIMIT = 10_000;
/** Learners read and counted at a time (stacking). */
const BATCH = 2_000;
/**
 * Stacking cells held in memory before they are written out (bounds memory at national scale): a
 * small bound writes most cells once per batch, to be summed again in the table (with flows
 * counted in the app too, 5.1M delta rows for 423,000 cells at 50,000 against 423,000 at this
 * bound, at 1M).
 */
const FLUSH_CELLS = 500_000;

const COUNT_COLUMNS = Array.from({ length: PANEL_COUNTS }, (_, i) => `n${i}`);
const KEY_COLUMNS = ['panel', 'origin', 'provider_id', 'dimension', 'value', 'k1', 'k2', 'k3'];
/** panel_rollup's primary key (schema.ts), in its order. */
const PRIMARY_KEY = sql.raw('panel, provider_id, dimension, k1, origin, value, k2, k3');

/** The learners a write changes, for the panel sums. */
export class LearnerChanges {
	private readonly taken = new Set<string>();
	private all = false;
	private readonly sums = new PanelSums();
	private catalogue: Promise<CatalogueIndex> | undefined;
	private deltaTable = false;

	constructor(private readonly tx: Orm) {}

	/** Call before these learners' rows change: their current counts come out of the sums. */
	async before(learnerIds: Iterable<string>): Promise<void> {
		if (this.all) return;
		const fresh = [...new Set(learnerIds)].filter((id) => !this.taken.has(id));
		if (fresh.length === 0) return;
		if (this.taken.size + fresh.length > TOUCHED_LEARNERS_LIMIT) return this.everything();
		for (const id of fresh) this.taken.add(id);
		await this.count(fresh, -1);
	}

	/** Whether every learner is to be counted again (so nothing was taken out of the sums). */
	get countsEveryone(): boolean {
		return this.all;
	}

	/** Whatever changed reaches every learner's counts (the catalogue, say): count them all again. */
	everything(): void {
		this.all = true;
		this.taken.clear();
		this.sums.clear();
		this.catalogue = undefined;
	}

	/** Call once the writes are done: the learners' new counts go into the sums. */
	async after(): Promise<void> {
		await this.createDelta();
		if (this.all) {
			// Counts taken out before the change are moot: everything is counted afresh.
			await this.tx.execute(sql`truncate panel_delta`);
			await this.tx.execute(sql`delete from panel_rollup`);
			await this.count('all', 1);
		} else await this.count([...this.taken], 1);
		await this.flush(0);
		const keys = sql.raw(KEY_COLUMNS.join(', '));
		// In the order of the primary key, so its index is written page after page rather than all
		// over: at 10M enrolments (1.9M cells, an index far larger than shared buffers) writing the
		// cells took 49 s against 61 s in the hash's order.
		await this.tx.execute(sql`insert into panel_rollup (${keys}, ${sql.raw(COUNT_COLUMNS.join(', '))})
			select ${keys}, ${sql.raw(COUNT_COLUMNS.map((c) => `sum(${c})::int`).join(', '))}
			from panel_delta group by ${PRIMARY_KEY} order by ${PRIMARY_KEY}
			on conflict (${PRIMARY_KEY}) do update set
			${sql.raw(COUNT_COLUMNS.map((c) => `${c} = panel_rollup.${c} + excluded.${c}`).join(', '))}`);
		// Cells nobody is counted in any more.
		if (!this.all)
			await this.tx.execute(sql`delete from panel_rollup r using (select distinct ${keys} from panel_delta) d
				where ${sql.raw(KEY_COLUMNS.map((c) => `r.${c} = d.${c}`).join(' and '))}
				and ${sql.raw(COUNT_COLUMNS.map((c) => `r.${c} = 0`).join(' and '))}`);
		await refreshFlowCohorts(this.tx, this.all);
		await this.tx.execute(sql`truncate panel_delta`);
		this.taken.clear();
	}

	/** The transaction's table of counts to add: a learner's old counts negative, new ones positive. */
	private async createDelta() {
		if (this.deltaTable) return;
		await this.tx.execute(sql`create temp table if not exists panel_delta
			(${sql.raw(KEY_COLUMNS.map((c) => `${c} text`).join(', '))}, ${sql.raw(COUNT_COLUMNS.map((c) => `${c} integer`).join(', '))})
			on commit drop`);
		this.deltaTable = true;
	}

	private stackingCatalogue(): Promise<CatalogueIndex> {
		this.catalogue ??= getCatalogue({ orm: this.tx }).then(indexCatalogue);
		return this.catalogue;
	}

	/** Adds (1) or takes out (−1) the counts of these learners, or of every learner. */
	private async count(learners: PanelLearners, sign: 1 | -1): Promise<void> {
		await this.createDelta();
		await countIssuanceAndFlows(this.tx, learners, sign);
		await this.countStacking(learners, sign);
	}

	/** Adds (1) or takes out (−1) the stacking counts of these learners, or of every learner. */
	private async countStacking(learnerIds: PanelLearners, sign: 1 | -1): Promise<void> {
		const catalogue = await this.stackingCatalogue();
		const next = this.batchReader(learnerIds);
		let reading = next();
		try {
			for (;;) {
				const batch = await reading;
				if (batch === null) break;
				// The next batch is read while this one is counted: the database works on one core
				// while the counting works on the other.
				reading = next();
				reading.catch(() => {}); // seen when awaited
				await this.addBatch(batch, catalogue, sign);
			}
		} finally {
			// A failure mid-way: the read in flight ends before the transaction rolls back.
			await reading.catch(() => {});
		}
	}

	/** Reads the learners a batch at a time, in order; null once there are no more. */
	private batchReader(learnerIds: PanelLearners): () => Promise<PanelLearner[] | null> {
		if (learnerIds !== 'all') {
			let at = 0;
			return async () => {
				if (at >= learnerIds.length) return null;
				const ids = learnerIds.slice(at, (at += BATCH));
				return this.readBatch(sql`= any(${sql.param(ids)}::text[])`, null);
			};
		}
		let after = '';
		return async () => {
			const [last] = await rowsOf<{ id: string | null }>(
				this.tx,
				sql`select max(id) as id from (select id from learners where id > ${after} order by id limit ${BATCH}) b`
			);
			if (last.id === null) return null;
			const batch = this.readBatch(sql`> ${after}`, sql`<= ${last.id}`);
			after = last.id;
			return batch;
		};
	}

	/** One batch of learners and their awards, chosen by a condition on their id (and an upper bound for a range). */
	private async readBatch(idIs: SQL, idUpTo: SQL | null): Promise<PanelLearner[]> {
		const which = (column: string) =>
			sql`${sql.raw(column)} ${idIs}${idUpTo ? sql` and ${sql.raw(column)} ${idUpTo}` : sql``}`;
		const [learners, awards] = await Promise.all([
			rowsOf<Record<string, string>>(
				this.tx,
				sql`select id, origin, ${sql.raw(GROUP_DIMENSIONS.join(', '))} from learners l
					where l.analytics_consent and ${which('l.id')}`
			),
			rowsOf<{ learner_id: string; credential_id: string; provider_id: string | null }>(
				this.tx,
				sql`select a.learner_id, a.credential_id, coalesce(a.provider_id, c.provider_id) as provider_id
				from awards a join credentials c on c.id = a.credential_id
				where ${which('a.learner_id')}`
			)
		]);
		const byId = new Map<string, PanelLearner & { awards: unknown[] }>();
		for (const l of learners)
			byId.set(l.id, { origin: l.origin, groups: GROUP_DIMENSIONS.map((d) => l[d]), awards: [] });
		for (const a of awards)
			byId.get(a.learner_id)?.awards.push({ credentialId: a.credential_id, providerId: a.provider_id });
		return [...byId.values()];
	}

	private async addBatch(learners: PanelLearner[], catalogue: CatalogueIndex, sign: 1 | -1) {
		for (const learner of learners) this.sums.add(learner, catalogue, sign);
		await this.flush(FLUSH_CELLS);
	}

	/** Writes the cells held in memory to panel_delta once there are more than `above`. */
	private async flush(above: number) {
		if (this.sums.size === 0 || this.sums.size < above) return;
		await this.createDelta();
		const cells = this.sums.entries();
		const records = (function* () {
			for (const [key, counts] of cells) yield [...key, ...counts];
		})();
		if (await copyRecords(this.tx, 'panel_delta', records)) {
			this.sums.clear();
			return;
		}
		const entries = [...this.sums.entries()];
		this.sums.clear();
		for (let i = 0; i < entries.length; i += 5_000) {
			const part = entries.slice(i, i + 5_000);
			const columns = [
				...KEY_COLUMNS.map((_, k) => sql`${sql.param(part.map(([key]) => key[k]))}::text[]`),
				...COUNT_COLUMNS.map((_, n) => sql`${sql.param(part.map(([, counts]) => counts[n]))}::int[]`)
			];
			await this.tx.execute(sql`insert into panel_delta select * from unnest(${sql.join(columns, sql`, `)})`);
		}
	}
}

/**
 * Sums the system's flow cells by start cohort into flow_cohort_rollup (schema.ts), one row per
 * data view and flow: every flow again after a count of everyone, else the flows panel_delta
 * touched. Run after panel_rollup took the delta in, before the delta is emptied.
 */
async function refreshFlowCohorts(tx: Orm, everything: boolean): Promise<void> {
	const cohortCells = sql`r.panel = 'flows' and r.provider_id = '' and r.dimension = ${COHORT_DIMENSION}`;
	const touched = sql`select distinct k1, k2, k3, value from panel_delta
		where panel = 'flows' and provider_id = '' and dimension = ${COHORT_DIMENSION}`;
	if (everything) await tx.execute(sql`delete from flow_cohort_rollup`);
	else
		await tx.execute(sql`delete from flow_cohort_rollup f using (${touched}) d
			where f.kind = d.k1 and f.from_id = d.k2 and f.to_id = d.k3
			and coalesce(f.cohort, ${NO_COHORT}) = d.value`);
	// A data view counts the origins originCondition (queries/scope.ts) lets through.
	await tx.execute(sql`insert into flow_cohort_rollup (data, kind, from_id, to_id, cohort, learners)
		select v.data, r.k1, r.k2, r.k3, nullif(r.value, ${NO_COHORT}), sum(r.n0)::int
		from panel_rollup r
		join (values ('real'), ('generated'), ('all')) v(data)
			on v.data = 'all' or (v.data = 'real') = (r.origin = 'real')
		${everything ? sql`` : sql`join (${touched}) d on d.k1 = r.k1 and d.k2 = r.k2 and d.k3 = r.k3 and d.value = r.value`}
		where ${cohortCells}
		group by v.data, r.k1, r.k2, r.k3, r.value
		having sum(r.n0) > 0`);
}
