// A mapping profile: how one wide extract (a row per student or per enrolment, as student-record
// systems export them) becomes Stackwise's records. It names, for each template field, a header
// cell (`column`, with an optional value table `map`), the row number (`#row`) or a constant
// (`value`). Pure: no I/O, so the CLI, the /imports mapping step and the tests share it.
import { z } from 'zod';
import { ENROLMENT_STATUSES } from '../../../domain/types.ts';
import type { ImportTable } from '../records.ts';
import { DELIMITERS, TEXT_ENCODINGS } from '../text-layout.ts';

/** The pseudo-column that stands for a data row's number (1 = the first row after the header). */
export const ROW_NUMBER = '#row';

type FieldSpec = {
	/** The template columns the field fills: table → column. */
	targets: [ImportTable, string][];
	/** What the mapping step shows beside the field. */
	label: string;
	required?: boolean;
};

const learner = (column: string, label: string): FieldSpec => ({ targets: [['learners', column]], label });
const credential = (column: string, label: string): FieldSpec => ({
	targets: [['credentials', column]],
	label
});

/**
 * The template fields a profile may fill, by the name a profile uses. Names are the templates'
 * column names; where two tables share one (`id`, `kind`, `name`), the table is spelt out.
 */
export const PROFILE_FIELDS = {
	learner_id: {
		targets: [
			['learners', 'id'],
			['enrolments', 'learner_id'],
			['awards', 'learner_id']
		],
		label: 'Learner id',
		required: true
	},
	gender: learner('gender', 'Gender'),
	age_band: learner('age_band', 'Age band'),
	disability: learner('disability', 'Disability'),
	deprivation_band: learner('deprivation_band', 'Deprivation band'),
	region: learner('region', 'Region'),
	prior_education: learner('prior_education', 'Prior education'),
	analytics_consent: learner('analytics_consent', 'Analytics consent (true/false)'),
	credential_id: {
		targets: [
			['credentials', 'id'],
			['enrolments', 'credential_id'],
			['awards', 'credential_id']
		],
		label: 'Credential (course) id',
		required: true
	},
	title: credential('title', 'Credential title (default: its id)'),
	credential_kind: credential('kind', 'Credential kind: micro, macro, unit, participation (default macro)'),
	level_framework: credential('level_framework', 'Level framework (EQF, AQF …)'),
	level: credential('level', 'Level'),
	credits: credential('credits', 'Credits'),
	credit_system: credential('credit_system', 'Credit system (ECTS …)'),
	workload_hours: credential('workload_hours', 'Workload in hours'),
	participation_mode: credential('participation_mode', 'Participation mode: online, onsite, blended'),
	provider_id: {
		targets: [
			['providers', 'id'],
			['credentials', 'provider_id']
		],
		label: 'Provider id'
	},
	provider_name: { targets: [['providers', 'name']], label: 'Provider name (default: its id)' },
	provider_kind: { targets: [['providers', 'kind']], label: 'Provider kind (higher_education, vet …)' },
	country: { targets: [['providers', 'country']], label: 'Provider country (ISO 3166-1)' },
	enrolment_id: {
		targets: [
			['enrolments', 'id'],
			['awards', 'enrolment_id']
		],
		label: 'Enrolment id (default: the credential id, and cohort)'
	},
	cohort: { targets: [['enrolments', 'cohort']], label: 'Cohort' },
	started_on: {
		targets: [['enrolments', 'started_on']],
		label: 'Started on (YYYY-MM-DD)',
		required: true
	},
	ended_on: { targets: [['enrolments', 'ended_on']], label: 'Ended on (YYYY-MM-DD; not for in-progress)' },
	status: {
		targets: [['enrolments', 'status']],
		label: 'Outcome: completed, withdrawn, failed, in_progress',
		required: true
	},
	result: { targets: [['enrolments', 'result']], label: 'Result (grade)' },
	award_id: { targets: [['awards', 'id']], label: 'Award id (default: the enrolment id)' },
	issued_on: { targets: [['awards', 'issued_on']], label: 'Award issued on (default: ended on)' }
} satisfies Record<string, FieldSpec>;

export type ProfileField = keyof typeof PROFILE_FIELDS;
export const PROFILE_FIELD_NAMES = Object.keys(PROFILE_FIELDS) as ProfileField[];
export const REQUIRED_FIELDS = PROFILE_FIELD_NAMES.filter(
	(f) => (PROFILE_FIELDS[f] as FieldSpec).required
) as ProfileField[];

const columnSource = z
	.object({
		column: z.string().min(1),
		/** Cell value → stored value; a value not in the table rejects its row. */
		map: z.record(z.string(), z.string()).optional(),
		/** Put before every value (ids made unique across sources, e.g. "portalegre-"). */
		prefix: z.string().optional()
	})
	.strict();
const valueSource = z.object({ value: z.string() }).strict();
export const fieldSource = z.union([columnSource, valueSource]);
export type FieldSource = z.infer<typeof fieldSource>;

export const profileSchema = z
	.object({
		/** What one row is: an enrolment, or a learner (with their one enrolment). */
		row: z.enum(['enrolment', 'learner']).default('enrolment'),
		/** Detected from the header when left out. */
		delimiter: z.enum(DELIMITERS).optional(),
		/** Detected from the first bytes when left out; given, it overrides what was detected. */
		encoding: z.enum(TEXT_ENCODINGS).optional(),
		fields: z.partialRecord(z.enum(PROFILE_FIELD_NAMES as [ProfileField, ...ProfileField[]]), fieldSource)
	})
	.strict()
	.superRefine((profile, ctx) => {
		for (const field of REQUIRED_FIELDS)
			if (!profile.fields[field])
				ctx.addIssue({
					code: 'custom',
					path: ['fields', field],
					message: `is required: name a column ("column"), the row number ("#row") or a constant ("value")`
				});
		const status = profile.fields.status;
		if (status && 'map' in status && status.map)
			for (const [from, to] of Object.entries(status.map))
				if (!(ENROLMENT_STATUSES as readonly string[]).includes(to))
					ctx.addIssue({
						code: 'custom',
						path: ['fields', 'status', 'map', from],
						message: `"${to}" is not one of ${ENROLMENT_STATUSES.join(', ')}`
					});
		if (status && 'value' in status && !(ENROLMENT_STATUSES as readonly string[]).includes(status.value))
			ctx.addIssue({
				code: 'custom',
				path: ['fields', 'status', 'value'],
				message: `"${status.value}" is not one of ${ENROLMENT_STATUSES.join(', ')}`
			});
	});
export type Profile = z.infer<typeof profileSchema>;

/** A profile from parsed JSON, or every problem with it named by its path in the JSON. */
export function parseProfile(json: unknown): { profile: Profile } | { problems: string[] } {
	const result = profileSchema.safeParse(json);
	if (result.success) return { profile: result.data };
	return {
		problems: result.error.issues.map((issue) => {
			const path = issue.path.map(String).join('.');
			const message =
				issue.code === 'invalid_key' || issue.code === 'unrecognized_keys'
					? `${issue.message}; the fields are ${PROFILE_FIELD_NAMES.join(', ')}`
					: issue.message;
			return path ? `${path}: ${message}` : message;
		})
	};
}

/** A header cell as profiles name it: without surrounding whitespace, tabs or a BOM. */
export const headerName = (cell: string) =>
	cell.replace(/^[\s\uFEFF]+|[\s\uFEFF]+$/g, '').replace(/\s+/g, ' ');
