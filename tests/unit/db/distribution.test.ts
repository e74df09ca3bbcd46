// docs/scaling.md distributes learner-scoped tables on learner_id (Citus): that needs every such
// table's primary key, unique keys and foreign keys between them to contain learner_id. Checked on
// the schema itself, so a new learner-scoped table cannot break it unnoticed.
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as schema from '../../../src/lib/server/db/schema.ts';

const tables = (Object.values(schema) as unknown[])
	.filter((value): value is PgTable => value instanceof PgTable)
	.map((table) => getTableConfig(table));

// Accounts link to a learner but are not the learner's records; they stay on the coordinator.
// The pseudonym lookup is distributed by the pseudonym it is looked up by (db/citus.ts).
const NOT_LEARNER_SCOPED = new Set(['users', 'learner_pseudonyms']);

const learnerScoped = tables.filter(
	(t) => !NOT_LEARNER_SCOPED.has(t.name) && t.columns.some((c) => c.name === 'learner_id')
);

describe('learner-scoped tables distribute on learner_id', () => {
	it('finds the learner-scoped tables', () => {
		expect(learnerScoped.map((t) => t.name).sort()).toEqual(['award_conflicts', 'awards', 'enrolments']);
	});

	it.each(learnerScoped.map((t) => [t.name, t] as const))('%s: primary key contains learner_id', (_, t) => {
		const keys = t.primaryKeys.flatMap((pk) => pk.columns.map((c) => c.name));
		const inline = t.columns.filter((c) => c.primary).map((c) => c.name);
		expect([...keys, ...inline]).toContain('learner_id');
	});

	it.each(learnerScoped.map((t) => [t.name, t] as const))(
		'%s: foreign keys to another learner-scoped table contain learner_id',
		(_, t) => {
			const scopedNames = new Set(learnerScoped.map((s) => s.name));
			for (const fk of t.foreignKeys) {
				const ref = fk.reference();
				const target = getTableConfig(ref.foreignTable).name;
				if (!scopedNames.has(target)) continue;
				expect(ref.columns.map((c) => c.name)).toContain('learner_id');
				expect(ref.foreignColumns.map((c) => c.name)).toContain('learner_id');
			}
		}
	);

	it('learners itself is keyed by its id, the distribution column, and has no other unique key', () => {
		const learners = tables.find((t) => t.name === 'learners')!;
		expect(learners.columns.filter((c) => c.primary).map((c) => c.name)).toEqual(['id']);
		expect(learners.indexes.filter((i) => i.config.unique)).toEqual([]);
		expect(learners.columns.filter((c) => c.isUnique)).toEqual([]);
	});

	it('no table outside the learner tables refers to one of them (Citus allows no such key)', () => {
		const distributed = new Set(['learners', ...learnerScoped.map((t) => t.name)]);
		for (const t of tables.filter((t) => !distributed.has(t.name)))
			for (const fk of t.foreignKeys)
				expect(distributed.has(getTableConfig(fk.reference().foreignTable).name), t.name).toBe(false);
	});
});
