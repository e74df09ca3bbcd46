ALTER TABLE "enrolment_rollup" DROP CONSTRAINT "enrolment_rollup_key";--> statement-breakpoint
CREATE UNIQUE INDEX "enrolment_rollup_coarse_key" ON "enrolment_rollup" USING btree ("keyset","origin","provider_id","credential_id","cohort","dimension","value","status","day","started_on") NULLS NOT DISTINCT WHERE "keyset" <> 'fine';
