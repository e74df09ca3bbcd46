CREATE TABLE "enrolment_rollup_fine" (
	"origin" text NOT NULL,
	"provider_id" text,
	"credential_id" text NOT NULL,
	"cohort" text,
	"status" text NOT NULL,
	"day" integer,
	"started_on" date,
	"gender" text NOT NULL,
	"age_band" text NOT NULL,
	"disability" text NOT NULL,
	"deprivation_band" text NOT NULL,
	"region" text NOT NULL,
	"prior_education" text NOT NULL,
	"enrolments" integer NOT NULL
);
--> statement-breakpoint
DROP INDEX "enrolment_rollup_keyset_idx";--> statement-breakpoint
DROP INDEX "enrolment_rollup_credential_idx";--> statement-breakpoint
CREATE INDEX "enrolment_rollup_fine_credential_idx" ON "enrolment_rollup_fine" USING btree ("credential_id");--> statement-breakpoint
CREATE INDEX "enrolment_rollup_credential_idx" ON "enrolment_rollup" USING btree ("credential_id") WHERE credential_id is not null;--> statement-breakpoint
-- The fine rows moved to enrolment_rollup_fine; the next start recounts every rollup (rollups.ts STATE_VERSION).
DELETE FROM "enrolment_rollup" WHERE "keyset" = 'fine';--> statement-breakpoint
DROP INDEX "enrolment_rollup_coarse_key";--> statement-breakpoint
CREATE UNIQUE INDEX "enrolment_rollup_key" ON "enrolment_rollup" USING btree ("keyset","dimension","origin","provider_id","credential_id","cohort","value","status","day","started_on") NULLS NOT DISTINCT;
