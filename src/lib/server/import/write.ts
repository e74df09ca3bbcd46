// Writes validated rows with one `INSERT … SELECT FROM unnest(…) ON CONFLICT DO UPDATE` per table
// and batch: 3× faster than row-wise inserts on both engines (TOOLCHAIN.md), and the same SQL on
// PostgreSQL and PGlite. Updates only touch rows whose values differ, so re-importing the same
// file changes nothing and says so.
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Orm } from '../db/client.ts';
import type { ImportRow, ImportTable } from './records.ts';

type ColumnType = 'text' | 'boolean' | 'real' | 'integer' | 'date' | 'jsonb';
type RowOf<T extends ImportTable> = Extract<ImportRow, { table: T }>['row'];

type TableSpec<T extends ImportTable> = {
	name: string;
	/** Column name → type, in insert order. */
	columns: [string, ColumnType][];
	key: string[];
	values(row: RowOf<T>): unknown[];
};

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

export const TABLE_SPECS: { [T in ImportTable]: TableSpec<T> } = {
	providers: {
		name: 'providers',
		columns: [
			['id', 'text'],
			['name', 'text'],
			['kind', 'text'],
			['country', 'text'],
			['qa_approach', 'text'],
			['accredited', 'boolean'],
			['origin', 'text']
		],
		key: ['id'],
		values: (r) => [r.id, r.name, r.kind, r.country, r.qaApproach, r.accredited, r.origin]
	},
	credentials: {
		name: 'credentials',
		columns: [
			['id', 'text'],
			['provider_id', 'text'],
			['title', 'text'],
			['kind', 'text'],
			['level_framework', 'text'],
			['level', 'text'],
			['workload_hours', 'real'],
			['credits', 'real'],
			['credit_system', 'text'],
			['assessed', 'boolean'],
			['assessment_type', 'text'],
			['participation_mode', 'text'],
			['quality_assured', 'boolean'],
			['description', 'text'],
			['learning_outcomes', 'jsonb'],
			['valid_from', 'date'],
			['valid_to', 'date'],
			['unparsed', 'jsonb'],
			['origin', 'text']
		],
		key: ['id'],
		values: (r) => [
			r.id,
			r.providerId,
			r.title,
			r.kind,
			r.levelFramework,
			r.level,
			r.workloadHours,
			r.credits,
			r.creditSystem,
			r.assessed,
			r.assessmentType,
			r.participationMode,
			r.qualityAssured,
			r.description,
			json(r.learningOutcomes),
			r.validFrom,
			r.validTo,
			json(r.unparsed),
			r.origin
		]
	},
	credential_skills: {
		name: 'credential_skills',
		columns: [
			['credential_id', 'text'],
			['skill_uri', 'text'],
			['label', 'text']
		],
		key: ['credential_id', 'skill_uri'],
		values: (r) => [r.credentialId, r.skillUri, r.label]
	},
	requirement_groups: {
		name: 'requirement_groups',
		columns: [
			['id', 'text'],
			['target_credential_id', 'text'],
			['parent_group_id', 'text'],
			['rule', 'text'],
			['n', 'integer'],
			['min_credits', 'real'],
			['label', 'text'],
			['position', 'integer']
		],
		key: ['id'],
		values: (r) => [
			r.id,
			r.targetCredentialId,
			r.parentGroupId,
			r.rule,
			r.n,
			r.minCredits,
			r.label,
			r.position
		]
	},
	prerequisites: {
		name: 'prerequisites',
		columns: [
			['credential_id', 'text'],
			['required_id', 'text']
		],
		key: ['credential_id', 'required_id'],
		values: (r) => [r.credentialId, r.requiredId]
	},
	recognitions: {
		name: 'recognitions',
		columns: [
			['credential_id', 'text'],
			['recognised_as_id', 'text']
		],
		key: ['credential_id', 'recognised_as_id'],
		values: (r) => [r.credentialId, r.recognisedAsId]
	},
	learners: {
		name: 'learners',
		columns: [
			['id', 'text'],
			['gender', 'text'],
			['age_band', 'text'],
			['disability', 'text'],
			['deprivation_band', 'text'],
			['region', 'text'],
			['prior_education', 'text'],
			['analytics_consent', 'boolean'],
			['identity_hash', 'text'],
			['origin', 'text']
		],
		key: ['id'],
		values: (r) => [
			r.id,
			r.gender,
			r.ageBand,
			r.disability,
			r.deprivationBand,
			r.region,
			r.priorEducation,
			r.analyticsConsent ?? true,
			r.identityHash,
			r.origin
		]
	},
	enrolments: {
		name: 'enrolments',
		columns: [
			['learner_id', 'text'],
			['id', 'text'],
			['credential_id', 'text'],
			['cohort', 'text'],
			['started_on', 'date'],
			['ended_on', 'date'],
			['status', 'text'],
			['result', 'text'],
			['import_id', 'integer']
		],
		key: ['learner_id', 'id'],
		values: (r) => [
			r.learnerId,
			r.id,
			r.credentialId,
			r.cohort,
			r.startedOn,
			r.endedOn,
			r.status,
			r.result,
			null
		]
	},
	awards: {
		name: 'awards',
		columns: [
			['learner_id', 'text'],
			['id', 'text'],
			['credential_id', 'text'],
			['enrolment_id', 'text'],
			['issued_on', 'date'],
			['expires_on', 'date'],
			['verification', 'text'],
			['verification_reason', 'text'],
			['source', 'jsonb'],
			['import_id', 'integer']
		],
		key: ['learner_id', 'id'],
		values: (r) => [
			r.learnerId,
			r.id,
			r.credentialId,
			r.enrolmentId,
			r.issuedOn,
			r.expiresOn,
			r.verification,
			r.verificationReason,
			json(r.source),
			null
		]
	}
};

/** Columns an update leaves alone: which import first brought a row is history, not content. */
const KEEP_ON_UPDATE = new Set(['import_id']);

export function rowKey(item: ImportRow): string {
	const spec = TABLE_SPECS[item.table] as TableSpec<ImportTable>;
	const values = spec.values(item.row as never);
	return spec.key.map((k) => String(values[spec.columns.findIndex(([c]) => c === k)])).join('\u0001');
}

const stringify = (value: unknown) => (value === null || value === undefined ? null : String(value));

export type WriteCount = { inserted: number; updated: number };

/** Upserts rows of one table (already de-duplicated by key). */
export async function upsertRows<T extends ImportTable>(
	tx: Orm,
	table: T,
	rows: RowOf<T>[],
	importId: number | null
): Promise<WriteCount> {
	if (rows.length === 0) return { inserted: 0, updated: 0 };
	const spec = TABLE_SPECS[table] as TableSpec<T>;
	const columnCount = spec.columns.length;
	const arrays: (string | null)[][] = spec.columns.map(() => new Array(rows.length));
	rows.forEach((row, i) => {
		const values = spec.values(row);
		for (let c = 0; c < columnCount; c++) {
			const name = spec.columns[c][0];
			arrays[c][i] = name === 'import_id' ? stringify(importId) : stringify(values[c]);
		}
	});
	const names = spec.columns.map(([name]) => name);
	const columnList = sql.raw(names.map((n) => `"${n}"`).join(', '));
	// Every array travels as text[] (one parameter each) and is cast per column in the SELECT.
	const unnestArgs = sql.join(
		arrays.map((values) => sql`${sql.param(values)}::text[]`),
		sql`, `
	);
	const aliases = sql.raw(names.map((_, i) => `c${i}`).join(', '));
	const selectList = sql.raw(spec.columns.map(([, type], i) => `c${i}::${type}`).join(', '));
	const updatable = names.filter((n) => !spec.key.includes(n) && !KEEP_ON_UPDATE.has(n));
	let conflict: SQL;
	if (updatable.length === 0) {
		conflict = sql.raw(`on conflict (${spec.key.map((k) => `"${k}"`).join(', ')}) do nothing`);
	} else {
		const set = updatable.map((n) => `"${n}" = excluded."${n}"`).join(', ');
		const current = updatable.map((n) => `${spec.name}."${n}"`).join(', ');
		const incoming = updatable.map((n) => `excluded."${n}"`).join(', ');
		conflict = sql.raw(
			`on conflict (${spec.key.map((k) => `"${k}"`).join(', ')}) do update set ${set} ` +
				`where (${current}) is distinct from (${incoming})`
		);
	}
	const query = sql`insert into ${sql.raw(`"${spec.name}"`)} (${columnList})
		select ${selectList} from unnest(${unnestArgs}) as t(${aliases})
		${conflict}
		returning (xmax = 0) as inserted`;
	const result = await rowsOf<{ inserted: boolean }>(tx, query);
	const inserted = result.filter((r) => r.inserted).length;
	return { inserted, updated: result.length - inserted };
}

/** Replaces the member lists of the given groups; counts rows that actually changed. */
export async function writeGroupMembers(
	tx: Orm,
	groups: { id: string; members: string[] }[]
): Promise<number> {
	if (groups.length === 0) return 0;
	const groupIds: string[] = [];
	const memberIds: string[] = [];
	for (const g of groups)
		for (const m of new Set(g.members)) {
			groupIds.push(g.id);
			memberIds.push(m);
		}
	const deleted = await rowsOf<{ group_id: string }>(
		tx,
		sql`delete from requirement_members m
			where m.group_id = any(${sql.param(groups.map((g) => g.id))}::text[])
			and not exists (select 1 from unnest(${sql.param(groupIds)}::text[], ${sql.param(memberIds)}::text[]) as t(g, c)
				where t.g = m.group_id and t.c = m.credential_id)
			returning m.group_id`
	);
	if (groupIds.length === 0) return deleted.length;
	const inserted = await rowsOf<{ group_id: string }>(
		tx,
		sql`insert into requirement_members (group_id, credential_id)
			select g, c from unnest(${sql.param(groupIds)}::text[], ${sql.param(memberIds)}::text[]) as t(g, c)
			on conflict do nothing returning group_id`
	);
	return deleted.length + inserted.length;
}
