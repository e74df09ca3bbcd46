CREATE TABLE "award_rollup" (
	"origin" text NOT NULL,
	"provider_id" text,
	"credential_id" text NOT NULL,
	"verification" text NOT NULL,
	"awards" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enrolment_rollup" (
	"keyset" text NOT NULL,
	"origin" text NOT NULL,
	"provider_id" text,
	"credential_id" text,
	"cohort" text,
	"dimension" text NOT NULL,
	"value" text NOT NULL,
	"status" text NOT NULL,
	"day" integer,
	"started_on" date,
	"enrolments" integer NOT NULL,
	CONSTRAINT "enrolment_rollup_key" UNIQUE NULLS NOT DISTINCT("keyset","origin","provider_id","credential_id","cohort","dimension","value","status","day","started_on")
);
--> statement-breakpoint
CREATE TABLE "learner_rollup" (
	"origin" text NOT NULL,
	"keyset" text NOT NULL,
	"provider_id" text,
	"credential_id" text,
	"cohort" text,
	"dimension" text NOT NULL,
	"value" text NOT NULL,
	"learners" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "award_rollup_credential_idx" ON "award_rollup" USING btree ("credential_id");--> statement-breakpoint
CREATE INDEX "enrolment_rollup_credential_idx" ON "enrolment_rollup" USING btree ("credential_id");--> statement-breakpoint
CREATE INDEX "enrolment_rollup_keyset_idx" ON "enrolment_rollup" USING btree ("keyset","dimension");--> statement-breakpoint
CREATE INDEX "learner_rollup_key_idx" ON "learner_rollup" USING btree ("keyset","dimension");