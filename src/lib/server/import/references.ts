// Which rows a row points at, so a chunk of units can be checked against the database (and
// against itself) before anything is written: a unit whose references dangle is rejected with the
// field named, instead of a foreign-key error aborting the whole import.
import { sql } from 'drizzle-orm';
import { rowsOf, type Orm } from '../db/client.ts';
import type { ImportRow } from './records.ts';

export type RefTable = 'providers' | 'credentials' | 'learners' | 'enrolments' | 'requirement_groups';
export type Reference = { table: RefTable; key: string; field: string };

const SEP = '\u0001';

export function referencesOf(item: ImportRow): Reference[] {
	const refs: Reference[] = [];
	const credential = (key: string | null | undefined, field: string) => {
		if (key) refs.push({ table: 'credentials', key, field });
	};
	switch (item.table) {
		case 'credentials':
			if (item.row.providerId)
				refs.push({ table: 'providers', key: item.row.providerId, field: 'provider_id' });
			break;
		case 'credential_skills':
			credential(item.row.credentialId, 'credential_id');
			break;
		case 'requirement_groups':
			credential(item.row.targetCredentialId, 'target_credential_id');
			if (item.row.parentGroupId)
				refs.push({ table: 'requirement_groups', key: item.row.parentGroupId, field: 'parent_group_id' });
			for (const member of item.row.members) credential(member, 'members');
			break;
		case 'prerequisites':
			credential(item.row.credentialId, 'credential_id');
			credential(item.row.requiredId, 'required_id');
			break;
		case 'recognitions':
			credential(item.row.credentialId, 'credential_id');
			credential(item.row.recognisedAsId, 'recognised_as_id');
			break;
		case 'enrolments':
			refs.push({ table: 'learners', key: item.row.learnerId, field: 'learner_id' });
			credential(item.row.credentialId, 'credential_id');
			if (item.row.providerId)
				refs.push({ table: 'providers', key: item.row.providerId, field: 'provider_id' });
			break;
		case 'awards':
			refs.push({ table: 'learners', key: item.row.learnerId, field: 'learner_id' });
			credential(item.row.credentialId, 'credential_id');
			if (item.row.enrolmentId)
				refs.push({
					table: 'enrolments',
					key: item.row.learnerId + SEP + item.row.enrolmentId,
					field: 'enrolment_id'
				});
			break;
	}
	return refs;
}

/** The key a row provides to others, when its table is one that is referenced. */
export function providedKey(item: ImportRow): { table: RefTable; key: string } | undefined {
	switch (item.table) {
		case 'providers':
		case 'credentials':
		case 'learners':
		case 'requirement_groups':
			return { table: item.table, key: item.row.id };
		case 'enrolments':
			return { table: 'enrolments', key: item.row.learnerId + SEP + item.row.id };
		default:
			return undefined;
	}
}

/** Of `keys`, those present in the database (as seen inside the open transaction). */
export async function existingKeys(tx: Orm, table: RefTable, keys: string[]): Promise<Set<string>> {
	if (keys.length === 0) return new Set();
	if (table === 'enrolments') {
		const learnerIds = keys.map((k) => k.split(SEP)[0]);
		const ids = keys.map((k) => k.split(SEP)[1]);
		const rows = await rowsOf<{ k: string }>(
			tx,
			sql`select e.learner_id || ${SEP} || e.id as k from enrolments e
				join unnest(${sql.param(learnerIds)}::text[], ${sql.param(ids)}::text[]) as t(l, i)
				on e.learner_id = t.l and e.id = t.i`
		);
		return new Set(rows.map((r) => r.k));
	}
	const rows = await rowsOf<{ id: string }>(
		tx,
		sql`select id from ${sql.raw(`"${table}"`)} where id = any(${sql.param(keys)}::text[])`
	);
	return new Set(rows.map((r) => r.id));
}

export const describeRef = (ref: Reference) =>
	`refers to ${ref.table.replace(/s$/, '').replace('_', ' ')} "${ref.key.split(SEP).pop()}", which is neither in this import nor in the database`;
