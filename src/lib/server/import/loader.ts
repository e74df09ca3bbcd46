// The one loader every format goes through: parse → validate → load, one transaction per import
// (and, for an import that counts every learner again, the rollups counted in a second one after
// it commits: rollups.ts, markRollupsPending).
//
// Units (a CSV line, a JSON document) are taken in chunks. Each chunk is checked field by field and
// for references (against itself and the database) before any row is written; a failing unit is
// rejected whole, with file, line or path, field and reason. A whole-file failure (ImportRefusal),
// an abort, or — for strict formats — any rejected unit rolls the transaction back, so the
// database is as it was. The `imports` row is written outside the transaction, so refused and
// aborted imports stay in the history with their errors.
import {
	countPendingRollups,
	credentialsOfLearners,
	markRollupsPending,
	rollupsPending,
	refreshRollups,
	type Touched
} from '../rollups.ts';
import { LearnerChanges, TOUCHED_LEARNERS_LIMIT } from '../panel-rollups.ts';
import { sql, type SQL } from 'drizzle-orm';
import { hasCitus } from '../db/citus.ts';
import type { Db, Orm } from '../db/client.ts';
import { databaseError, databaseMessage, rowsOf } from '../db/client.ts';
import type { ImportOrigin, Verification } from '../../domain/types.ts';
import {
	ImportRefusal,
	TABLE_ORDER,
	type ImportIssue,
	type ImportProgress,
	type ImportRow,
	type ImportTable,
	type ParsedUnit
} from './records.ts';
import { describeRef, existingKeys, providedKey, referencesOf, type RefTable } from './references.ts';
import { OneAtATime } from './one-at-a-time.ts';
import { holdImportRunning } from './running.ts';
import { duplicateIds, keepVerifiedAwards } from './conflicts.ts';
import { sha256Of, type SourceFile } from './source.ts';
import type { TextLayout } from './text-layout.ts';
import { validateRow } from './validate.ts';
import type { DocumentCheck } from '../../domain/document-check.ts';
import { pseudonymFor, pseudonymSecret, recordPseudonyms } from '../pseudonyms.ts';
import { rowKey, upsertRows, writeGroupMembers, type WriteCount } from './write.ts';

/** How many units are checked and written together. */
const CHUNK_UNITS = 5000;
/** How many errors an import keeps (the counts are always complete). */
const MAX_ERRORS = 100;

export type FileReport = {
	path: string;
	format: string;
	read: number;
	stored: number;
	rejected: number;
	errors: ImportIssue[];
	/** Problems that did not stop a unit (a dangling reference a rule can do without). */
	warnings: ImportIssue[];
	verification: Record<Verification, number>;
	/** Each verifiable credential or presentation read: its VC 2.0 verdict and proof (the first 100). */
	documents: DocumentCheck[];
	/** A text file's encoding, delimiter and line endings as detected (delimited formats). */
	text?: TextLayout;
};

export type ImportReport = {
	importId: number;
	format: string;
	status: 'succeeded' | 'refused' | 'aborted' | 'failed';
	files: FileReport[];
	/** Rows inserted or changed per table; all zero when the same data is imported again. */
	changed: Partial<Record<ImportTable | 'requirement_members', WriteCount>>;
	/**
	 * 'pending' when the rows are stored but the dashboards' sums could not be counted after them
	 * (`rollupsIssue` says why): they are counted again when the app next starts.
	 */
	rollups: 'current' | 'pending';
	rollupsIssue?: ImportIssue;
	/** Same-id conflicts the rule decided (conflicts.ts): recorded in the history with the errors. */
	conflicts: ImportIssue[];
	/** Why the whole import was refused, when it was. */
	refusal: ImportIssue[];
};

export type ImportJob = {
	format: string;
	files: SourceFile[];
	/** Any rejected unit refuses the whole import (datasets whose figures must reconcile exactly). */
	strict: boolean;
	parse(onBytes: (bytes: number) => void): AsyncIterable<ParsedUnit>;
	/** How a delimited text file is written, stated in its report (text-layout.ts). */
	layout?(file: SourceFile): Promise<TextLayout>;
	/** Checks on the loaded whole, inside the transaction (e.g. stacking cycles); issues refuse it. */
	afterLoad?(tx: Orm): Promise<ImportIssue[]>;
};

export type LoadOptions = {
	source?: string;
	/** What the rows are (default real): sample and test rows stay out of real figures. */
	origin?: ImportOrigin;
	onProgress?: (progress: ImportProgress) => void;
	signal?: AbortSignal;
	userId?: number | null;
	/**
	 * When this import would count every learner's sums again after its commit, leave them pending
	 * instead: the caller imports several in a row and counts once at the end (countDeferredRollups).
	 * Each of the 25 training.gov.au documents changes the catalogue, so each would otherwise count
	 * every learner again: 25 counts, minutes on a small machine, where one does.
	 */
	deferRollupCount?: boolean;
};

const emptyVerification = (): Record<Verification, number> => ({
	verified: 0,
	failed: 0,
	unsigned: 0,
	unverified: 0
});

class Aborted extends Error {}

/** Rows of an import labelled sample or test carry that origin, whatever the file says. */
function labelOrigin(units: ParsedUnit[], origin: ImportOrigin = 'real'): ParsedUnit[] {
	if (origin === 'real') return units;
	return units.map((u) =>
		u.kind === 'rows'
			? {
					...u,
					rows: u.rows.map((r) =>
						'origin' in r.row ? ({ ...r, row: { ...r.row, origin } } as ImportRow) : r
					)
				}
			: u
	);
}

/** Formats of one row per unit (Stackwise's templates), where an id given twice is an error. */
const TABULAR_FORMATS = new Set(['csv', 'arrow']);

/**
 * Runs one import: read → check → write (one transaction) → count the sums → record the outcome.
 * Whatever fails, the history gets a row and the report reconciles (read = stored + rejected).
 */
export async function runImportJob(db: Db, job: ImportJob, options: LoadOptions = {}): Promise<ImportReport> {
	const run = await startImport(db, job, options);
	try {
		const afterCommit = await db.orm.transaction((tx) =>
			loadInTransaction(tx, job, options, run, db.enrolmentLimit)
		);
		await finishAfterCommit(db, run, afterCommit, options);
	} catch (error) {
		markNothingStored(run, error);
	}
	run.report.files = [...run.files.values()];
	run.progress('done', true);
	// Once the history says the rows are stored, a failure to add the count's warning (the database
	// closing as the server stops, say) does not make the import fail: the next start counts.
	await recordReport(db, run.report).catch((error) => {
		if (!run.recorded) throw error;
	});
	return run.report;
}

/** One import under way: its history row, its reports and its progress. */
type ImportRun = {
	source: string;
	files: Map<string, FileReport>;
	report: ImportReport;
	/** Whether the history already says the rows are stored (before their sums are counted). */
	recorded: boolean;
	/** Bytes read so far, for the progress bar. */
	bytesRead(n: number): void;
	progress(phase: ImportProgress['phase'], force?: boolean): void;
};

/** What the transaction leaves to do after its commit. */
type AfterCommit = {
	/** Planner statistics Citus cannot gather inside the transaction that wrote the shards. */
	analyze: SQL | null;
	/** The import counts every learner's sums again, after its rows are committed. */
	countEveryone: boolean;
};

/** The import's row in the history (status running), its file reports and its progress reporter. */
async function startImport(db: Db, job: ImportJob, options: LoadOptions): Promise<ImportRun> {
	const sha256 = await sha256Of(job.files);
	const source = options.source ?? job.files.map((f) => f.path).join(', ');
	const [{ id: importId }] = await db.query<{ id: number }>(
		sql`insert into imports (source, format, sha256, status, user_id, origin)
			values (${source}, ${job.format}, ${sha256}, 'running', ${options.userId ?? null}, ${options.origin ?? 'real'}) returning id`
	);
	const files = new Map<string, FileReport>();
	for (const file of job.files) files.set(file.path, newFileReport(file.path, job.format));
	if (job.layout)
		for (const file of job.files)
			// A file whose layout cannot be told is refused by its parse, with the reason.
			files.get(file.path)!.text = await job.layout(file).catch(() => undefined);
	const totalBytes = job.files.reduce((sum, f) => sum + f.size, 0);
	let bytesDone = 0;
	let lastProgress = 0;
	return {
		source,
		files,
		recorded: false,
		report: {
			importId,
			format: job.format,
			status: 'succeeded',
			files: [],
			changed: {},
			refusal: [],
			conflicts: [],
			rollups: 'current'
		},
		bytesRead(n) {
			bytesDone += n;
		},
		progress(phase, force = false) {
			const now = Date.now();
			if (!options.onProgress || (!force && now - lastProgress < 100)) return;
			lastProgress = now;
			options.onProgress({ file: source, phase, done: Math.min(bytesDone, totalBytes), total: totalBytes });
		}
	};
}

/** The import's transaction: write every unit, check the whole, then count or mark the sums. */
async function loadInTransaction(
	tx: Orm,
	job: ImportJob,
	options: LoadOptions,
	run: ImportRun,
	enrolmentLimit: number | null
): Promise<AfterCommit> {
	// Held until the transaction ends, so a later start can tell this import from a dead one.
	await holdImportRunning(tx, run.report.importId);
	const state = new ChunkWriter(tx, run.report.importId, run.files, job.format, run.report, run.source);
	await writeUnits(job, options, run, state);
	refuseRejectedInStrict(job, run);
	await refuseBeyondEnrolmentLimit(tx, enrolmentLimit, run.source);
	const afterIssues = job.afterLoad ? await job.afterLoad(tx) : [];
	if (afterIssues.length > 0) throw new ImportRefusal(afterIssues);
	run.progress('summarising', true);
	const analyze = await analyzeGrownTables(tx, run.report);
	const touched = await state.touched();
	throwIfAborted(options);
	// A count an earlier import or start left pending (failed, or stopped) is retried here.
	const countEveryone = touched === 'all' || touched.learners.countsEveryone || (await rollupsPending(tx));
	if (countEveryone) await markRollupsPending(tx);
	else await refreshRollups(tx, touched);
	throwIfAborted(options);
	return { analyze, countEveryone };
}

/**
 * Refuses an import that would leave more enrolments than the database is meant to hold (the
 * embedded one's bound, db/client.ts), before the long count of its sums: all or nothing, and
 * saying where data this size belongs.
 */
async function refuseBeyondEnrolmentLimit(tx: Orm, limit: number | null, source: string): Promise<void> {
	if (limit === null) return;
	const [{ n }] = await rowsOf<{ n: number }>(tx, sql`select count(*)::int as n from enrolments`);
	if (Number(n) <= limit) return;
	const count = (x: number) => x.toLocaleString('en');
	throw new ImportRefusal([
		{
			file: source,
			message:
				`this import would leave ${count(Number(n))} enrolments in the embedded database, past its ` +
				`limit of ${count(limit)}: nothing was stored. For data this size, set DATABASE_URL to a ` +
				`PostgreSQL database (postgres://…) and import again.`
		}
	]);
}

function throwIfAborted(options: LoadOptions): void {
	if (options.signal?.aborted) throw new Aborted('aborted');
}

/** Parses the units and checks and writes them a chunk at a time. */
async function writeUnits(job: ImportJob, options: LoadOptions, run: ImportRun, state: ChunkWriter) {
	// One chunk is written while the next is read and checked: the database works on one core
	// while parsing works on the other. Writes stay one at a time and in order (the next chunk's
	// references are looked up in what the previous one wrote).
	const writes = new OneAtATime();
	const write = async (units: ParsedUnit[]) => {
		const checked = state.check(labelOrigin(units, options.origin));
		await writes.start(() => state.write(checked));
	};
	try {
		let chunk: ParsedUnit[] = [];
		for await (const unit of job.parse((n) => {
			run.bytesRead(n);
			run.progress('reading');
		})) {
			throwIfAborted(options);
			state.count(unit);
			chunk.push(unit);
			if (chunk.length >= CHUNK_UNITS) {
				await write(chunk);
				chunk = [];
				run.progress('writing');
			}
		}
		throwIfAborted(options);
		await write(chunk);
		await writes.last;
	} finally {
		// A failure while a chunk is being written: let its statements finish before the
		// transaction rolls back, so none arrives after.
		await writes.settled();
	}
}

/** A strict dataset is imported whole or not at all. */
function refuseRejectedInStrict(job: ImportJob, run: ImportRun): void {
	const rejected = [...run.files.values()].reduce((sum, f) => sum + f.rejected, 0);
	if (job.strict && rejected > 0)
		throw new ImportRefusal([
			{
				file: run.source,
				message: `${rejected} row(s) could not be read; this dataset is imported whole or not at all, so nothing was stored`
			}
		]);
}

/**
 * Planner statistics that know about the rows just written, before the rollups are counted from
 * them (and, committed with them, for the first dashboard query after a big import): at 1M
 * enrolments, stale ones turned a 7 s distinct count into 32 s. On Citus, ANALYZE of a distributed
 * table cannot follow the multi-shard writes in one transaction: it is returned to run after the
 * commit, and the count runs on the workers' own statistics meanwhile.
 */
async function analyzeGrownTables(tx: Orm, report: ImportReport): Promise<SQL | null> {
	const grown = Object.keys(report.changed).filter(
		(t) => (report.changed[t as ImportTable]?.inserted ?? 0) > 0
	);
	if (grown.length === 0) return null;
	const analyze = sql.raw(`analyze ${grown.map((t) => `"${t}"`).join(', ')}`);
	if (await hasCitus(tx)) return analyze;
	await tx.execute(analyze);
	return null;
}

/** After the commit: Citus's statistics, and the count of everyone's sums. */
async function finishAfterCommit(
	db: Db,
	run: ImportRun,
	afterCommit: AfterCommit,
	options: LoadOptions
): Promise<void> {
	if (afterCommit.analyze) await db.orm.execute(afterCommit.analyze);
	if (!afterCommit.countEveryone) return;
	// The rows are stored: say so in the history before the count, which may take minutes (and may
	// not finish if the server stops).
	run.report.files = [...run.files.values()];
	await recordReport(db, run.report);
	run.recorded = true;
	run.progress('stored', true);
	if (options.deferRollupCount) run.report.rollups = 'pending';
	else await countRollupsAfter(db, [run.report], run.source);
}

/** An import that failed, was refused or was stopped: nothing is stored, and the reports say why. */
function markNothingStored(run: ImportRun, error: unknown): void {
	const { report, source } = run;
	report.status =
		error instanceof Aborted ? 'aborted' : error instanceof ImportRefusal ? 'refused' : 'failed';
	report.refusal =
		error instanceof ImportRefusal
			? error.issues
			: [
					{
						file: source,
						message:
							error instanceof Aborted ? 'the import was stopped; nothing was stored' : failureMessage(error)
					}
				];
	report.changed = {};
	report.conflicts = [];
	// Nothing was stored: every unit read counts as rejected, so read = stored + rejected still holds.
	for (const file of run.files.values()) {
		file.rejected = file.read;
		file.stored = 0;
		file.verification = emptyVerification();
		if (error instanceof ImportRefusal) {
			for (const issue of error.issues)
				if (issue.file === file.path && file.errors.length < MAX_ERRORS) file.errors.unshift(issue);
		} else if (!(error instanceof Aborted))
			// Why every row of the file was rejected, with the file (--json lists errors by file).
			file.errors.unshift({ ...report.refusal[0], file: file.path });
	}
}

/**
 * Counts the dashboards' sums that the imports of `reports` left pending after their commits, and
 * says in the reports whether that worked. A failure leaves the rows stored, the count to a later
 * import, `stackwise rollups refresh` or the next start, and the reason on the last report (whose
 * history row the caller then writes again: recordReport).
 */
export async function countRollupsAfter(db: Db, reports: ImportReport[], source: string): Promise<void> {
	try {
		await countPendingRollups(db.orm);
		for (const report of reports) report.rollups = 'current';
	} catch (error) {
		const last = reports[reports.length - 1];
		last.rollups = 'pending';
		last.rollupsIssue = {
			file: source,
			message: `the rows are stored, but the dashboards' sums could not be counted after them (${databaseMessage(error as Error)}); they are counted again by the next import, by \`stackwise rollups refresh\` or when the app next starts`
		};
	}
}

/** Writes the import's outcome, counts and first errors to its row of the history. */
export async function recordReport(db: Db, report: ImportReport): Promise<void> {
	const totals = report.files.reduce(
		(t, f) => ({ read: t.read + f.read, stored: t.stored + f.stored, rejected: t.rejected + f.rejected }),
		{ read: 0, stored: 0, rejected: 0 }
	);
	// A database's refusal is in the import's refusal and in each of its files': said once here.
	const refusals = new Set(report.refusal.map((issue) => issue.message));
	const errors = [
		...report.refusal,
		...(report.rollupsIssue ? [report.rollupsIssue] : []),
		...report.conflicts,
		...report.files.flatMap((f) =>
			f.errors.filter((issue) => !(refusals.has(issue.message) && report.status === 'failed'))
		)
	].slice(0, MAX_ERRORS);
	await db.query(
		sql`update imports set finished_at = now(), status = ${report.status},
			rows_read = ${totals.read}, rows_stored = ${totals.stored}, rows_rejected = ${totals.rejected},
			files = ${JSON.stringify(report.files.map(({ errors: _, ...f }) => f))}::jsonb,
			errors = ${JSON.stringify(errors)}::jsonb
			where id = ${report.importId}`
	);
}

/**
 * Why an import failed: a database error says it was the database, with its message and detail
 * (postgres.js and PGlite errors both carry the SQLSTATE `code` and `severity`).
 */
function failureMessage(error: unknown): string {
	return databaseError(error)
		? `the database refused the import, so nothing was stored: ${databaseMessage(error)}`
		: databaseMessage(error);
}

function newFileReport(path: string, format: string): FileReport {
	return {
		path,
		format,
		read: 0,
		stored: 0,
		rejected: 0,
		errors: [],
		warnings: [],
		verification: emptyVerification(),
		documents: []
	};
}

/** What the panels count by (the catalogue changes what every learner's history adds up to). */
const PANEL_CATALOGUE: ReadonlySet<ImportTable> = new Set([
	'providers',
	'credentials',
	'requirement_groups',
	'recognitions'
]);

type RowsUnit = Extract<ParsedUnit, { kind: 'rows' }>;

/** A chunk after its field checks: the units that passed, and why the others did not. */
type CheckedChunk = { accepted: RowsUnit[]; rejected: { file: string; issues: ImportIssue[] }[] };

/** Checks and writes chunks of units inside the import's transaction. */
class ChunkWriter {
	/** What the rollups must be refreshed for once every chunk is written. */
	readonly touchedCredentials = new Set<string>();
	readonly touchedLearners = new Set<string>();
	/** Learners with rows in this import, for the panel sums (above the limit: all of them). */
	readonly learnerChanges: LearnerChanges;

	constructor(
		private tx: Orm,
		private importId: number,
		private files: Map<string, FileReport>,
		private format: string,
		private report: ImportReport,
		private source: string
	) {
		this.learnerChanges = new LearnerChanges(tx);
	}

	private fileOf(path: string): FileReport {
		let file = this.files.get(path);
		if (!file) {
			// A unit from a member of an archive or a document inside a file: report it on its own line.
			file = newFileReport(path, this.format);
			this.files.set(path, file);
		}
		return file;
	}

	private secret: Promise<string> | undefined;

	/** Learner rows with the pseudonym every view but the admin's shows. */
	private async withPseudonyms(rows: { id: string }[]) {
		const secret = await (this.secret ??= pseudonymSecret(this.tx));
		return rows.map((row) => ({ ...row, pseudonym: pseudonymFor(secret, row.id) }));
	}

	/** The credentials whose aggregates this import may have changed. */
	async touched(): Promise<Touched> {
		// Learners updated in place move their enrolments between groups; many of them: recount all.
		if (this.touchedLearners.size > TOUCHED_LEARNERS_LIMIT) return 'all';
		const ofLearners = await credentialsOfLearners(this.tx, [...this.touchedLearners]);
		return { credentials: [...this.touchedCredentials, ...ofLearners], learners: this.learnerChanges };
	}

	/** Counts a unit as read when it arrives, so a failure later in the file still reconciles. */

	count(unit: ParsedUnit) {
		const file = this.fileOf(unit.at.file);
		file.read++;
		for (const document of unit.documents ?? [])
			if (file.documents.length < MAX_ERRORS) file.documents.push(document);
	}

	private reject(path: string, issues: ImportIssue[]) {
		const file = this.fileOf(path);
		file.rejected++;
		for (const issue of issues) if (file.errors.length < MAX_ERRORS) file.errors.push(issue);
	}

	/**
	 * 1. Field checks, without the database (so they can run while the previous chunk is written).
	 * The rejections are recorded by `write`, so errors keep the order of the chunks.
	 */
	check(units: ParsedUnit[]): CheckedChunk {
		const checked: CheckedChunk = { accepted: [], rejected: [] };
		for (const unit of units) {
			if (unit.kind === 'rejected') {
				checked.rejected.push({ file: unit.at.file, issues: unit.issues });
				continue;
			}
			const issues: ImportIssue[] = [];
			for (const item of unit.rows)
				for (const problem of validateRow(item))
					issues.push({ ...unit.at, field: problem.field, message: problem.message });
			if (issues.length > 0) checked.rejected.push({ file: unit.at.file, issues });
			else checked.accepted.push(unit);
		}
		return checked;
	}

	/** 2–4. Ids, references and the same-id rule against the database, then the rows written. */
	async write(checked: CheckedChunk) {
		for (const { file, issues } of checked.rejected) this.reject(file, issues);
		if (checked.accepted.length === 0) return;
		let accepted = await this.withoutRepeatedIds(checked.accepted);
		accepted = await this.withReferencesFound(accepted);
		accepted = await this.underSameIdRule(accepted);
		await this.writeRows(this.latestRows(accepted));
	}

	/** In a tabular file an id names one record: a later line with an id already given is an error. */
	private async withoutRepeatedIds(accepted: RowsUnit[]): Promise<RowsUnit[]> {
		if (!TABULAR_FORMATS.has(this.format)) return accepted;
		const duplicates = await duplicateIds(this.tx, accepted, this.importId);
		for (const { unit, issue } of duplicates) this.reject(unit.at.file, [issue]);
		if (duplicates.length === 0) return accepted;
		return accepted.filter((u) => !duplicates.some((d) => d.unit === u));
	}

	/**
	 * References, against the accepted units of this chunk and the database. Rejecting a unit can
	 * strand another that relied on it, so repeat until nothing changes.
	 */
	private async withReferencesFound(accepted: RowsUnit[]): Promise<RowsUnit[]> {
		const inDb = new Map<RefTable, Set<string>>();
		const lookedUp = new Map<RefTable, Set<string>>();
		const setOf = (map: Map<RefTable, Set<string>>, table: RefTable) =>
			map.get(table) ?? map.set(table, new Set()).get(table)!;
		for (;;) {
			const provided = new Map<RefTable, Set<string>>();
			for (const unit of accepted)
				for (const item of unit.rows) {
					const key = providedKey(item);
					if (key) setOf(provided, key.table).add(key.key);
				}
			const missing = new Map<RefTable, Set<string>>();
			for (const unit of accepted)
				for (const item of unit.rows)
					for (const ref of referencesOf(item)) {
						if (provided.get(ref.table)?.has(ref.key) || lookedUp.get(ref.table)?.has(ref.key)) continue;
						setOf(missing, ref.table).add(ref.key);
					}
			for (const [table, keys] of missing) {
				const found = await existingKeys(this.tx, table, [...keys]);
				for (const key of keys) setOf(lookedUp, table).add(key);
				for (const key of found) setOf(inDb, table).add(key);
			}
			const still: RowsUnit[] = [];
			for (const unit of accepted) {
				const issues: ImportIssue[] = [];
				for (const item of unit.rows)
					for (const ref of referencesOf(item))
						if (!provided.get(ref.table)?.has(ref.key) && !inDb.get(ref.table)?.has(ref.key))
							issues.push({ ...unit.at, field: ref.field, message: describeRef(ref) });
				if (issues.length > 0) this.reject(unit.at.file, issues);
				else still.push(unit);
			}
			if (still.length === accepted.length) return accepted;
			accepted = still;
		}
	}

	/** The same-id rule: a verified award is not replaced by an unverified version (conflicts.ts). */
	private async underSameIdRule(accepted: RowsUnit[]): Promise<RowsUnit[]> {
		const ruled = await keepVerifiedAwards(this.tx, accepted, {
			importId: this.importId,
			source: this.source
		});
		for (const { issue, verification } of ruled.conflicts) {
			const file = this.fileOf(issue.file);
			file.verification[verification]++;
			if (file.warnings.length < MAX_ERRORS) file.warnings.push(issue);
			if (this.report.conflicts.length < MAX_ERRORS) this.report.conflicts.push(issue);
		}
		return ruled.units;
	}

	/**
	 * The rows to write per table, the last row of a key winning within the chunk (a row's own
	 * source over a mere mention); counts the units stored and remembers what they touch.
	 */
	private latestRows(accepted: RowsUnit[]): Map<ImportTable, Map<string, ImportRow>> {
		const byTable = new Map<ImportTable, Map<string, ImportRow>>();
		for (const unit of accepted) {
			const file = this.fileOf(unit.at.file);
			file.stored++;
			for (const warning of unit.warnings ?? [])
				if (file.warnings.length < MAX_ERRORS) file.warnings.push(warning);
			for (const item of unit.rows) {
				const rows = byTable.get(item.table) ?? byTable.set(item.table, new Map()).get(item.table)!;
				const key = rowKey(item);
				if (!(item.mentioned && rows.has(key) && !rows.get(key)!.mentioned)) rows.set(key, item);
				if (item.table === 'enrolments' || item.table === 'awards')
					this.touchedCredentials.add(item.row.credentialId);
				// Past the limit the answer is 'all' whatever else comes: stop remembering ids.
				if (
					item.table === 'learners' &&
					!item.mentioned &&
					this.touchedLearners.size <= TOUCHED_LEARNERS_LIMIT
				)
					this.touchedLearners.add(item.row.id);
				if (item.table === 'awards') file.verification[item.row.verification]++;
			}
		}
		return byTable;
	}

	/** Writes the rows, parents first; the panel sums lose the learners' counts before (and regain them after). */
	private async writeRows(byTable: Map<ImportTable, Map<string, ImportRow>>) {
		const learnerIds: string[] = [];
		for (const table of ['learners', 'enrolments', 'awards'] as const)
			for (const item of byTable.get(table)?.values() ?? [])
				if (item.table === 'learners') learnerIds.push(item.row.id);
				else if (item.table === 'enrolments' || item.table === 'awards') learnerIds.push(item.row.learnerId);
		await this.learnerChanges.before(learnerIds);
		for (const table of TABLE_ORDER) {
			const rows = byTable.get(table);
			if (!rows) continue;
			const total = (this.report.changed[table] ??= { inserted: 0, updated: 0 });
			for (const mentioned of [false, true]) {
				let part: object[] = [...rows.values()]
					.filter((item) => Boolean(item.mentioned) === mentioned)
					.map((item) => item.row);
				if (table === 'learners') part = await this.withPseudonyms(part as { id: string }[]);
				const count = await upsertRows(this.tx, table, part as never[], this.importId, {
					insertOnly: mentioned
				});
				if (table === 'learners')
					await recordPseudonyms(this.tx, part as { id: string; pseudonym: string }[]);
				total.inserted += count.inserted;
				total.updated += count.updated;
				if (PANEL_CATALOGUE.has(table) && count.inserted + count.updated > 0)
					this.learnerChanges.everything();
			}
			if (table === 'requirement_groups') {
				const list = [...rows.values()].map((item) => item.row);
				const changed = await writeGroupMembers(this.tx, list as { id: string; members: string[] }[]);
				const members = (this.report.changed.requirement_members ??= { inserted: 0, updated: 0 });
				members.updated += changed;
				if (changed > 0) this.learnerChanges.everything();
			}
		}
	}
}

/** Counts rows per table (used by tests and the CLI summary). */
export async function countRows(db: Db | { orm: Orm }): Promise<Record<string, number>> {
	const tables = [...TABLE_ORDER, 'requirement_members'];
	const rows = await rowsOf<Record<string, number>>(
		db.orm,
		sql.raw(`select ${tables.map((t) => `(select count(*)::int from "${t}") as "${t}"`).join(', ')}`)
	);
	return rows[0];
}
