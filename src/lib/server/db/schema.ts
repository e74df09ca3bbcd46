// The data model of DESIGN.md §2.
//
// Source-system identifiers are kept as text keys so re-imports are idempotent.
// Learner-scoped tables (learners, enrolments, awards) carry `learner_id` in their
// primary and foreign keys so the same schema distributes on Citus by learner_id
// (docs/scaling.md); catalogue tables are small reference tables.
// Dates without a time of day are `date` columns read as 'YYYY-MM-DD' strings, never
// through JS Date, so no time zone can shift them.
import { sql, type NotNull, type SQL } from 'drizzle-orm';
import {
	pgTable,
	text,
	boolean,
	integer,
	bigint,
	real,
	date,
	timestamp,
	jsonb,
	primaryKey,
	foreignKey,
	index,
	serial,
	check,
	type AnyPgColumn,
	type PgIntegerBuilderInitial
} from 'drizzle-orm/pg-core';
import {
	CREDENTIAL_KINDS,
	ENROLMENT_STATUSES,
	IMPORT_ORIGINS,
	ORIGINS,
	PARTICIPATION_MODES,
	PROVIDER_KINDS,
	QA_APPROACHES,
	REQUIREMENT_RULES,
	VERIFICATIONS
} from '../../domain/types.ts';

/** `column in ('a', 'b', …)` from a domain vocabulary: the database refuses what validation would. */
const oneOf = (column: AnyPgColumn, values: readonly string[]): SQL =>
	sql`${column} in (${sql.raw(values.map((v) => `'${v}'`).join(', '))})`;

export const providers = pgTable('providers', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	kind: text('kind', { enum: PROVIDER_KINDS }),
	/** ISO 3166-1 alpha-2 */
	country: text('country'),
	/** Null when unknown. */
	qaApproach: text('qa_approach', { enum: QA_APPROACHES }),
	accredited: boolean('accredited'),
	/** 'real' for data people brought; 'generated' for seeded demo or synthetic data, shown as such. */
	origin: text('origin', { enum: ORIGINS }).notNull().default('real')
});

export const credentials = pgTable(
	'credentials',
	{
		id: text('id').primaryKey(),
		providerId: text('provider_id').references(() => providers.id),
		title: text('title').notNull(),
		kind: text('kind', { enum: CREDENTIAL_KINDS }).notNull(),
		levelFramework: text('level_framework'),
		level: text('level'),
		workloadHours: real('workload_hours'),
		credits: real('credits'),
		creditSystem: text('credit_system'),
		assessed: boolean('assessed'),
		assessmentType: text('assessment_type'),
		participationMode: text('participation_mode', { enum: PARTICIPATION_MODES }),
		qualityAssured: boolean('quality_assured'),
		description: text('description'),
		/** Learning outcome statements, needed by the EU definition. */
		learningOutcomes: jsonb('learning_outcomes').$type<string[]>(),
		validFrom: date('valid_from', { mode: 'string' }),
		validTo: date('valid_to', { mode: 'string' }),
		/** Packaging-rule sentences an importer could not turn into rules (kept, never guessed). */
		unparsed: jsonb('unparsed').$type<string[]>(),
		origin: text('origin', { enum: ORIGINS }).notNull().default('real')
	},
	(t) => [index('credentials_provider_idx').on(t.providerId)]
);

/** A column naming a credential, whose row goes when the credential does. */
const credentialRef = (column: string) =>
	text(column)
		.notNull()
		.references(() => credentials.id, { onDelete: 'cascade' });

export const credentialSkills = pgTable(
	'credential_skills',
	{
		credentialId: credentialRef('credential_id'),
		skillUri: text('skill_uri').notNull(),
		label: text('label')
	},
	(t) => [primaryKey({ columns: [t.credentialId, t.skillUri] })]
);

export const requirementGroups = pgTable(
	'requirement_groups',
	{
		id: text('id').primaryKey(),
		targetCredentialId: credentialRef('target_credential_id'),
		/** Nested groups (CTDL conditions within conditions) count as one member of their parent. */
		parentGroupId: text('parent_group_id'),
		rule: text('rule', { enum: REQUIREMENT_RULES }).notNull(),
		n: integer('n'),
		minCredits: real('min_credits'),
		label: text('label'),
		position: integer('position').notNull().default(0)
	},
	(t) => [
		index('requirement_groups_target_idx').on(t.targetCredentialId),
		foreignKey({ columns: [t.parentGroupId], foreignColumns: [t.id] }).onDelete('cascade'),
		check('requirement_groups_rule_check', oneOf(t.rule, REQUIREMENT_RULES))
	]
);

export const requirementMembers = pgTable(
	'requirement_members',
	{
		groupId: text('group_id')
			.notNull()
			.references(() => requirementGroups.id, { onDelete: 'cascade' }),
		credentialId: credentialRef('credential_id')
	},
	(t) => [
		primaryKey({ columns: [t.groupId, t.credentialId] }),
		index('requirement_members_credential_idx').on(t.credentialId)
	]
);

/**
 * A relation from one credential to another, gone with either: its primary key is the pair.
 * `other` names the second credential's key, `column` its column.
 */
function credentialRelation<const Other extends string>(table: string, other: Other, column: string) {
	const columns = { credentialId: credentialRef('credential_id'), [other]: credentialRef(column) };
	return pgTable(table, columns as Record<'credentialId' | Other, ReturnType<typeof credentialRef>>, (t) => [
		primaryKey({ columns: [t.credentialId, t[other]] })
	]);
}

export const prerequisites = credentialRelation('prerequisites', 'requiredId', 'required_id');
export const recognitions = credentialRelation('recognitions', 'recognisedAsId', 'recognised_as_id');

export const imports = pgTable('imports', {
	id: serial('id').primaryKey(),
	source: text('source').notNull(),
	format: text('format').notNull(),
	sha256: text('sha256').notNull(),
	startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
	finishedAt: timestamp('finished_at', { withTimezone: true }),
	rowsRead: integer('rows_read').notNull().default(0),
	rowsStored: integer('rows_stored').notNull().default(0),
	rowsRejected: integer('rows_rejected').notNull().default(0),
	/** running | succeeded | refused | failed */
	status: text('status').notNull(),
	/** Per-file counts of a multi-file source (OULAD is a folder). */
	files: jsonb('files').$type<unknown[]>(),
	/** The first errors, each { file, line | path, field, message }. */
	errors: jsonb('errors').$type<unknown[]>(),
	userId: integer('user_id'),
	/** As the admin labelled the import; its rows carry it as their origin. */
	origin: text('origin', { enum: IMPORT_ORIGINS }).notNull().default('real')
});

/** Mapping profiles saved by name on /imports, reused for the next extract of the same shape. */
export const importProfiles = pgTable('import_profiles', {
	name: text('name').primaryKey(),
	/** The profile JSON (import/profile/profile.ts), as `--profile` reads it. */
	profile: jsonb('profile').notNull(),
	/** The header it was made for, so the next file with these columns is offered it first. */
	columns: jsonb('columns').$type<string[]>().notNull(),
	savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow(),
	userId: integer('user_id')
});

export const learners = pgTable('learners', {
	id: text('id').primaryKey(),
	gender: text('gender').notNull().default('not stated'),
	ageBand: text('age_band').notNull().default('not stated'),
	disability: text('disability').notNull().default('not stated'),
	deprivationBand: text('deprivation_band').notNull().default('not stated'),
	region: text('region').notNull().default('not stated'),
	priorEducation: text('prior_education').notNull().default('not stated'),
	analyticsConsent: boolean('analytics_consent').notNull().default(true),
	/** A hashed identity from a credential (Open Badges `identity`), kept hashed. */
	identityHash: text('identity_hash'),
	origin: text('origin', { enum: ORIGINS }).notNull().default('real'),
	/**
	 * What every view but the admin's shows instead of the id: a keyed hash of it (the key is this
	 * installation's secret in app_settings), computed by the app as it writes the learner
	 * (pseudonyms.ts). Unique through learner_pseudonyms, not here: on Citus a unique index must
	 * contain the distribution column (id).
	 */
	pseudonym: text('pseudonym')
});

/**
 * Pseudonym → learner, for pages and APIs addressed by pseudonym: one index probe, and on Citus
 * one shard (distributed on the pseudonym), where a lookup in learners would ask every shard.
 */
export const learnerPseudonyms = pgTable('learner_pseudonyms', {
	pseudonym: text('pseudonym').primaryKey(),
	learnerId: text('learner_id').notNull()
});

/**
 * The keys a learner's record (an enrolment, an award) starts with: its learner, whose deletion
 * takes it; its own id within that learner (the primary key is both, for Citus); its credential.
 */
const learnerRecordKeys = () => ({
	learnerId: text('learner_id')
		.notNull()
		.references(() => learners.id, { onDelete: 'cascade' }),
	id: text('id').notNull(),
	credentialId: text('credential_id')
		.notNull()
		.references(() => credentials.id)
});

/** A learner's record's primary key (the two keys above) and its index by credential and date. */
const learnerRecordIndexes = (
	table: string,
	t: { learnerId: AnyPgColumn; id: AnyPgColumn; credentialId: AnyPgColumn },
	dated: AnyPgColumn
) => [
	primaryKey({ columns: [t.learnerId, t.id] }),
	index(`${table}_credential_idx`).on(t.credentialId, dated)
];

export const enrolments = pgTable(
	'enrolments',
	{
		...learnerRecordKeys(),
		cohort: text('cohort'),
		/** Who delivered it, when not the credential's owner (an RTO delivering a national unit). */
		providerId: text('provider_id').references(() => providers.id),
		startedOn: date('started_on', { mode: 'string' }).notNull(),
		endedOn: date('ended_on', { mode: 'string' }),
		status: text('status', { enum: ENROLMENT_STATUSES }).notNull(),
		result: text('result'),
		importId: integer('import_id')
	},
	(t) => [
		...learnerRecordIndexes('enrolments', t, t.startedOn),
		check('enrolments_status_check', oneOf(t.status, ENROLMENT_STATUSES))
	]
);

export const awards = pgTable(
	'awards',
	{
		...learnerRecordKeys(),
		enrolmentId: text('enrolment_id'),
		/** Who issued it, when not the credential's owner. */
		providerId: text('provider_id').references(() => providers.id),
		issuedOn: date('issued_on', { mode: 'string' }).notNull(),
		expiresOn: date('expires_on', { mode: 'string' }),
		/** An award whose file says nothing of a signature is unsigned (the importers' default). */
		verification: text('verification', { enum: VERIFICATIONS })
			.notNull()
			.$default(() => 'unsigned'),
		verificationReason: text('verification_reason'),
		source: jsonb('source'),
		importId: integer('import_id')
	},
	(t) => [
		...learnerRecordIndexes('awards', t, t.issuedOn),
		foreignKey({
			columns: [t.learnerId, t.enrolmentId],
			foreignColumns: [enrolments.learnerId, enrolments.id]
		}).onDelete('cascade'),
		check('awards_verification_check', oneOf(t.verification, VERIFICATIONS))
	]
);

export const users = pgTable('users', {
	id: serial('id').primaryKey(),
	email: text('email').notNull().unique(),
	passwordHash: text('password_hash').notNull(),
	/** admin | policymaker | provider | learner */
	role: text('role').notNull(),
	providerId: text('provider_id').references(() => providers.id),
	/** No foreign key: on Citus learners is distributed and users is not (the app checks it). */
	learnerId: text('learner_id'),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	disabled: boolean('disabled').notNull().default(false),
	/** The language the user chose (en | fr | ar), kept with the account so it follows them; null: not chosen. */
	language: text('language'),
	/** native | latin digits, for a language with its own (Arabic); null: not chosen. */
	digits: text('digits')
});

export const sessions = pgTable(
	'sessions',
	{
		/** sha256 of the cookie token, so a database leak does not leak live sessions. */
		id: text('id').primaryKey(),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull()
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);

export const auditLog = pgTable('audit_log', {
	id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
	at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
	userId: integer('user_id'),
	action: text('action').notNull(),
	detail: jsonb('detail')
});

/**
 * Sign-in attempts per account ("account:email") and per address ("address:ip"), shared by every
 * app process: an attempt is admitted by one atomic update of its row, so parallel guesses cannot
 * get past the limit (auth/sign-in-limits.ts).
 */
export const signInLimits = pgTable('sign_in_limits', {
	key: text('key').primaryKey(),
	/** Attempts admitted since the row was last quiet for a window. */
	attempts: integer('attempts').notNull(),
	/** No attempt is admitted before this (the delay once the free attempts are used). */
	nextAt: timestamp('next_at', { withTimezone: true }).notNull(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull()
});

/**
 * Versions of an award that lost to the one stored by the same-id rule (import/conflicts.ts): a
 * verified award is never replaced by an unverified one, which is kept here, flagged, instead.
 */
export const awardConflicts = pgTable(
	'award_conflicts',
	{
		learnerId: text('learner_id')
			.notNull()
			.references(() => learners.id, { onDelete: 'cascade' }),
		awardId: text('award_id').notNull(),
		/** sha256 of `version`: the same version imported again is the same conflict. */
		digest: text('digest').notNull(),
		/** The award as the conflicting source gave it (the fields of tables.ts). */
		version: jsonb('version').notNull(),
		/** The import that met it; no foreign key, as Citus allows none from a sharded table to imports. */
		importId: integer('import_id'),
		source: text('source').notNull(),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.learnerId, t.awardId, t.digest] })]
);

/** Addresses an account has signed in from: the account's delay does not hold them back. */
export const knownSignInAddresses = pgTable(
	'known_sign_in_addresses',
	{
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		address: text('address').notNull(),
		lastAt: timestamp('last_at', { withTimezone: true }).notNull()
	},
	(t) => [primaryKey({ columns: [t.userId, t.address] })]
);

/** Small installation-wide settings, e.g. the secret that makes pseudonymous learner ids. */
export const appSettings = pgTable('app_settings', {
	key: text('key').primaryKey(),
	value: text('value').notNull()
});

/**
 * The keys the rollup tables count by, each named and typed once: a rollup table takes the keys it
 * sums over from here, in its own order, and its counts from `counts`. A key is nullable where a
 * table leaves it out of some rows (the whole system, no cohort, an enrolment not ended); `.notNull()`
 * where a table always sets it.
 */
const rollupKey = {
	origin: () => text('origin').notNull(),
	keyset: () => text('keyset').notNull(),
	providerId: () => text('provider_id'),
	credentialId: () => text('credential_id'),
	cohort: () => text('cohort'),
	/** 'all', or a group dimension (gender, age_band, …). */
	dimension: () => text('dimension').notNull(),
	value: () => text('value').notNull(),
	status: () => text('status').notNull(),
	/** ended_on − started_on (at least 0) for ended enrolments; null while in progress. */
	day: () => integer('day'),
	/** Only for enrolments in progress. */
	startedOn: () => date('started_on', { mode: 'string' })
};

type RollupKey = keyof typeof rollupKey;

/** Fresh columns (drizzle builds each into one table) for the named keys, in the order given. */
function rollupKeys<const K extends RollupKey>(...keys: K[]) {
	return Object.fromEntries(keys.map((key) => [key, rollupKey[key]()])) as {
		[Key in K]: ReturnType<(typeof rollupKey)[Key]>;
	};
}

/** A rollup table's counts: whole numbers, always set, each column named as its key. */
function counts<const Name extends string>(...names: Name[]) {
	return Object.fromEntries(names.map((name) => [name, integer(name).notNull()])) as {
		[N in Name]: NotNull<PgIntegerBuilderInitial<N>>;
	};
}

/**
 * Rollups: what the dashboards ask, counted once per import instead of per request.
 * Opted-out learners are not counted. A cache of the base tables: refreshed for the credentials
 * an import, a consent change or retention touched.
 *
 * The fine rows: enrolments per credential × cohort × delivering provider × status × days to
 * the outcome × the learner's six groups — one row per distinct profile, so a per-credential
 * question by any one group sums its rows. Enrolments still in progress keep their start date,
 * so the wait to today is computed when asked. (Unpivoted, one row per group dimension, the same
 * counts took seven times the rows and a 1M-enrolment refresh took a minute instead of seconds.)
 */
export const enrolmentRollupFine = pgTable(
	'enrolment_rollup_fine',
	{
		...rollupKeys('origin', 'providerId'),
		credentialId: rollupKey.credentialId().notNull(),
		...rollupKeys('cohort', 'status', 'day', 'startedOn'),
		gender: text('gender').notNull(),
		ageBand: text('age_band').notNull(),
		disability: text('disability').notNull(),
		deprivationBand: text('deprivation_band').notNull(),
		region: text('region').notNull(),
		priorEducation: text('prior_education').notNull(),
		...counts('enrolments')
	},
	(t) => [index('enrolment_rollup_fine_credential_idx').on(t.credentialId)]
);

/**
 * The coarse sums of the fine rows, unpivoted: one group dimension (or 'all') per row, with the
 * same status, days and start date. Kept by adding the new fine rows and subtracting the old.
 */
export const enrolmentRollup = pgTable(
	'enrolment_rollup',
	{
		/**
		 * '' (whole system) and 'provider', with days, for every group dimension; 'outcome' — every
		 * fine key but the days and groups — and 'credential' (outcomes per credential alone) for
		 * completion counts by credential or cohort. See COARSE_KEYSETS in rollups.ts.
		 */
		...rollupKeys('keyset', 'origin', 'providerId', 'credentialId', 'cohort'),
		...rollupKeys('dimension', 'value', 'status', 'day', 'startedOn'),
		...counts('enrolments')
	},
	(t) => [
		// The unique key — what the add/subtract upsert meets, and, led by (keyset, dimension,
		// provider_id), what every question reads by (origin comes later: `origin <> 'real'` cannot
		// use an index) — is NULLS NOT DISTINCT, written by hand in drizzle/0006 (drizzle cannot
		// say it). Only the 'outcome' and 'credential' rows name a credential.
		index('enrolment_rollup_credential_idx')
			.on(t.credentialId)
			.where(sql`credential_id is not null`)
	]
);

/**
 * Distinct learners per rollup key set, for suppression: learners cannot be summed across
 * credentials or cohorts (one learner enrols in several), so each key set a dashboard asks for
 * is counted on its own. `keyset` names the keys that are set: '' | 'provider' | 'credential' |
 * 'cohort' | 'provider,credential'.
 */
export const learnerRollup = pgTable(
	'learner_rollup',
	{
		...rollupKeys('origin', 'keyset', 'providerId', 'credentialId', 'cohort', 'dimension', 'value'),
		...counts('learners')
	},
	// A question fixes the key set and dimension, and then a provider, credential or cohort.
	(t) => [index('learner_rollup_key_idx').on(t.keyset, t.dimension, t.providerId, t.credentialId, t.cohort)]
);

/** Awards per credential × issuing provider × verification, for the headline counts. */
export const awardRollup = pgTable(
	'award_rollup',
	{
		...rollupKeys('origin', 'providerId'),
		credentialId: rollupKey.credentialId().notNull(),
		verification: text('verification').notNull(),
		...counts('awards')
	},
	(t) => [index('award_rollup_credential_idx').on(t.credentialId)]
);

/**
 * The /system panels that count learners over their whole history — stacking, issuance, flows —
 * as sums of what each learner adds (stacking counted in the app by domain/rollups/learner-panels.ts,
 * issuance and flows by the database in server/panel-counts.ts): a change takes its learners' old
 * counts out and puts their new ones in. One row per panel × origin × provider
 * ('' for the whole system) × dimension and value ('all' or one group) × the panel's keys:
 * stacking (qualification or '' for all), issuance (quarter, 'all' | 'verified'; the dimension is
 * the breakdown), flows (kind, from, to). The counts n0–n7 are, by panel: stacking holders,
 * achieved and the six progress bins; issuance awards and learners; flows learners.
 */
export const panelRollup = pgTable(
	'panel_rollup',
	{
		panel: text('panel').notNull(),
		...rollupKeys('origin'),
		providerId: rollupKey.providerId().notNull(),
		...rollupKeys('dimension', 'value'),
		k1: text('k1').notNull(),
		k2: text('k2').notNull(),
		k3: text('k3').notNull(),
		...counts('n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7')
	},
	// What a question fixes (panel, provider, dimension, then a flow's kind) leads; origin after,
	// as in enrolment_rollup (`origin <> 'real'` cannot narrow an index scan).
	(t) => [primaryKey({ columns: [t.panel, t.providerId, t.dimension, t.k1, t.origin, t.value, t.k2, t.k3] })]
);

/**
 * The whole system's flows by start cohort (/api/flows), pre-summed per data view ('real',
 * 'generated', 'all': the origins a question counts) from the panel sums' cohort cells, one row a
 * flow: the panel sums hold one row per origin, so ordering them by size meant summing every cell
 * first (167,557 flows at 10M enrolments). Indexed in the answer's order (the largest first, then
 * the names byte by byte, a missing cohort last), one index for both kinds and one for each kind
 * alone, so a page of the largest flows reads only the rows it returns. Kept by panel-rollups.ts.
 */
export const flowCohortRollup = pgTable(
	'flow_cohort_rollup',
	{
		data: text('data').notNull(),
		kind: text('kind').notNull(),
		fromId: text('from_id').notNull(),
		toId: text('to_id').notNull(),
		// A null cohort: flows from enrolments of no cohort.
		...rollupKeys('cohort'),
		...counts('learners')
	},
	(t) => [
		index('flow_cohort_rollup_order_idx').on(
			t.data,
			t.learners.desc(),
			sql`${t.kind} collate "C"`,
			sql`${t.fromId} collate "C"`,
			sql`${t.toId} collate "C"`,
			sql`${t.cohort} collate "C"`
		),
		index('flow_cohort_rollup_kind_order_idx').on(
			t.data,
			t.kind,
			t.learners.desc(),
			sql`${t.fromId} collate "C"`,
			sql`${t.toId} collate "C"`,
			sql`${t.cohort} collate "C"`
		)
	]
);

/**
 * Each provider's awards, verified awards and distinct learners awarded, per origin (consenting
 * learners only; an award's provider is its own or its credential's): the providers' verified
 * shares and the totals conformance publishes beside them, which otherwise read every award. A
 * learner has one origin, so learners add up across origins. Counted whole by every refresh.
 */
export const providerAwardRollup = pgTable(
	'provider_award_rollup',
	{
		...rollupKeys('origin'),
		providerId: rollupKey.providerId().notNull(),
		...counts('awards', 'verified', 'learners')
	},
	(t) => [primaryKey({ columns: [t.providerId, t.origin] })]
);
