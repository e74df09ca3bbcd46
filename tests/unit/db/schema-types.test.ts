// The drizzle tables and the domain types describe the same rows: these assertions are types, so
// `npm run check` (svelte-check, run by .ci/run) fails when a column and its domain field drift
// apart: a vocabulary value added on one side only, a column made nullable, a field renamed. The
// runtime half checks what types cannot: the import column specs derived from the same tables.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type {
	Award,
	Credential,
	CredentialSkill,
	Enrolment,
	Learner,
	Prerequisite,
	Provider,
	Recognition,
	RequirementGroup
} from '../../../src/lib/domain/types.ts';
import type * as schema from '../../../src/lib/server/db/schema.ts';
import { TABLES } from '../../../src/lib/server/import/tables.ts';

type Row<T extends { $inferSelect: object }> = T['$inferSelect'];
/** Fields the domain leaves optional (a delivering provider other than the credential's own). */
type WithOptionalProvider<T extends { providerId: string | null }> = Flat<
	Omit<T, 'providerId'> & { providerId?: string | null }
>;
type Flat<T> = { [K in keyof T]: T[K] };

describe('the schema and the domain types', () => {
	it('describe the same rows', () => {
		expectTypeOf<Row<typeof schema.providers>>().toEqualTypeOf<Provider>();
		expectTypeOf<Row<typeof schema.credentials>>().toEqualTypeOf<Credential>();
		expectTypeOf<Row<typeof schema.credentialSkills>>().toEqualTypeOf<CredentialSkill>();
		expectTypeOf<Row<typeof schema.requirementGroups>>().toEqualTypeOf<Omit<RequirementGroup, 'members'>>();
		expectTypeOf<Row<typeof schema.prerequisites>>().toEqualTypeOf<Prerequisite>();
		expectTypeOf<Row<typeof schema.recognitions>>().toEqualTypeOf<Recognition>();
		expectTypeOf<Omit<Row<typeof schema.learners>, 'pseudonym'>>().toEqualTypeOf<Learner>();
		expectTypeOf<
			WithOptionalProvider<Omit<Row<typeof schema.enrolments>, 'importId'>>
		>().toEqualTypeOf<Enrolment>();
		expectTypeOf<
			WithOptionalProvider<Omit<Row<typeof schema.awards>, 'importId' | 'source'>>
		>().toEqualTypeOf<Award>();
	});

	it('give each import table its columns in order, its key, what a file must give and what a blank becomes', () => {
		expect(TABLES.enrolments.key).toEqual(['learner_id', 'id']);
		expect(TABLES.credentials.key).toEqual(['id']);
		expect(TABLES.enrolments.columns.map((c) => c.name)).toEqual([
			'learner_id',
			'id',
			'credential_id',
			'cohort',
			'provider_id',
			'started_on',
			'ended_on',
			'status',
			'result'
		]);
		expect(TABLES.enrolments.columns.filter((c) => c.required).map((c) => c.name)).toEqual([
			'learner_id',
			'id',
			'credential_id',
			'started_on',
			'status'
		]);
		expect(TABLES.learners.columns.map((c) => c.name)).not.toContain('pseudonym');
		expect(TABLES.learners.columns.find((c) => c.name === 'gender')).toMatchObject({ default: 'not stated' });
		expect(TABLES.awards.columns.find((c) => c.name === 'verification')).toMatchObject({
			default: 'unsigned'
		});
		expect(TABLES.awards.columns.find((c) => c.name === 'verification')?.required).toBeUndefined();
		expect(TABLES.credentials.columns.find((c) => c.name === 'learning_outcomes')?.type).toBe('list');
		expect(TABLES.awards.columns.find((c) => c.name === 'source')?.type).toBe('json');
		expect(TABLES.requirement_groups.columns.at(-1)).toMatchObject({
			name: 'members',
			virtual: true,
			default: []
		});
	});
});
