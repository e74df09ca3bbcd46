CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" integer,
	"action" text NOT NULL,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "awards" (
	"learner_id" text NOT NULL,
	"id" text NOT NULL,
	"credential_id" text NOT NULL,
	"enrolment_id" text,
	"issued_on" date NOT NULL,
	"expires_on" date,
	"verification" text NOT NULL,
	"verification_reason" text,
	"source" jsonb,
	"import_id" integer,
	CONSTRAINT "awards_learner_id_id_pk" PRIMARY KEY("learner_id","id"),
	CONSTRAINT "awards_verification_check" CHECK ("awards"."verification" in ('verified', 'unverified', 'failed', 'unsigned'))
);
--> statement-breakpoint
CREATE TABLE "credential_skills" (
	"credential_id" text NOT NULL,
	"skill_uri" text NOT NULL,
	"label" text,
	CONSTRAINT "credential_skills_credential_id_skill_uri_pk" PRIMARY KEY("credential_id","skill_uri")
);
--> statement-breakpoint
CREATE TABLE "credentials" (
	"id" text PRIMARY KEY NOT NULL,
	"provider_id" text,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"level_framework" text,
	"level" text,
	"workload_hours" real,
	"credits" real,
	"credit_system" text,
	"assessed" boolean,
	"assessment_type" text,
	"participation_mode" text,
	"quality_assured" boolean,
	"description" text,
	"learning_outcomes" jsonb,
	"valid_from" date,
	"valid_to" date,
	"unparsed" jsonb,
	"origin" text DEFAULT 'real' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enrolments" (
	"learner_id" text NOT NULL,
	"id" text NOT NULL,
	"credential_id" text NOT NULL,
	"cohort" text,
	"started_on" date NOT NULL,
	"ended_on" date,
	"status" text NOT NULL,
	"result" text,
	"import_id" integer,
	CONSTRAINT "enrolments_learner_id_id_pk" PRIMARY KEY("learner_id","id"),
	CONSTRAINT "enrolments_status_check" CHECK ("enrolments"."status" in ('in_progress', 'completed', 'withdrawn', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "imports" (
	"id" serial PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"format" text NOT NULL,
	"sha256" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"rows_read" integer DEFAULT 0 NOT NULL,
	"rows_stored" integer DEFAULT 0 NOT NULL,
	"rows_rejected" integer DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"files" jsonb,
	"errors" jsonb,
	"user_id" integer
);
--> statement-breakpoint
CREATE TABLE "learners" (
	"id" text PRIMARY KEY NOT NULL,
	"gender" text DEFAULT 'not stated' NOT NULL,
	"age_band" text DEFAULT 'not stated' NOT NULL,
	"disability" text DEFAULT 'not stated' NOT NULL,
	"deprivation_band" text DEFAULT 'not stated' NOT NULL,
	"region" text DEFAULT 'not stated' NOT NULL,
	"prior_education" text DEFAULT 'not stated' NOT NULL,
	"analytics_consent" boolean DEFAULT true NOT NULL,
	"identity_hash" text,
	"origin" text DEFAULT 'real' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prerequisites" (
	"credential_id" text NOT NULL,
	"required_id" text NOT NULL,
	CONSTRAINT "prerequisites_credential_id_required_id_pk" PRIMARY KEY("credential_id","required_id")
);
--> statement-breakpoint
CREATE TABLE "providers" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text,
	"country" text,
	"qa_approach" text,
	"accredited" boolean,
	"origin" text DEFAULT 'real' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recognitions" (
	"credential_id" text NOT NULL,
	"recognised_as_id" text NOT NULL,
	CONSTRAINT "recognitions_credential_id_recognised_as_id_pk" PRIMARY KEY("credential_id","recognised_as_id")
);
--> statement-breakpoint
CREATE TABLE "requirement_groups" (
	"id" text PRIMARY KEY NOT NULL,
	"target_credential_id" text NOT NULL,
	"parent_group_id" text,
	"rule" text NOT NULL,
	"n" integer,
	"min_credits" real,
	"label" text,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "requirement_groups_rule_check" CHECK ("requirement_groups"."rule" in ('all', 'n_of', 'min_credits'))
);
--> statement-breakpoint
CREATE TABLE "requirement_members" (
	"group_id" text NOT NULL,
	"credential_id" text NOT NULL,
	CONSTRAINT "requirement_members_group_id_credential_id_pk" PRIMARY KEY("group_id","credential_id")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"provider_id" text,
	"learner_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
ALTER TABLE "awards" ADD CONSTRAINT "awards_learner_id_learners_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."learners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "awards" ADD CONSTRAINT "awards_credential_id_credentials_id_fk" FOREIGN KEY ("credential_id") REFERENCES "public"."credentials"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "awards" ADD CONSTRAINT "awards_learner_id_enrolment_id_enrolments_learner_id_id_fk" FOREIGN KEY ("learner_id","enrolment_id") REFERENCES "public"."enrolments"("learner_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credential_skills" ADD CONSTRAINT "credential_skills_credential_id_credentials_id_fk" FOREIGN KEY ("credential_id") REFERENCES "public"."credentials"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_learner_id_learners_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."learners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_credential_id_credentials_id_fk" FOREIGN KEY ("credential_id") REFERENCES "public"."credentials"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prerequisites" ADD CONSTRAINT "prerequisites_credential_id_credentials_id_fk" FOREIGN KEY ("credential_id") REFERENCES "public"."credentials"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prerequisites" ADD CONSTRAINT "prerequisites_required_id_credentials_id_fk" FOREIGN KEY ("required_id") REFERENCES "public"."credentials"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognitions" ADD CONSTRAINT "recognitions_credential_id_credentials_id_fk" FOREIGN KEY ("credential_id") REFERENCES "public"."credentials"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognitions" ADD CONSTRAINT "recognitions_recognised_as_id_credentials_id_fk" FOREIGN KEY ("recognised_as_id") REFERENCES "public"."credentials"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirement_groups" ADD CONSTRAINT "requirement_groups_target_credential_id_credentials_id_fk" FOREIGN KEY ("target_credential_id") REFERENCES "public"."credentials"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirement_groups" ADD CONSTRAINT "requirement_groups_parent_group_id_requirement_groups_id_fk" FOREIGN KEY ("parent_group_id") REFERENCES "public"."requirement_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirement_members" ADD CONSTRAINT "requirement_members_group_id_requirement_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."requirement_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirement_members" ADD CONSTRAINT "requirement_members_credential_id_credentials_id_fk" FOREIGN KEY ("credential_id") REFERENCES "public"."credentials"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_learner_id_learners_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."learners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "awards_credential_idx" ON "awards" USING btree ("credential_id","issued_on");--> statement-breakpoint
CREATE INDEX "credentials_provider_idx" ON "credentials" USING btree ("provider_id");--> statement-breakpoint
CREATE INDEX "enrolments_credential_idx" ON "enrolments" USING btree ("credential_id","started_on");--> statement-breakpoint
CREATE INDEX "requirement_groups_target_idx" ON "requirement_groups" USING btree ("target_credential_id");--> statement-breakpoint
CREATE INDEX "requirement_members_credential_idx" ON "requirement_members" USING btree ("credential_id");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");