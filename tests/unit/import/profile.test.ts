// Mapping profiles: the JSON checked by its schema, columns found in a messy header, one wide row
// turned into its records, and every problem naming the field and the value.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	bindProfile,
	mapWideRow,
	type BoundProfile
} from '../../../src/lib/server/import/profile/map-row.ts';
import { parseProfile, type Profile } from '../../../src/lib/server/import/profile/profile.ts';

const fixtures = join(import.meta.dirname, '../../fixtures/profile');
const json = JSON.parse(readFileSync(join(fixtures, 'student-extract.profile.json'), 'utf8'));
const header = ['\uFEFFMarital status', 'Course', 'Daytime/evening attendance\t', ' Gender ', 'Target'];

function bound(profile: Profile): BoundProfile {
	const result = bindProfile(profile, header);
	if ('problems' in result) throw new Error(result.problems.join('\n'));
	return result.bound;
}
const fixtureProfile = () => {
	const parsed = parseProfile(json);
	if ('problems' in parsed) throw new Error(parsed.problems.join('\n'));
	return parsed.profile;
};

describe('mapping profiles', () => {
	it('accepts the issue shape and names every problem by its path', () => {
		expect(parseProfile(json)).toHaveProperty('profile.fields.gender.map', { '1': 'M', '0': 'F' });
		const bad = parseProfile({
			delimiter: ':',
			fields: {
				learner_id: { column: '#row' },
				shoe_size: { column: 'Shoe' }
			}
		});
		expect('problems' in bad && bad.problems).toEqual([
			expect.stringMatching(/^delimiter: Invalid option/),
			expect.stringMatching(/^fields: Unrecognized key: "shoe_size"; the fields are learner_id, gender/)
		]);
		const status = parseProfile({
			...json,
			fields: { ...json.fields, status: { column: 'Target', map: { Graduate: 'graduated' } } }
		});
		expect('problems' in status && status.problems).toEqual([
			'fields.status.map.Graduate: "graduated" is not one of in_progress, completed, withdrawn, failed'
		]);
		const missing = parseProfile({ fields: { learner_id: { column: '#row' } } });
		expect('problems' in missing && missing.problems).toEqual([
			expect.stringMatching(/^fields\.credential_id: is required/),
			expect.stringMatching(/^fields\.started_on: is required/),
			expect.stringMatching(/^fields\.status: is required/)
		]);
	});

	it('finds columns after trimming whitespace, tabs and a BOM; a missing one is named with the header', () => {
		const profile = fixtureProfile();
		expect(bound(profile).read.find((r) => r.field === 'gender')).toMatchObject({
			index: 3,
			column: 'Gender'
		});
		const wrong = bindProfile(
			{ ...profile, fields: { ...profile.fields, gender: { column: 'Sex' } } },
			header
		);
		expect(wrong).toEqual({
			problems: [
				'fields.gender: no column "Sex" in the header',
				`the header's columns are: "Marital status", "Course", "Daytime/evening attendance", "Gender", "Target"`
			]
		});
	});

	it('makes the learner, the credential and provider (only if new), the enrolment and, when completed, the award', () => {
		const b = bound(fixtureProfile());
		const done = mapWideRow(b, ['1', '171', '1', '0', 'Graduate'], 7);
		expect('rows' in done && done.rows.map((r) => [r.table, r.mentioned ?? false])).toEqual([
			['providers', true],
			['credentials', true],
			['learners', false],
			['enrolments', false],
			['awards', false]
		]);
		const rows = 'rows' in done ? Object.fromEntries(done.rows.map((r) => [r.table, r.row])) : {};
		expect(rows.providers).toMatchObject({ id: 'harbour-poly', name: 'Harbour Polytechnic' });
		expect(rows.credentials).toMatchObject({
			id: 'harbour-171',
			providerId: 'harbour-poly',
			title: 'Animation and Multimedia Design',
			kind: 'macro'
		});
		expect(rows.learners).toMatchObject({ id: 'harbour-7', gender: 'F', ageBand: 'not stated' });
		expect(rows.enrolments).toMatchObject({
			id: 'harbour-171/2019',
			learnerId: 'harbour-7',
			credentialId: 'harbour-171',
			cohort: '2019',
			startedOn: '2019-09-16',
			endedOn: '2022-07-31',
			status: 'completed'
		});
		expect(rows.awards).toMatchObject({
			id: 'harbour-171/2019',
			issuedOn: '2022-07-31',
			enrolmentId: 'harbour-171/2019'
		});

		const enrolled = mapWideRow(b, ['1', '9500', '1', '1', 'Enrolled'], 8);
		const enrolment = 'rows' in enrolled ? enrolled.rows.find((r) => r.table === 'enrolments')!.row : null;
		// In progress: no end date, whatever the profile's constant says, and no award.
		expect(enrolment).toMatchObject({ status: 'in_progress', endedOn: null });
		expect('rows' in enrolled && enrolled.rows.some((r) => r.table === 'awards')).toBe(false);
	});

	it('rejects a row whose value is not in a map, naming the field, the column and the value', () => {
		const b = bound(fixtureProfile());
		expect(mapWideRow(b, ['1', '171', '1', '1', 'Transfer'], 13)).toEqual({
			problems: [
				{
					field: 'status',
					message:
						'"Transfer" (column "Target") is not in the profile\'s map ("Graduate", "Dropout", "Enrolled")'
				}
			]
		});
		expect(mapWideRow(b, ['1', '42', '1', '2', 'Graduate'], 13)).toEqual({
			problems: [
				{ field: 'gender', message: '"2" (column "Gender") is not in the profile\'s map ("0", "1")' },
				{ field: 'title', message: expect.stringContaining('"42" (column "Course") is not in') }
			]
		});
		// A blank cell is unknown, not a wrong code: "not stated", as everywhere.
		const blank = mapWideRow(b, ['1', '171', '1', '', 'Dropout'], 3);
		expect('rows' in blank && blank.rows.find((r) => r.table === 'learners')!.row).toMatchObject({
			gender: 'not stated'
		});
		// A constant that is not a date is named by its field.
		const badDate = bound({
			...fixtureProfile(),
			fields: { ...fixtureProfile().fields, started_on: { value: 'YYYY-MM-DD' } }
		});
		expect(mapWideRow(badDate, ['1', '171', '1', '0', 'Dropout'], 3)).toEqual({
			problems: [{ field: 'started_on', message: '"YYYY-MM-DD" is not a date (YYYY-MM-DD)' }]
		});
	});
});
